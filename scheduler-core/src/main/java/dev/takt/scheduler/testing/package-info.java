/**
 * Deterministic testing of code that schedules jobs, shipped in the main jar as db-scheduler's
 * {@code testhelper}: a {@link dev.takt.scheduler.testing.MutableClock} and a
 * {@link dev.takt.scheduler.testing.TickScheduler} that runs due jobs only when ticked, on the
 * ticking thread.
 */
@NullMarked
package dev.takt.scheduler.testing;

import org.jspecify.annotations.NullMarked;
