package dev.takt.scheduler.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import dev.takt.scheduler.Job;
import dev.takt.scheduler.JobHandler;
import dev.takt.scheduler.JobResult;
import dev.takt.scheduler.JobSpec;
import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.event.JobError;
import dev.takt.scheduler.event.JobExecuted;
import dev.takt.scheduler.event.JobMaxInstances;
import dev.takt.scheduler.event.JobMissed;
import dev.takt.scheduler.event.JobRemoved;
import dev.takt.scheduler.event.JobSubmitted;
import dev.takt.scheduler.event.SchedulerEvent;
import dev.takt.scheduler.testing.MutableClock;
import dev.takt.scheduler.testing.TickScheduler;
import dev.takt.scheduler.trigger.DateTrigger;
import dev.takt.scheduler.trigger.IntervalTrigger;
import dev.takt.scheduler.trigger.Trigger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loop's decisions, as APScheduler's {@code _process_jobs} and {@code run_job}, on a
 * tick-driven scheduler with a mutable clock: no threads, no sleeps.
 */
class LoopBehaviourTests {

	private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

	private final MutableClock clock = MutableClock.at(T0);

	private final Recorder recorder = new Recorder();

	private TickScheduler scheduler;

	@BeforeEach
	void start() {
		this.scheduler = TickScheduler.create(Scheduler.builder().handler("record", this.recorder)
			.listener(this.recorder), this.clock);
		this.scheduler.start();
	}

	private Job every(String id, Duration interval, boolean coalesce, @Nullable Duration grace) {
		return this.scheduler.addJob(JobSpec.builder("record")
			.id(id)
			.trigger(IntervalTrigger.every(interval))
			.coalesce(coalesce)
			.misfireGraceTime(grace)
			.build());
	}

	private Instant at(long seconds) {
		return T0.plusSeconds(seconds);
	}

	@Test
	void intervalJobRunsAtEachFireTime() {
		every("tick", Duration.ofSeconds(10), true, Duration.ofSeconds(1));
		assertThat(this.scheduler.advance(Duration.ofSeconds(9))).isZero();
		assertThat(this.scheduler.advance(Duration.ofSeconds(1))).isEqualTo(1);
		assertThat(this.scheduler.advance(Duration.ofSeconds(10))).isEqualTo(1);
		assertThat(this.recorder.runTimes()).containsExactly(at(10), at(20));
		assertThat(this.recorder.calls.get(0).actualFireTime()).isEqualTo(at(10));
		assertThat(this.scheduler.getJob("tick").get().nextRunTime()).isEqualTo(at(30));
	}

	@Test
	void handlerSeesItsJobAndArguments() {
		this.scheduler.addJob(JobSpec.builder("record")
			.id("args")
			.name("With arguments")
			.trigger(DateTrigger.at(at(5)))
			.args("a", 1)
			.kwarg("flag", true)
			.build());
		this.scheduler.advance(Duration.ofSeconds(5));
		assertThat(this.recorder.calls).singleElement().satisfies((context) -> {
			assertThat(context.jobId()).isEqualTo("args");
			assertThat(context.jobName()).isEqualTo("With arguments");
			assertThat(context.args()).containsExactly("a", 1);
			assertThat(context.kwarg("flag")).contains(true);
			assertThat(context.attempt()).isEqualTo(1);
			assertThat(context.schedulerName()).isEqualTo("default");
		});
	}

	@Test
	void coalescingRunsOnceForManyMissedRunTimes() {
		every("c", Duration.ofSeconds(10), true, null);
		assertThat(this.scheduler.advance(Duration.ofSeconds(55))).isEqualTo(1);
		assertThat(this.recorder.runTimes()).containsExactly(at(50));
		assertThat(this.recorder.events(JobSubmitted.class)).singleElement()
			.satisfies((event) -> assertThat(event.scheduledRunTimes()).containsExactly(at(50)));
		assertThat(this.scheduler.getJob("c").get().nextRunTime()).isEqualTo(at(60));
	}

