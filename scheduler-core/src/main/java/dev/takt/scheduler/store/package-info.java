/**
 * Where jobs are kept: the {@link dev.takt.scheduler.store.JobStore} SPI, its clustered
 * sub-interface {@link dev.takt.scheduler.store.ClusteredJobStore}, and the
 * {@link dev.takt.scheduler.store.MemoryJobStore}.
 * <p>
 * The scheduler's loop never reads a due job and writes it back in two steps: it hands the store
 * a {@link dev.takt.scheduler.store.FirePlanner} and the store claims due jobs and advances their
 * next run times in one atomic step ({@link dev.takt.scheduler.store.JobStore#acquireDue}). A
 * claimed fire becomes a {@link dev.takt.scheduler.store.Run}, which the store counts against the
 * job's {@code maxInstances} until the scheduler {@link dev.takt.scheduler.store.JobStore#complete
 * completes} it or stores a retry of it.
 */
@NullMarked
package dev.takt.scheduler.store;

import org.jspecify.annotations.NullMarked;
