/**
 * Retrying failed runs: the {@link dev.takt.scheduler.retry.RetryPolicy} a job carries, and the
 * {@link dev.takt.scheduler.retry.RetryListener} hooks a handler may implement.
 */
@NullMarked
package dev.takt.scheduler.retry;

import org.jspecify.annotations.NullMarked;
