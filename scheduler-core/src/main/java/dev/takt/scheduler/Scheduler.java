package dev.takt.scheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import dev.takt.scheduler.event.EventType;
import dev.takt.scheduler.event.SchedulerListener;
import dev.takt.scheduler.executor.JobExecutor;
import dev.takt.scheduler.history.RunRecord;
import dev.takt.scheduler.trigger.CronTrigger;
import dev.takt.scheduler.trigger.DateTrigger;
import dev.takt.scheduler.trigger.IntervalTrigger;
import dev.takt.scheduler.trigger.Trigger;
import org.jspecify.annotations.Nullable;

/**
 * A scheduler instance, with APScheduler's API: add jobs (by spec, or in one call for a cron,
 * interval or date job), change, pause, resume and remove them, start and shut down, listen to
 * events. Thread-safe. Built with {@link #builder()}:
 * <pre>{@code
 * Scheduler scheduler = Scheduler.builder()
 *         .name("report")
 *         .handler("sendReport", reportHandler)
 *         .executor("cpu", ThreadPoolJobExecutor.ofSize(2, "report-cpu-"))
 *         .jobDefaults(JobDefaults.standard().withMisfireGraceTime(Duration.ofMinutes(5)))
 *         .build();
 * scheduler.addCronJob("weekday-report", "0 9 * * 1-5", "sendReport", "sales");
 * scheduler.start();
 * }</pre>
 * Jobs may be added before {@link #start()}; they are stored at once, with their first run time
 * worked out when they are added, and run once the scheduler is started.
 */
public interface Scheduler {

	/**
	 * Returns a builder for a scheduler.
	 * @return the builder
	 */
	static SchedulerBuilder builder() {
		return new SchedulerBuilder();
	}

	/**
	 * Returns the instance name.
	 * @return the name
	 */
	String name();

	/**
	 * Returns the state.
	 * @return the state
	 */
	SchedulerState state();

	/**
	 * Returns the clock the scheduler reads the time from.
	 * @return the clock
	 */
	Clock clock();

	/**
	 * Returns the time zone of crontab strings given to {@link #addCronJob}.
	 * @return the time zone
	 */
	ZoneId timezone();

	/**
	 * Returns the registry the scheduler resolves handler names with.
	 * @return the handler registry
	 */
	HandlerRegistry handlers();

	/**
	 * Starts processing jobs.
	 * @throws SchedulerAlreadyRunningException when the scheduler is running or was shut down
	 */
	default void start() {
		start(false);
	}

	/**
	 * Starts the scheduler, optionally paused: jobs are kept and may be changed, none runs until
	 * {@link #resume()}.
	 * @param paused whether to start paused
	 * @throws SchedulerAlreadyRunningException when the scheduler is running or was shut down
	 */
	void start(boolean paused);

	/**
	 * Shuts the scheduler down and waits for runs in progress to finish.
	 * @throws SchedulerNotRunningException when the scheduler is not running
	 */
	default void shutdown() {
		shutdown(true);
	}

	/**
	 * Shuts the scheduler down: no run starts after this. With {@code wait}, returns once the runs
	 * in progress and those already handed to executors have finished; without, interrupts them
	 * and returns at once.
	 * @param wait whether to wait for runs to finish
	 * @throws SchedulerNotRunningException when the scheduler is not running
	 */
	default void shutdown(boolean wait) {
		shutdown(wait ? null : Duration.ZERO);
	}

	/**
	 * Shuts the scheduler down, waiting at most {@code maxWait} for runs to finish, then
	 * interrupting those still in progress.
	 * @param maxWait the longest wait, or {@code null} to wait as long as it takes
	 * @return whether every run finished within the wait
	 * @throws SchedulerNotRunningException when the scheduler is not running
	 */
	boolean shutdown(@Nullable Duration maxWait);

	/**
	 * Pauses job processing: no run starts until {@link #resume()}; runs in progress go on.
	 * @throws SchedulerNotRunningException when the scheduler is not running
	 */
	void pause();

	/**
	 * Resumes job processing after {@link #pause()}.
	 * @throws SchedulerNotRunningException when the scheduler is not running
	 */
	void resume();

	/**
	 * Adds a job.
	 * @param spec the job
	 * @return the job as stored
	 * @throws ConflictingJobIdException when a job with the same id exists
	 * @throws UnknownHandlerException when the spec names an unknown handler
	 * @throws InvalidJobException when the spec names an unknown executor
	 */
	default Job addJob(JobSpec spec) {
		return addJob(spec, false);
	}

