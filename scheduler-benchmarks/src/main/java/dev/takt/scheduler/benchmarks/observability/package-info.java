/**
 * What observability costs the engine: the backlog drain with and without meters and event
 * listeners.
 */
@NullMarked
package dev.takt.scheduler.benchmarks.observability;

import org.jspecify.annotations.NullMarked;
