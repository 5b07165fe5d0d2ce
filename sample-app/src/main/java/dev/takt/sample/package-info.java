/**
 * The sample application: scheduled jobs, job handlers and an HTTP API that starts jobs.
 */
@NullMarked
package dev.takt.sample;

import org.jspecify.annotations.NullMarked;
