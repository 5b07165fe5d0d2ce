/**
 * Auto-configuration of the scheduler: {@code scheduler.*} properties, the
 * {@link dev.takt.scheduler.SchedulerManager} and its instances, the job stores they use, the jobs
 * declared with {@code @ScheduledJob} and in {@code scheduler.jobs}, Spring application events
 * for scheduler events, and the failure analyses of bad configuration.
 */
@NullMarked
package dev.takt.scheduler.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
