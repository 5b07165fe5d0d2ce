package dev.takt.scheduler;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import dev.takt.scheduler.event.EventType;
import dev.takt.scheduler.event.JobAdded;
import dev.takt.scheduler.event.SchedulerEvent;
import dev.takt.scheduler.executor.DirectJobExecutor;
import dev.takt.scheduler.history.MemoryRunHistory;
import dev.takt.scheduler.retry.RetryPolicy;
import dev.takt.scheduler.testing.MutableClock;
import dev.takt.scheduler.testing.TickScheduler;
import dev.takt.scheduler.trigger.DateTrigger;
import dev.takt.scheduler.trigger.IntervalTrigger;
import dev.takt.scheduler.trigger.InvalidTriggerException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@link Scheduler} API as APScheduler's {@code tests/test_schedulers.py} exercises it: adding,
 * replacing, modifying, removing and listing jobs, lifecycle errors, and bad input refused with
 * typed exceptions that leave the store as it was.
 */
class SchedulerApiTests {

	private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

	private final MutableClock clock = MutableClock.at(T0);

	private final List<SchedulerEvent> events = new ArrayList<>();

	private TickScheduler scheduler;

	@BeforeEach
	void create() {
		this.scheduler = TickScheduler.create(Scheduler.builder()
			.handler("noop", (context) -> JobResult.success())
			.handler("other", (context) -> JobResult.success())
			.executor("cpu", new DirectJobExecutor())
			.timezone(ZoneOffset.UTC)
			.listener(this.events::add), this.clock);
	}

	private JobSpec.Builder spec(String id) {
		return JobSpec.builder("noop").id(id).trigger(IntervalTrigger.every(Duration.ofMinutes(1)));
	}

	@Test
	void addedJobGetsDefaultsAndFirstRunTime() {
		Job job = this.scheduler.addJob(spec("a").build());
		assertThat(job.id()).isEqualTo("a");
		assertThat(job.name()).isEqualTo("noop");
		assertThat(job.handler()).isEqualTo("noop");
		assertThat(job.executor()).isEqualTo("default");
		assertThat(job.coalesce()).isTrue();
		assertThat(job.maxInstances()).isEqualTo(1);
		assertThat(job.misfireGraceTime()).isEqualTo(Duration.ofSeconds(1));
		assertThat(job.retryPolicy()).isEqualTo(RetryPolicy.none());
		assertThat(job.timeout()).isNull();
		assertThat(job.nextRunTime()).isEqualTo(T0.plusSeconds(60));
		assertThat(this.scheduler.getJob("a")).contains(job);
		assertThat(this.events).singleElement().isInstanceOf(JobAdded.class);
	}

	@Test
	void jobWithoutIdGetsAGeneratedOne() {
		Job first = this.scheduler.addJob(JobSpec.builder("noop").build());
		Job second = this.scheduler.addJob(JobSpec.builder("noop").build());
		assertThat(first.id()).hasSize(32).isNotEqualTo(second.id());
	}

	@Test
	void jobsCanBeAddedBeforeTheSchedulerStarts() {
		this.scheduler.addJob(spec("early").build());
		assertThat(this.scheduler.state()).isEqualTo(SchedulerState.STOPPED);
		this.scheduler.start();
		assertThat(this.scheduler.advance(Duration.ofMinutes(1))).isEqualTo(1);
	}