	@Test
	void withoutCoalescingEveryMissedRunTimeRunsInOneRun() {
		every("n", Duration.ofSeconds(10), false, null);
		assertThat(this.scheduler.advance(Duration.ofSeconds(55))).isEqualTo(1);
		assertThat(this.recorder.runTimes()).containsExactly(at(10), at(20), at(30), at(40), at(50));
		assertThat(this.recorder.events(JobSubmitted.class)).singleElement()
			.satisfies((event) -> assertThat(event.scheduledRunTimes()).hasSize(5));
		assertThat(this.recorder.events(JobExecuted.class)).hasSize(5);
		assertThat(this.scheduler.getJob("n").get().nextRunTime()).isEqualTo(at(60));
	}

	@Test
	void runTimesLaterThanTheGraceTimeAreMissed() {
		every("g", Duration.ofSeconds(10), false, Duration.ofSeconds(5));
		this.scheduler.advance(Duration.ofSeconds(35));
		assertThat(this.recorder.runTimes()).containsExactly(at(30));
		assertThat(this.recorder.events(JobMissed.class)).extracting(JobMissed::scheduledRunTime)
			.containsExactly(at(10), at(20));
	}

	@Test
	void runJustWithinTheGraceTimeRuns() {
		every("edge", Duration.ofSeconds(10), true, Duration.ofSeconds(5));
		this.scheduler.advance(Duration.ofSeconds(15));
		assertThat(this.recorder.runTimes()).containsExactly(at(10));
		assertThat(this.recorder.events(JobMissed.class)).isEmpty();
	}

	@Test
	void coalescedRunLaterThanTheGraceTimeIsMissedOnce() {
		every("late", Duration.ofSeconds(10), true, Duration.ofSeconds(1));
		this.scheduler.advance(Duration.ofSeconds(35));
		assertThat(this.recorder.calls).isEmpty();
		assertThat(this.recorder.events(JobMissed.class)).extracting(JobMissed::scheduledRunTime)
			.containsExactly(at(30));
		assertThat(this.scheduler.getJob("late").get().nextRunTime()).isEqualTo(at(40));
	}

	@Test
	void withoutGraceTimeARunStartsHoweverLate() {
		this.scheduler.addJob(JobSpec.builder("record").id("d").trigger(DateTrigger.at(at(1))).misfireGraceTime(null)
			.build());
		this.scheduler.advance(Duration.ofDays(30));
		assertThat(this.recorder.runTimes()).containsExactly(at(1));
	}

	@Test
	void dateJobInThePastRunsWhenWithinGrace() {
		this.clock.set(at(100));
		this.scheduler.addJob(JobSpec.builder("record").id("past").trigger(DateTrigger.at(at(99))).build());
		assertThat(this.scheduler.tick()).isEqualTo(1);
	}

	@Test
	void dateJobIsRemovedOnceItsRunIsSubmitted() {
		this.scheduler.addDateJob("once", at(5), "record");
		this.scheduler.advance(Duration.ofSeconds(5));
		assertThat(this.recorder.calls).hasSize(1);
		assertThat(this.scheduler.getJob("once")).isEmpty();
		assertThat(this.scheduler.getJobs()).isEmpty();
		assertThat(this.recorder.events).filteredOn((event) -> event instanceof JobSubmitted
				|| event instanceof JobExecuted || event instanceof JobRemoved)
			.extracting(SchedulerEvent::type)
			.extracting(Enum::name)
			.containsExactly("JOB_SUBMITTED", "JOB_EXECUTED", "JOB_REMOVED");
		assertThat(this.scheduler.advance(Duration.ofDays(1))).isZero();
	}

	@Test
	void missedDateJobIsRemovedToo() {
		this.scheduler.addDateJob("once", at(5), "record");
		this.scheduler.advance(Duration.ofSeconds(60));
		assertThat(this.recorder.calls).isEmpty();
		assertThat(this.recorder.events(JobMissed.class)).hasSize(1);
		assertThat(this.scheduler.getJob("once")).isEmpty();
	}