	/**
	 * Adds a job, or with {@code replaceExisting} replaces the job of the same id (its options,
	 * trigger and next run time all come from the spec).
	 * @param spec the job
	 * @param replaceExisting whether to replace a job with the same id
	 * @return the job as stored
	 * @throws ConflictingJobIdException when a job with the same id exists and replacing was not
	 * asked for
	 * @throws UnknownHandlerException when the spec names an unknown handler
	 * @throws InvalidJobException when the spec names an unknown executor
	 */
	Job addJob(JobSpec spec, boolean replaceExisting);

	/**
	 * Changes a job's options, as APScheduler's {@code modify_job}: {@code change} gets the stored
	 * job and returns the changed one ({@code job -> job.withMaxInstances(3)}). The id cannot
	 * change; a new trigger does not move the next run time (use {@link #rescheduleJob}).
	 * @param jobId the job's id
	 * @param change the change
	 * @return the job as stored now
	 * @throws JobNotFoundException when no job has that id
	 * @throws InvalidJobException when the change alters the id or names an unknown executor
	 * @throws UnknownHandlerException when the change names an unknown handler
	 */
	Job modifyJob(String jobId, UnaryOperator<Job> change);

	/**
	 * Gives a job a new trigger and sets its next run time to the trigger's first fire time.
	 * @param jobId the job's id
	 * @param trigger the new trigger
	 * @return the job as stored now
	 * @throws JobNotFoundException when no job has that id
	 */
	Job rescheduleJob(String jobId, Trigger trigger);

	/**
	 * Pauses a job: it keeps its place in the store without a next run time.
	 * @param jobId the job's id
	 * @return the job as stored now
	 * @throws JobNotFoundException when no job has that id
	 */
	Job pauseJob(String jobId);

	/**
	 * Resumes a paused job: its next run time becomes its trigger's next fire time from now. A job
	 * whose trigger has no more fire times is removed, as in APScheduler.
	 * @param jobId the job's id
	 * @return the job as stored now, or empty when it was removed
	 * @throws JobNotFoundException when no job has that id
	 */
	Optional<Job> resumeJob(String jobId);

	/**
	 * Removes a job; a run in progress finishes, a waiting retry is dropped.
	 * @param jobId the job's id
	 * @throws JobNotFoundException when no job has that id
	 */
	void removeJob(String jobId);

	/**
	 * Removes every job.
	 */
	void removeAllJobs();

	/**
	 * Returns a job.
	 * @param jobId the job's id
	 * @return the job, or empty when none has that id
	 */
	Optional<Job> getJob(String jobId);

	/**
	 * Returns every job, by next run time, paused jobs last.
	 * @return the jobs
	 */
	List<Job> getJobs();

	/**
	 * Runs a job once, now, whether it is due or paused, without changing its schedule. The run
	 * counts against {@code maxInstances} like any other.
	 * @param jobId the job's id
	 * @return whether a run was started ({@code false} when the job had its maximum of runs in
	 * progress, which also sends a max-instances event)
	 * @throws JobNotFoundException when no job has that id
	 * @throws SchedulerNotRunningException when the scheduler was shut down
	 */
	boolean runNow(String jobId);

	/**
	 * Adds an executor.
	 * @param name the executor's name
	 * @param executor the executor, owned by the scheduler from now on
	 * @throws InvalidJobException when an executor of that name exists
	 */
	void addExecutor(String name, JobExecutor executor);

	/**
	 * Removes an executor and shuts it down, letting its runs finish. Jobs that name it fail their
	 * runs until an executor of that name is added again.
	 * @param name the executor's name
	 * @throws InvalidJobException when no executor has that name, or it is {@code default}
	 */
	void removeExecutor(String name);

	/**
	 * Adds a listener for every event.
	 * @param listener the listener
	 */
	default void addListener(SchedulerListener listener) {
		addListener(listener, EventType.all());
	}

	/**
	 * Adds a listener for the events of the given types, as APScheduler's
	 * {@code add_listener(callback, mask)}.
	 * @param listener the listener
	 * @param mask the event types the listener receives
	 */
	void addListener(SchedulerListener listener, Set<EventType> mask);

	/**
	 * Removes a listener.
	 * @param listener the listener
	 * @return whether it was registered
	 */
	boolean removeListener(SchedulerListener listener);

	/**
	 * Returns a summary of the scheduler's state, jobs and runs.
	 * @return the status
	 */
	SchedulerStatus status();

	/**
	 * Returns a job's most recent runs from the run history.
	 * @param jobId the job's id
	 * @param limit the most runs to return
	 * @return the runs, newest first
	 */
	List<RunRecord> getRuns(String jobId, int limit);

	/**
	 * Returns the most recent runs of every job from the run history.
	 * @param limit the most runs to return
	 * @return the runs, newest first
	 */
	List<RunRecord> getRecentRuns(int limit);