	@Test
	void schedulerJobDefaultsApply() {
		JobDefaults defaults = JobDefaults.standard()
			.withCoalesce(false)
			.withMaxInstances(3)
			.withMisfireGraceTime(null)
			.withTimeout(Duration.ofMinutes(1))
			.withRetryPolicy(RetryPolicy.fixed(2, Duration.ofSeconds(1)));
		TickScheduler custom = TickScheduler.create(
				Scheduler.builder().handler("noop", (context) -> JobResult.success()).jobDefaults(defaults), this.clock);
		Job job = custom.addJob(spec("d").build());
		assertThat(job.coalesce()).isFalse();
		assertThat(job.maxInstances()).isEqualTo(3);
		assertThat(job.misfireGraceTime()).isNull();
		assertThat(job.timeout()).isEqualTo(Duration.ofMinutes(1));
		assertThat(job.retryPolicy().maxAttempts()).isEqualTo(2);
		Job own = custom.addJob(spec("own").coalesce(true).maxInstances(1).misfireGraceTime(Duration.ofSeconds(30))
			.timeout(null).build());
		assertThat(own.coalesce()).isTrue();
		assertThat(own.maxInstances()).isEqualTo(1);
		assertThat(own.misfireGraceTime()).isEqualTo(Duration.ofSeconds(30));
		assertThat(own.timeout()).isNull();
	}

	@Test
	void addingATakenIdFailsUnlessReplacing() {
		Job original = this.scheduler.addJob(spec("a").build());
		assertThatExceptionOfType(ConflictingJobIdException.class)
			.isThrownBy(() -> this.scheduler.addJob(JobSpec.builder("other").id("a").build()))
			.withMessageContaining("'a'");
		assertThat(this.scheduler.getJob("a")).contains(original);
		this.clock.advance(Duration.ofSeconds(5));
		Job replacement = this.scheduler.addJob(JobSpec.builder("other").id("a")
			.trigger(IntervalTrigger.every(Duration.ofMinutes(2))).build(), true);
		assertThat(this.scheduler.getJob("a")).contains(replacement);
		assertThat(replacement.handler()).isEqualTo("other");
		assertThat(replacement.nextRunTime()).isEqualTo(T0.plusSeconds(125));
		assertThat(this.scheduler.getJobs()).hasSize(1);
	}

	@Test
	void replacingANewIdAddsIt() {
		this.scheduler.addJob(spec("fresh").build(), true);
		assertThat(this.scheduler.getJob("fresh")).isPresent();
	}

	@Test
	void modifyJobChangesOptionsButNotTheNextRunTime() {
		this.scheduler.addJob(spec("m").build());
		Job modified = this.scheduler.modifyJob("m",
				(job) -> job.withMaxInstances(6).withTrigger(IntervalTrigger.every(Duration.ofHours(1))));
		assertThat(modified.maxInstances()).isEqualTo(6);
		assertThat(modified.nextRunTime()).isEqualTo(T0.plusSeconds(60));
		assertThat(this.scheduler.getJob("m")).contains(modified);
		assertThat(this.events).extracting(SchedulerEvent::type).containsExactly(EventType.JOB_ADDED,
				EventType.JOB_MODIFIED);
	}

	@Test
	void modifyJobMayMoveTheNextRunTime() {
		this.scheduler.addJob(spec("m").build());
		this.scheduler.start();
		this.scheduler.modifyJob("m", (job) -> job.withNextRunTime(T0));
		assertThat(this.scheduler.tick()).isEqualTo(1);
	}

	@Test
	void invalidModificationChangesNothing() {
		Job original = this.scheduler.addJob(spec("m").build());
		assertThatExceptionOfType(InvalidJobException.class)
			.isThrownBy(() -> this.scheduler.modifyJob("m", (job) -> job.withMaxInstances(0)))
			.withMessageContaining("maxInstances")
			.withMessageContaining("'0'");
		assertThatExceptionOfType(InvalidJobException.class)
			.isThrownBy(() -> this.scheduler.modifyJob("m", (job) -> job.withExecutor("gpu")))
			.withMessageContaining("gpu");
		assertThatExceptionOfType(UnknownHandlerException.class)
			.isThrownBy(() -> this.scheduler.modifyJob("m", (job) -> job.withHandler("missing")))
			.satisfies((ex) -> assertThat(ex.handlerName()).isEqualTo("missing"));
		assertThatExceptionOfType(InvalidJobException.class)
			.isThrownBy(() -> this.scheduler.modifyJob("m",
					(job) -> new Job("renamed", job.name(), job.handler(), null, job.args(), job.kwargs(),
							job.trigger(), job.executor(), job.coalesce(), job.maxInstances(), job.misfireGraceTime(),
							job.retryPolicy(), job.timeout(), job.nextRunTime())))
			.withMessageContaining("renamed");
		assertThat(this.scheduler.getJob("m")).contains(original);
		assertThat(this.scheduler.getJob("renamed")).isEmpty();
	}