	@Test
	void intervalWithEndDateIsRemovedAfterItsLastRun() {
		this.scheduler.addJob(JobSpec.builder("record")
			.id("ends")
			.trigger(IntervalTrigger.every(Duration.ofSeconds(10)).withStartDate(at(10)).withEndDate(at(30)))
			.build());
		for (int i = 0; i < 5; i++) {
			this.scheduler.advance(Duration.ofSeconds(10));
		}
		assertThat(this.recorder.runTimes()).containsExactly(at(10), at(20), at(30));
		assertThat(this.scheduler.getJob("ends")).isEmpty();
	}

	@Test
	void runOverTheInstanceLimitIsSkippedAndReported() {
		CompletableFuture<JobResult> pending = new CompletableFuture<>();
		AtomicInteger started = new AtomicInteger();
		this.scheduler.addJob(JobSpec.builder(JobHandler.async((context) -> {
			started.incrementAndGet();
			return pending;
		})).id("slow").trigger(IntervalTrigger.every(Duration.ofSeconds(10))).build());
		this.scheduler.advance(Duration.ofSeconds(10));
		this.scheduler.advance(Duration.ofSeconds(10));
		assertThat(started).hasValue(1);
		assertThat(this.recorder.events(JobMaxInstances.class)).singleElement()
			.satisfies((event) -> assertThat(event.scheduledRunTimes()).containsExactly(at(20)));
		assertThat(this.scheduler.status().runningRuns()).isEqualTo(1);
		pending.complete(JobResult.success());
		assertThat(this.scheduler.status().runningRuns()).isZero();
		this.scheduler.advance(Duration.ofSeconds(10));
		assertThat(started).hasValue(2);
		assertThat(this.scheduler.getJob("slow").get().nextRunTime()).isEqualTo(at(40));
	}

	@Test
	void higherInstanceLimitAllowsOverlappingRuns() {
		List<CompletableFuture<JobResult>> pending = new ArrayList<>();
		this.scheduler.addJob(JobSpec.builder(JobHandler.async((context) -> {
			CompletableFuture<JobResult> future = new CompletableFuture<>();
			pending.add(future);
			return future;
		})).id("overlap").trigger(IntervalTrigger.every(Duration.ofSeconds(10))).maxInstances(2).build());
		this.scheduler.advance(Duration.ofSeconds(10));
		this.scheduler.advance(Duration.ofSeconds(10));
		this.scheduler.advance(Duration.ofSeconds(10));
		assertThat(pending).hasSize(2);
		assertThat(this.recorder.events(JobMaxInstances.class)).hasSize(1);
	}

	@Test
	void pausedJobDoesNotRunAndResumesFromNow() {
		every("p", Duration.ofSeconds(10), true, Duration.ofSeconds(1));
		Job paused = this.scheduler.pauseJob("p");
		assertThat(paused.isPaused()).isTrue();
		assertThat(this.scheduler.advance(Duration.ofSeconds(95))).isZero();
		Optional<Job> resumed = this.scheduler.resumeJob("p");
		assertThat(resumed).hasValueSatisfying((job) -> assertThat(job.nextRunTime()).isEqualTo(at(105)));
		this.scheduler.advance(Duration.ofSeconds(10));
		assertThat(this.recorder.runTimes()).containsExactly(at(105));
	}

	@Test
	void resumingAJobWithoutFurtherFireTimesRemovesIt() {
		this.scheduler.addJob(JobSpec.builder("record")
			.id("ended")
			.trigger(IntervalTrigger.every(Duration.ofSeconds(10)).withStartDate(at(10)).withEndDate(at(20)))
			.build());
		this.scheduler.pauseJob("ended");
		this.clock.set(at(100));
		assertThat(this.scheduler.resumeJob("ended")).isEmpty();
		assertThat(this.scheduler.getJob("ended")).isEmpty();
		assertThat(this.recorder.events(JobRemoved.class)).hasSize(1);
	}

