package dev.takt.scheduler.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.takt.scheduler.JobContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Logs one line per run outcome on the logger {@value #NAME}: succeeded (info), failed and
 * retried (warn), failed for good (error), missed and skipped for max instances (warn). Each line
 * names the job, the instance, the attempt and the duration in its message, and carries them as
 * key-value pairs for structured logging; {@link #open} puts the job into the MDC for as long as
 * its handler runs.
 */
final class RunLog {

	/** The logger name of run outcomes, so that they can be turned down on their own. */
	static final String NAME = "dev.takt.scheduler.runs";

	private static final Logger logger = LoggerFactory.getLogger(NAME);

	private RunLog() {
	}

	static void succeeded(JobContext context, Duration duration) {
		if (logger.isInfoEnabled()) {
			logger.atInfo()
				.addKeyValue("jobId", context.jobId())
				.addKeyValue("scheduler", context.schedulerName())
				.addKeyValue("attempt", context.attempt())
				.addKeyValue("durationMs", duration.toMillis())
				.addKeyValue("outcome", "success")
				.log("Job '{}' of scheduler '{}' succeeded on attempt {} in {} ms (run time {})", context.jobId(),
						context.schedulerName(), context.attempt(), duration.toMillis(), context.scheduledFireTime());
		}
	}

	static void retrying(JobContext context, Duration duration, @Nullable String message, Instant retryAt,
			@Nullable Throwable failure) {
		logger.atWarn()
			.addKeyValue("jobId", context.jobId())
			.addKeyValue("scheduler", context.schedulerName())
			.addKeyValue("attempt", context.attempt())
			.addKeyValue("durationMs", duration.toMillis())
			.addKeyValue("outcome", "retry")
			.setCause(failure)
			.log("Job '{}' of scheduler '{}' failed on attempt {} in {} ms (run time {}): {}; retrying at {}",
					context.jobId(), context.schedulerName(), context.attempt(), duration.toMillis(),
					context.scheduledFireTime(), message, retryAt);
	}

	static void failed(JobContext context, Duration duration, @Nullable String message, String outcome,
			@Nullable Throwable failure) {
		logger.atError()
			.addKeyValue("jobId", context.jobId())
			.addKeyValue("scheduler", context.schedulerName())
			.addKeyValue("attempt", context.attempt())
			.addKeyValue("durationMs", duration.toMillis())
			.addKeyValue("outcome", outcome)
			.setCause(failure)
			.log("Job '{}' of scheduler '{}' failed on attempt {} in {} ms (run time {}): {}", context.jobId(),
					context.schedulerName(), context.attempt(), duration.toMillis(), context.scheduledFireTime(),
					message);
	}

	static void missed(String scheduler, String jobId, Instant runTime, Duration lateBy) {
		logger.atWarn()
			.addKeyValue("jobId", jobId)
			.addKeyValue("scheduler", scheduler)
			.addKeyValue("lateMs", lateBy.toMillis())
			.addKeyValue("outcome", "missed")
			.log("Run time {} of job '{}' of scheduler '{}' was missed by {}", runTime, jobId, scheduler, lateBy);
	}

	static void maxInstances(String scheduler, String jobId, List<Instant> runTimes, int maxInstances) {
		logger.atWarn()
			.addKeyValue("jobId", jobId)
			.addKeyValue("scheduler", scheduler)
			.addKeyValue("outcome", "max-instances")
			.log("Run of job '{}' of scheduler '{}' skipped (run times {}): maximum number of running instances "
					+ "reached ({})", jobId, scheduler, runTimes, maxInstances);
	}

	/**
	 * Puts a run's job id, instance and attempt into the MDC until the returned scope is closed,
	 * which puts back what was there before.
	 * @param context the run
	 * @return the scope
	 */
	static MdcScope open(JobContext context) {
		MdcScope scope = new MdcScope(MDC.get(JobContext.MDC_JOB_ID), MDC.get(JobContext.MDC_SCHEDULER),
				MDC.get(JobContext.MDC_ATTEMPT));
		MDC.put(JobContext.MDC_JOB_ID, context.jobId());
		MDC.put(JobContext.MDC_SCHEDULER, context.schedulerName());
		MDC.put(JobContext.MDC_ATTEMPT, Integer.toString(context.attempt()));
		return scope;
	}

	/** What the MDC held before a run's values were put in. */
	record MdcScope(@Nullable String jobId, @Nullable String scheduler, @Nullable String attempt)
			implements AutoCloseable {

		@Override
		public void close() {
			restore(JobContext.MDC_JOB_ID, this.jobId);
			restore(JobContext.MDC_SCHEDULER, this.scheduler);
			restore(JobContext.MDC_ATTEMPT, this.attempt);
		}

		private static void restore(String key, @Nullable String value) {
			if (value == null) {
				MDC.remove(key);
			}
			else {
				MDC.put(key, value);
			}
		}

	}

}