	@Test
	void operationsOnUnknownJobsFail() {
		assertThatExceptionOfType(JobNotFoundException.class).isThrownBy(() -> this.scheduler.removeJob("x"));
		assertThatExceptionOfType(JobNotFoundException.class).isThrownBy(() -> this.scheduler.pauseJob("x"));
		assertThatExceptionOfType(JobNotFoundException.class).isThrownBy(() -> this.scheduler.resumeJob("x"));
		assertThatExceptionOfType(JobNotFoundException.class)
			.isThrownBy(() -> this.scheduler.modifyJob("x", (job) -> job));
		assertThatExceptionOfType(JobNotFoundException.class)
			.isThrownBy(() -> this.scheduler.rescheduleJob("x", DateTrigger.at(T0)));
		this.scheduler.start();
		assertThatExceptionOfType(JobNotFoundException.class).isThrownBy(() -> this.scheduler.runNow("x"));
		assertThat(this.scheduler.getJob("x")).isEmpty();
	}

	@Test
	void removedJobsAreGone() {
		this.scheduler.addJob(spec("a").build());
		this.scheduler.addJob(spec("b").build());
		this.scheduler.removeJob("a");
		assertThat(this.scheduler.getJobs()).extracting(Job::id).containsExactly("b");
		this.scheduler.removeAllJobs();
		assertThat(this.scheduler.getJobs()).isEmpty();
		assertThat(this.events).extracting(SchedulerEvent::type).endsWith(EventType.JOB_REMOVED,
				EventType.ALL_JOBS_REMOVED);
	}

	@Test
	void jobsAreListedByNextRunTimePausedLast() {
		this.scheduler.addJob(spec("hourly").trigger(IntervalTrigger.every(Duration.ofHours(1))).build());
		this.scheduler.addJob(spec("paused").paused().build());
		this.scheduler.addJob(spec("minutely").build());
		assertThat(this.scheduler.getJobs()).extracting(Job::id).containsExactly("minutely", "hourly", "paused");
	}

	@Test
	void oneCallFormsAddNamedAndInlineJobs() {
		Job interval = this.scheduler.addIntervalJob("interval", Duration.ofSeconds(30), "noop", "x", 1);
		assertThat(interval.args()).containsExactly("x", 1);
		assertThat(interval.nextRunTime()).isEqualTo(T0.plusSeconds(30));
		Job date = this.scheduler.addDateJob("date", T0.plusSeconds(5), "noop", List.of("y"), Map.of("k", 2));
		assertThat(date.kwargs()).containsEntry("k", 2);
		assertThat(date.trigger()).isEqualTo(DateTrigger.at(T0.plusSeconds(5)));
		Job inline = this.scheduler.addIntervalJob("inline", Duration.ofSeconds(1), (context) -> JobResult.success());
		assertThat(inline.isInline()).isTrue();
		assertThat(inline.handler()).isEqualTo(Job.INLINE_HANDLER);
		assertThat(inline.name()).isEqualTo("inline");
		Job inlineDate = this.scheduler.addDateJob("inline-date", T0, (context) -> JobResult.success());
		assertThat(inlineDate.isInline()).isTrue();
	}

	@Test
	void runnableJobsRun() {
		List<String> ran = new ArrayList<>();
		this.scheduler.addJob(JobSpec.builder(() -> ran.add("ran")).id("runnable").build());
		this.scheduler.start();
		this.scheduler.tick();
		assertThat(ran).containsExactly("ran");
	}

	// --- bad input ---

