/**
 * Where runs execute: the {@link dev.takt.scheduler.executor.JobExecutor} SPI and its
 * implementations, a bounded thread pool, virtual threads (on JVMs that have them) and a direct,
 * same-thread executor for tests.
 */
@NullMarked
package dev.takt.scheduler.executor;

import org.jspecify.annotations.NullMarked;
