/**
 * Takt's user API: the {@link dev.takt.scheduler.Scheduler}, the job model
 * ({@link dev.takt.scheduler.Job}, {@link dev.takt.scheduler.JobSpec},
 * {@link dev.takt.scheduler.JobHandler}, {@link dev.takt.scheduler.JobContext},
 * {@link dev.takt.scheduler.JobResult}), named instances in a
 * {@link dev.takt.scheduler.SchedulerManager}, and the exceptions, all rooted at
 * {@link dev.takt.scheduler.SchedulerException}.
 */
@NullMarked
package dev.takt.scheduler;

import org.jspecify.annotations.NullMarked;
