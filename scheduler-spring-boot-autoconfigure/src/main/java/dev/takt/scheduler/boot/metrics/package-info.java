/**
 * The scheduler's Micrometer meters, built from its events (runs, lateness, retries) and its API
 * (jobs, runs in progress, executor queues). The only package where Micrometer appears.
 */
@NullMarked
package dev.takt.scheduler.boot.metrics;

import org.jspecify.annotations.NullMarked;
