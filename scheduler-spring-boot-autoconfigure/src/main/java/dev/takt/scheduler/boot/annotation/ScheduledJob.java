package dev.takt.scheduler.boot.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a job that runs the annotated bean method, as APScheduler's {@code @scheduled_job}.
 * The method takes no argument or a {@link dev.takt.scheduler.JobContext}, and may return
 * nothing, a {@link dev.takt.scheduler.JobResult}, any other value (kept as the result's data) or
 * a {@link java.util.concurrent.CompletionStage} of one of those (the run then finishes when the
 * stage completes, without holding a thread). It may be on any bean, including a proxied one
 * (the proxy is called, so {@code @Transactional} and the like apply).
 * <pre>{@code
 * @ScheduledJob(cron = "0 9 * * 1-5", zone = "Europe/London")
 * void sendReport() { ... }
 *
 * @ScheduledJob(id = "cache-refresh", interval = "${cache.refresh:30s}", retryMaxAttempts = "3")
 * JobResult refresh(JobContext context) { ... }
 * }</pre>
 * Give exactly one trigger: {@link #cron()}, APScheduler's cron fields ({@link #year()} to
 * {@link #second()}), {@link #interval()} or {@link #runAt()}. Every attribute is a string, so
 * {@code ${...}} placeholders work everywhere; an empty string means "not set", and the
 * instance's {@code scheduler.*} defaults apply. Values are checked at start-up, and a bad one
 * fails it with a message naming the method, the attribute and the value.
 * <p>
 * The job's handler is registered under the name {@code beanName.methodName}, which is what a
 * persistent store keeps; jobs are upserted at start-up under
 * {@code scheduler.declared-jobs.conflict-policy}, so a restart keeps an unchanged job's next run
 * time.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ScheduledJob {

	/**
	 * Job id, unique within its scheduler instance. Defaults to {@code beanName.methodName}.
	 * @return the id
	 */
	String id() default "";

	/**
	 * Readable name. Defaults to the handler name, {@code beanName.methodName}.
	 * @return the name
	 */
	String name() default "";

	/**
	 * Name of the scheduler instance that runs the job ({@code scheduler.instances.<name>}).
	 * Defaults to {@code default}.
	 * @return the instance name
	 */
	String scheduler() default "";

	/**
	 * Cron expression: a 5-field crontab string ({@code "0 9 * * 1-5"}, 0 and 7 are Sunday), a
	 * 6-field string with seconds first as Spring's {@code @Scheduled} ({@code "0 0 9 * * MON-FRI"})
	 * or a macro ({@code @daily}, {@code @hourly}, ...).
	 * @return the cron expression
	 */
	String cron() default "";

	/**
	 * APScheduler cron field {@code year}, e.g. {@code "2025-2027"}.
	 * @return the field expression
	 */
	String year() default "";

	/**
	 * APScheduler cron field {@code month} (1-12 or jan-dec).
	 * @return the field expression
	 */
	String month() default "";

	/**
	 * APScheduler cron field {@code day} (1-31, {@code last}, {@code "last fri"}, {@code "2nd mon"}).
	 * @return the field expression
	 */
	String day() default "";

	/**
	 * APScheduler cron field {@code week} (ISO week, 1-53).
	 * @return the field expression
	 */
	String week() default "";

	/**
	 * APScheduler cron field {@code day_of_week} (0-6 or mon-sun; 0 is Monday, as in APScheduler).
	 * @return the field expression
	 */
	String dayOfWeek() default "";

	/**
	 * APScheduler cron field {@code hour} (0-23).
	 * @return the field expression
	 */
	String hour() default "";

	/**
	 * APScheduler cron field {@code minute} (0-59).
	 * @return the field expression
	 */
	String minute() default "";

	/**
	 * APScheduler cron field {@code second} (0-59).
	 * @return the field expression
	 */
	String second() default "";

	/**
	 * Time between runs, the first one interval after start-up: {@code "30s"}, {@code "5m"},
	 * {@code "PT1H"}; a bare number is seconds.
	 * @return the interval
	 */
	String interval() default "";

	/**
	 * When to run once: an ISO-8601 date-time with an offset ({@code "2030-01-01T09:00:00Z"}) or a
	 * local one in {@link #zone()} ({@code "2030-01-01T09:00"}).
	 * @return the run time
	 */
	String runAt() default "";

	/**
	 * Time zone of the cron expression or fields and of a local {@link #runAt()}, e.g.
	 * {@code "Europe/London"}. Defaults to the instance's {@code timezone}.
	 * @return the zone id
	 */
	String zone() default "";

	/**
	 * Name of the executor that runs the job. Defaults to {@code default}.
	 * @return the executor name
	 */
	String executor() default "";

	/**
	 * Whether several missed run times run once (the latest) rather than each: {@code "true"} or
	 * {@code "false"}.
	 * @return the coalesce setting
	 */
	String coalesce() default "";

	/**
	 * How many runs of the job may be in progress at once, at least 1.
	 * @return the limit
	 */
	String maxInstances() default "";

	/**
	 * How late a run may start and still run, e.g. {@code "30s"}.
	 * @return the grace time
	 */
	String misfireGraceTime() default "";

	/**
	 * Largest random delay added to each fire time of a cron or interval trigger, e.g.
	 * {@code "10s"}.
	 * @return the jitter
	 */
	String jitter() default "";

	/**
	 * Longest a run may take before it is interrupted and failed, e.g. {@code "5m"}.
	 * @return the timeout
	 */
	String timeout() default "";

	/**
	 * Number of attempts in all for a failed run (1 is no retry).
	 * @return the maximum attempts
	 */
	String retryMaxAttempts() default "";

	/**
	 * Wait after the first failed attempt, e.g. {@code "2s"}.
	 * @return the delay
	 */
	String retryDelay() default "";

	/**
	 * Factor each further wait grows by (1 is a fixed delay).
	 * @return the multiplier
	 */
	String retryMultiplier() default "";

	/**
	 * Longest wait between attempts, e.g. {@code "1m"}.
	 * @return the maximum delay
	 */
	String retryMaxDelay() default "";

	/**
	 * Exception types that are retried; every exception when empty.
	 * @return the exception types
	 */
	Class<? extends Throwable>[] retryOn() default {};

	/**
	 * Exception types that are never retried.
	 * @return the exception types
	 */
	Class<? extends Throwable>[] abortOn() default {};

}