	@Test
	void pausedSchedulerRunsNothingUntilResumed() {
		every("s", Duration.ofSeconds(10), true, null);
		this.scheduler.pause();
		assertThat(this.scheduler.advance(Duration.ofSeconds(30))).isZero();
		this.scheduler.resume();
		assertThat(this.scheduler.tick()).isEqualTo(1);
		assertThat(this.recorder.runTimes()).containsExactly(at(30));
	}

	@Test
	void runsMissedWhilePausedFollowTheGraceTime() {
		every("s", Duration.ofSeconds(10), true, Duration.ofSeconds(1));
		this.scheduler.pause();
		this.scheduler.advance(Duration.ofSeconds(35));
		this.scheduler.resume();
		this.scheduler.tick();
		assertThat(this.recorder.calls).isEmpty();
		assertThat(this.recorder.events(JobMissed.class)).hasSize(1);
	}

	@Test
	void schedulerStartedPausedRunsNothing() {
		TickScheduler paused = TickScheduler.create(Scheduler.builder().handler("record", this.recorder), this.clock);
		paused.addIntervalJob("j", Duration.ofSeconds(1), "record");
		paused.start(true);
		assertThat(paused.advance(Duration.ofSeconds(10))).isZero();
		paused.resume();
		assertThat(paused.tick()).isEqualTo(1);
	}

	@Test
	void rescheduledJobFollowsItsNewTrigger() {
		every("r", Duration.ofSeconds(10), true, null);
		this.clock.set(at(5));
		Job rescheduled = this.scheduler.rescheduleJob("r", IntervalTrigger.every(Duration.ofMinutes(1)));
		assertThat(rescheduled.nextRunTime()).isEqualTo(at(65));
		assertThat(rescheduled.trigger()).isEqualTo(IntervalTrigger.every(Duration.ofMinutes(1)));
		this.scheduler.advance(Duration.ofSeconds(59));
		assertThat(this.recorder.calls).isEmpty();
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(this.recorder.runTimes()).containsExactly(at(65));
	}

	@Test
	void modifiedJobRunsWithItsNewOptions() {
		every("m", Duration.ofSeconds(10), true, null);
		this.scheduler.modifyJob("m", (job) -> job.withArgs(List.of("new")).withName("renamed"));
		this.scheduler.advance(Duration.ofSeconds(10));
		assertThat(this.recorder.calls).singleElement().satisfies((context) -> {
			assertThat(context.args()).containsExactly("new");
			assertThat(context.jobName()).isEqualTo("renamed");
		});
	}

	@Test
	void runNowRunsOnceAndKeepsTheSchedule() {
		every("now", Duration.ofHours(1), true, null);
		this.clock.set(at(30));
		assertThat(this.scheduler.runNow("now")).isTrue();
		assertThat(this.recorder.runTimes()).containsExactly(at(30));
		assertThat(this.scheduler.getJob("now").get().nextRunTime()).isEqualTo(at(3600));
	}

	@Test
	void runNowWorksForAPausedJobAndKeepsItPaused() {
		every("paused", Duration.ofHours(1), true, null);
		this.scheduler.pauseJob("paused");
		assertThat(this.scheduler.runNow("paused")).isTrue();
		assertThat(this.recorder.calls).hasSize(1);
		assertThat(this.scheduler.getJob("paused").get().isPaused()).isTrue();
	}

	@Test
	void runNowRespectsTheInstanceLimit() {
		this.scheduler.addJob(JobSpec.builder(JobHandler.async((context) -> new CompletableFuture<>()))
			.id("busy")
			.trigger(IntervalTrigger.every(Duration.ofHours(1)))
			.build());
		assertThat(this.scheduler.runNow("busy")).isTrue();
		assertThat(this.scheduler.runNow("busy")).isFalse();
		assertThat(this.recorder.events(JobMaxInstances.class)).hasSize(1);
	}

