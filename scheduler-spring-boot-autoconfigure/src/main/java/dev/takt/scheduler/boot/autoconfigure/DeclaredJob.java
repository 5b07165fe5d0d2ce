package dev.takt.scheduler.boot.autoconfigure;

import dev.takt.scheduler.JobSpec;

/**
 * A job declared by a {@code @ScheduledJob} method or under {@code scheduler.jobs}, checked and
 * ready to be upserted into its instance.
 *
 * @param id the job id
 * @param scheduler the name of the instance that runs it
 * @param origin where it was declared
 * @param spec the job
 */
record DeclaredJob(String id, String scheduler, DeclarationOrigin origin, JobSpec spec) {
}