	@Test
	void unknownHandlerNameIsRefusedAndNothingIsStored() {
		assertThatExceptionOfType(UnknownHandlerException.class)
			.isThrownBy(() -> this.scheduler.addIntervalJob("x", Duration.ofSeconds(1), "nope"))
			.withMessageContaining("'nope'")
			.withMessageContaining("noop");
		assertThat(this.scheduler.getJobs()).isEmpty();
		assertThat(this.events).isEmpty();
	}

	@Test
	void unknownExecutorIsRefused() {
		assertThatExceptionOfType(InvalidJobException.class)
			.isThrownBy(() -> this.scheduler.addJob(spec("x").executor("gpu").build()))
			.withMessageContaining("'gpu'")
			.withMessageContaining("cpu")
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("executor"));
		assertThat(this.scheduler.addJob(spec("ok").executor("cpu").build()).executor()).isEqualTo("cpu");
	}

	@Test
	void badOptionsAreRefusedWithTheirValue() {
		assertThatExceptionOfType(InvalidJobException.class).isThrownBy(() -> spec("x").maxInstances(0))
			.withMessage("Invalid maxInstances '0': must be at least 1");
		assertThatExceptionOfType(InvalidJobException.class)
			.isThrownBy(() -> spec("x").misfireGraceTime(Duration.ofSeconds(-5)))
			.withMessageContaining("misfireGraceTime")
			.withMessageContaining("PT-5S");
		assertThatExceptionOfType(InvalidJobException.class).isThrownBy(() -> spec("x").timeout(Duration.ZERO))
			.withMessageContaining("timeout");
		assertThatExceptionOfType(InvalidJobException.class).isThrownBy(() -> spec(" "))
			.withMessageContaining("id");
		assertThatExceptionOfType(InvalidJobException.class)
			.isThrownBy(() -> RetryPolicy.fixed(3, Duration.ofSeconds(-1)))
			.withMessageContaining("retry.delay");
		assertThatExceptionOfType(InvalidTriggerException.class)
			.isThrownBy(() -> this.scheduler.addIntervalJob("neg", Duration.ofSeconds(-1), "noop"))
			.withMessageContaining("PT-1S");
		assertThat(this.scheduler.getJobs()).isEmpty();
	}

	@Test
	void argsMustBeJsonValues() {
		assertThatExceptionOfType(InvalidJobException.class).isThrownBy(() -> spec("x").args("ok", T0))
			.withMessageContaining("args[1]")
			.withMessageContaining("java.time.Instant");
		assertThatExceptionOfType(InvalidJobException.class)
			.isThrownBy(() -> spec("x").kwargs(Map.of("nested", List.of(Map.of("deep", new Object())))))
			.withMessageContaining("kwargs.nested[0].deep");
		assertThatExceptionOfType(InvalidJobException.class).isThrownBy(() -> spec("x").args(Double.NaN))
			.withMessageContaining("NaN");
	}

	// --- lifecycle ---

	@Test
	void lifecycleErrorsAreTyped() {
		assertThatExceptionOfType(SchedulerNotRunningException.class).isThrownBy(() -> this.scheduler.shutdown());
		assertThatExceptionOfType(SchedulerNotRunningException.class).isThrownBy(() -> this.scheduler.pause());
		assertThatExceptionOfType(SchedulerNotRunningException.class).isThrownBy(() -> this.scheduler.tick());
		this.scheduler.start();
		assertThat(this.scheduler.state()).isEqualTo(SchedulerState.RUNNING);
		assertThatExceptionOfType(SchedulerAlreadyRunningException.class).isThrownBy(() -> this.scheduler.start());
		this.scheduler.pause();
		assertThat(this.scheduler.state()).isEqualTo(SchedulerState.PAUSED);
		this.scheduler.resume();
		this.scheduler.shutdown();
		assertThat(this.scheduler.state()).isEqualTo(SchedulerState.SHUT_DOWN);
		assertThatExceptionOfType(SchedulerAlreadyRunningException.class).isThrownBy(() -> this.scheduler.start())
			.withMessageContaining("shut down");
		assertThatExceptionOfType(SchedulerNotRunningException.class).isThrownBy(() -> this.scheduler.shutdown());
	}

	@Test
	void statusSummarisesStateJobsAndRuns() {
		this.scheduler.addJob(spec("a").build());
		this.scheduler.addJob(spec("b").paused().build());
		SchedulerStatus stopped = this.scheduler.status();
		assertThat(stopped.state()).isEqualTo(SchedulerState.STOPPED);
		assertThat(stopped.loopAlive()).isFalse();
		assertThat(stopped.uptime()).isZero();
		this.scheduler.start();
		this.clock.advance(Duration.ofSeconds(30));
		SchedulerStatus status = this.scheduler.status();
		assertThat(status.name()).isEqualTo("default");
		assertThat(status.state()).isEqualTo(SchedulerState.RUNNING);
		assertThat(status.startedAt()).isEqualTo(T0);
		assertThat(status.uptime()).isEqualTo(Duration.ofSeconds(30));
		assertThat(status.scheduledJobs()).isEqualTo(1);
		assertThat(status.pausedJobs()).isEqualTo(1);
		assertThat(status.runningRuns()).isZero();
		assertThat(status.nextRunTime()).isEqualTo(T0.plusSeconds(60));
		assertThat(status.loopAlive()).isTrue();
		assertThat(status.storeAvailable()).isTrue();
	}

	@Test
	void executorsCanBeAddedAndRemoved() {
		this.scheduler.addExecutor("io", new DirectJobExecutor());
		this.scheduler.addJob(spec("io-job").executor("io").build());
		assertThatExceptionOfType(InvalidJobException.class)
			.isThrownBy(() -> this.scheduler.addExecutor("io", new DirectJobExecutor()));
		this.scheduler.removeExecutor("io");
		assertThatExceptionOfType(InvalidJobException.class).isThrownBy(() -> this.scheduler.removeExecutor("default"));
		assertThat(this.events).extracting(SchedulerEvent::type).contains(EventType.EXECUTOR_ADDED,
				EventType.EXECUTOR_REMOVED);
	}

	@Test
	void claimAheadOutsideZeroToOneMinuteIsRefusedWithItsValue() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> Scheduler.builder().claimAhead(Duration.ofMillis(-1)).build())
			.withMessage("claimAhead must be from zero to one minute: PT-0.001S");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> Scheduler.builder().claimAhead(Duration.ofMinutes(2)).build())
			.withMessage("claimAhead must be from zero to one minute: PT2M");
		assertThat(Scheduler.builder().claimAhead(Duration.ZERO).build().state()).isEqualTo(SchedulerState.STOPPED);
	}

	@Test
	void runHistoryIsBounded() {
		TickScheduler small = TickScheduler.create(Scheduler.builder().handler("noop", (context) -> JobResult.success())
			.runHistory(MemoryRunHistory.ofCapacity(3)), this.clock);
		small.start();
		small.addIntervalJob("a", Duration.ofSeconds(1), "noop");
		small.addIntervalJob("b", Duration.ofSeconds(1), "noop");
		for (int i = 0; i < 5; i++) {
			small.advance(Duration.ofSeconds(1));
		}
		assertThat(small.getRecentRuns(10)).hasSize(3);
		assertThat(small.getRecentRuns(10)).extracting((run) -> run.scheduledRunTime()).isSortedAccordingTo(
				Comparator.reverseOrder());
		assertThat(small.getRuns("a", 10)).hasSizeLessThanOrEqualTo(2)
			.allSatisfy((run) -> assertThat(run.jobId()).isEqualTo("a"));
		assertThat(small.getRecentRuns(1)).singleElement()
			.satisfies((run) -> assertThat(run.scheduledRunTime()).isEqualTo(T0.plusSeconds(5)));
	}

}