	/**
	 * Adds a job that runs a named handler on a 5-field crontab schedule in the scheduler's time
	 * zone.
	 * @param id the job id
	 * @param crontab the crontab string, e.g. {@code "0 9 * * 1-5"}
	 * @param handler the handler name
	 * @param args the handler's positional arguments, JSON values
	 * @return the job as stored
	 */
	default Job addCronJob(String id, String crontab, String handler, @Nullable Object... args) {
		return addCronJob(id, crontab, handler, Arrays.asList(args), Map.of());
	}

	/**
	 * Adds a job that runs a named handler on a 5-field crontab schedule in the scheduler's time
	 * zone, with keyword arguments.
	 * @param id the job id
	 * @param crontab the crontab string
	 * @param handler the handler name
	 * @param args the positional arguments, JSON values
	 * @param kwargs the keyword arguments, JSON values
	 * @return the job as stored
	 */
	default Job addCronJob(String id, String crontab, String handler, List<?> args, Map<String, ?> kwargs) {
		return addJob(JobSpec.builder(handler)
			.id(id)
			.trigger(CronTrigger.fromCrontab(crontab, timezone()))
			.args(args)
			.kwargs(kwargs)
			.build());
	}

	/**
	 * Adds a job that runs inline code on a 5-field crontab schedule (memory store only).
	 * @param id the job id
	 * @param crontab the crontab string
	 * @param handler the code to run
	 * @return the job as stored
	 */
	default Job addCronJob(String id, String crontab, JobHandler handler) {
		return addJob(JobSpec.builder(handler).id(id).trigger(CronTrigger.fromCrontab(crontab, timezone())).build());
	}

	/**
	 * Adds a job that runs a named handler every {@code interval}, first one interval from now.
	 * @param id the job id
	 * @param interval the time between runs
	 * @param handler the handler name
	 * @param args the positional arguments, JSON values
	 * @return the job as stored
	 */
	default Job addIntervalJob(String id, Duration interval, String handler, @Nullable Object... args) {
		return addIntervalJob(id, interval, handler, Arrays.asList(args), Map.of());
	}

	/**
	 * Adds a job that runs a named handler every {@code interval}, with keyword arguments.
	 * @param id the job id
	 * @param interval the time between runs
	 * @param handler the handler name
	 * @param args the positional arguments, JSON values
	 * @param kwargs the keyword arguments, JSON values
	 * @return the job as stored
	 */
	default Job addIntervalJob(String id, Duration interval, String handler, List<?> args, Map<String, ?> kwargs) {
		return addJob(JobSpec.builder(handler)
			.id(id)
			.trigger(IntervalTrigger.every(interval))
			.args(args)
			.kwargs(kwargs)
			.build());
	}

	/**
	 * Adds a job that runs inline code every {@code interval} (memory store only).
	 * @param id the job id
	 * @param interval the time between runs
	 * @param handler the code to run
	 * @return the job as stored
	 */
	default Job addIntervalJob(String id, Duration interval, JobHandler handler) {
		return addJob(JobSpec.builder(handler).id(id).trigger(IntervalTrigger.every(interval)).build());
	}

	/**
	 * Adds a job that runs a named handler once, at {@code runAt}; the job is removed once its run
	 * is submitted.
	 * @param id the job id
	 * @param runAt when to run
	 * @param handler the handler name
	 * @param args the positional arguments, JSON values
	 * @return the job as stored
	 */
	default Job addDateJob(String id, Instant runAt, String handler, @Nullable Object... args) {
		return addDateJob(id, runAt, handler, Arrays.asList(args), Map.of());
	}

	/**
	 * Adds a job that runs a named handler once, at {@code runAt}, with keyword arguments.
	 * @param id the job id
	 * @param runAt when to run
	 * @param handler the handler name
	 * @param args the positional arguments, JSON values
	 * @param kwargs the keyword arguments, JSON values
	 * @return the job as stored
	 */
	default Job addDateJob(String id, Instant runAt, String handler, List<?> args, Map<String, ?> kwargs) {
		return addJob(JobSpec.builder(handler).id(id).trigger(DateTrigger.at(runAt)).args(args).kwargs(kwargs).build());
	}

	/**
	 * Adds a job that runs inline code once, at {@code runAt} (memory store only).
	 * @param id the job id
	 * @param runAt when to run
	 * @param handler the code to run
	 * @return the job as stored
	 */
	default Job addDateJob(String id, Instant runAt, JobHandler handler) {
		return addJob(JobSpec.builder(handler).id(id).trigger(DateTrigger.at(runAt)).build());
	}

}