	@Test
	void failingTriggerPausesItsJobAndTheLoopGoesOn() {
		Trigger breaksOnSecondCall = new Trigger() {
			@Override
			public Optional<Instant> nextFireTime(@Nullable Instant previousFireTime, Instant now) {
				if (previousFireTime != null) {
					throw new IllegalStateException("broken trigger");
				}
				return Optional.of(now.plusSeconds(10));
			}
		};
		this.scheduler.addJob(JobSpec.builder("record").id("broken").trigger(breaksOnSecondCall).build());
		every("healthy", Duration.ofSeconds(10), true, null);
		this.scheduler.advance(Duration.ofSeconds(10));
		assertThat(this.recorder.calls).extracting((context) -> context.jobId()).containsExactly("healthy");
		assertThat(this.scheduler.getJob("broken").get().isPaused()).isTrue();
		assertThat(this.recorder.events(JobError.class)).singleElement().satisfies((event) -> {
			assertThat(event.jobId()).isEqualTo("broken");
			assertThat(event.result().exception()).hasMessage("broken trigger");
		});
		this.scheduler.advance(Duration.ofSeconds(10));
		assertThat(this.recorder.calls).hasSize(2);
	}

	@Test
	void farBehindCoalescingJobStillRunsOnce() {
		every("fast", Duration.ofMillis(1), true, null);
		this.scheduler.advance(Duration.ofSeconds(250));
		assertThat(this.recorder.runTimes()).containsExactly(at(250));
		assertThat(this.scheduler.getJob("fast").get().nextRunTime()).isEqualTo(at(250).plusMillis(1));
	}

	@Test
	void farBehindJobWithoutCoalescingRunsEveryRunTimeInBoundedRuns() {
		List<Instant> runTimes = new ArrayList<>();
		this.scheduler.addJob(JobSpec.builder((context) -> {
			runTimes.add(context.scheduledFireTime());
			return JobResult.success();
		}).id("fast").trigger(IntervalTrigger.every(Duration.ofMillis(1))).coalesce(false).misfireGraceTime(null)
			.build());
		this.scheduler.advance(Duration.ofMillis(25_000));
		assertThat(runTimes).hasSize(25_000).isSorted().doesNotHaveDuplicates();
		assertThat(this.recorder.events(JobSubmitted.class)).extracting((event) -> event.scheduledRunTimes().size())
			.containsExactly(DuePlanner.MAX_RUN_TIMES, DuePlanner.MAX_RUN_TIMES, 5_000);
	}

	@Test
	void jobAddedWithoutTriggerRunsOnceNow() {
		this.scheduler.addJob(JobSpec.builder("record").id("asap").build());
		assertThat(this.scheduler.tick()).isEqualTo(1);
		assertThat(this.recorder.runTimes()).containsExactly(T0);
		assertThat(this.scheduler.getJob("asap")).isEmpty();
	}

	@Test
	void jobAddedPausedWaitsForResume() {
		this.scheduler.addJob(JobSpec.builder("record").id("later")
			.trigger(IntervalTrigger.every(Duration.ofSeconds(5)))
			.paused()
			.build());
		assertThat(this.scheduler.advance(Duration.ofMinutes(1))).isZero();
		this.scheduler.resumeJob("later");
		this.scheduler.advance(Duration.ofSeconds(5));
		assertThat(this.recorder.calls).hasSize(1);
	}

	@Test
	void jobWithExplicitNextRunTimeStartsThen() {
		this.scheduler.addJob(JobSpec.builder("record").id("explicit")
			.trigger(IntervalTrigger.every(Duration.ofHours(1)))
			.nextRunTime(at(1))
			.build());
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(this.recorder.runTimes()).containsExactly(at(1));
		assertThat(this.scheduler.getJob("explicit").get().nextRunTime()).isEqualTo(at(3601));
	}

	@Test
	void triggerWithoutFireTimesGivesAPausedJob() {
		Job job = this.scheduler.addJob(JobSpec.builder("record").id("never")
			.trigger(IntervalTrigger.every(Duration.ofSeconds(1)).withStartDate(at(-100)).withEndDate(at(-50)))
			.build());
		assertThat(job.isPaused()).isTrue();
	}

}
