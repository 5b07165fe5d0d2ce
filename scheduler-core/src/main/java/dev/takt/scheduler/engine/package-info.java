/**
 * The engine behind {@link dev.takt.scheduler.Scheduler}: one loop thread per instance that sleeps
 * until the store's earliest next run time (or a change), claims due jobs in batches, works out
 * their missed run times, applies coalescing, the misfire grace time and {@code maxInstances},
 * hands runs to their executors and records their outcomes.
 */
@NullMarked
package dev.takt.scheduler.engine;

import org.jspecify.annotations.NullMarked;
