package dev.takt.scheduler.boot.actuate;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import dev.takt.scheduler.JobNotFoundException;
import dev.takt.scheduler.JobResult;
import dev.takt.scheduler.JobSpec;
import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.SchedulerManager;
import dev.takt.scheduler.SchedulerState;
import dev.takt.scheduler.SimpleHandlerRegistry;
import dev.takt.scheduler.UnknownSchedulerException;
import dev.takt.scheduler.boot.actuate.SchedulerEndpoint.InstanceDescriptor;
import dev.takt.scheduler.boot.actuate.SchedulerEndpoint.JobDescriptor;
import dev.takt.scheduler.boot.actuate.SchedulerEndpoint.JobDetailsDescriptor;
import dev.takt.scheduler.retry.RetryPolicy;
import dev.takt.scheduler.testing.MutableClock;
import dev.takt.scheduler.testing.TickScheduler;
import dev.takt.scheduler.trigger.CronTrigger;
import dev.takt.scheduler.trigger.IntervalTrigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SchedulerEndpoint} over real, tick-driven schedulers.
 */
class SchedulerEndpointTests {

	private static final Instant T0 = Instant.parse("2030-01-07T08:00:00Z");

	private final MutableClock clock = MutableClock.at(T0);

	private TickScheduler main;

	private TickScheduler report;

	private SchedulerEndpoint endpoint;

	@BeforeEach
	void createSchedulers() {
		this.main = TickScheduler.create(Scheduler.builder()
			.handler("ok", (context) -> JobResult.success("done"))
			.handler("broken", (context) -> JobResult.failure("Source did not answer"))
			.timezone(ZoneOffset.UTC), this.clock);
		this.report = TickScheduler.create(Scheduler.builder().name("report"), this.clock);
		this.main.start();
		this.report.start(true);
		this.main.addJob(JobSpec.builder("ok").id("every-minute").trigger(IntervalTrigger.every(Duration.ofMinutes(1)))
			.retry(RetryPolicy.exponential(3, Duration.ofSeconds(2), 2.0)).build());
		this.main.addJob(JobSpec.builder("broken").id("weekday").name("Weekday import")
			.trigger(CronTrigger.fromCrontab("0 9 * * 1-5", ZoneOffset.UTC)).timeout(Duration.ofMinutes(5)).build());
		this.endpoint = new SchedulerEndpoint(SchedulerManager.of(this.main, this.report));
	}

	@AfterEach
	void shutdown() {
		this.main.shutdown();
		this.report.shutdown();
	}

	@Test
	void describesEveryInstance() {
		Map<String, InstanceDescriptor> instances = this.endpoint.schedulers().schedulers();
		assertThat(instances).containsOnlyKeys("default", "report");
		InstanceDescriptor main = instances.get("default");
		assertThat(main.state()).isEqualTo(SchedulerState.RUNNING);
		assertThat(main.store()).isEqualTo("MemoryJobStore");
		assertThat(main.jobs().scheduled()).isEqualTo(2);
		assertThat(main.jobs().paused()).isZero();
		assertThat(main.loopAlive()).isTrue();
		assertThat(main.storeFailure()).isNull();
		assertThat(main.nextRunTime()).isEqualTo(T0.plusSeconds(60));
		assertThat(main.executors()).containsOnlyKeys("default");
		assertThat(main.executors().get("default").kind()).isEqualTo("DirectJobExecutor");
		assertThat(instances.get("report").state()).isEqualTo(SchedulerState.PAUSED);
	}

	@Test
	void describesAnInstancesJobs() {
		SchedulerEndpoint.InstanceJobsDescriptor jobs = this.endpoint.scheduler("default");
		assertThat(jobs.jobs()).extracting(JobDescriptor::id).containsExactly("every-minute", "weekday");
		JobDescriptor weekday = jobs.jobs().get(1);
		assertThat(weekday.name()).isEqualTo("Weekday import");
		assertThat(weekday.handler()).isEqualTo("broken");
		assertThat(weekday.handlerMissing()).isFalse();
		assertThat(weekday.state()).isEqualTo("scheduled");
		assertThat(weekday.nextRunTime()).isEqualTo(Instant.parse("2030-01-07T09:00:00Z"));
		assertThat(weekday.trigger().description()).contains("day_of_week='mon-fri'").contains("hour='9'");
		assertThat(weekday.trigger().spec()).containsEntry("type", "cron");
		assertThat(weekday.options().timeout()).isEqualTo("PT5M");
		assertThat(weekday.options().misfireGraceTime()).isEqualTo("PT1S");
		assertThat(weekday.options().maxInstances()).isEqualTo(1);
		JobDescriptor everyMinute = jobs.jobs().get(0);
		assertThat(everyMinute.options().retry().maxAttempts()).isEqualTo(3);
		assertThat(everyMinute.options().retry().delay()).isEqualTo("PT2S");
		assertThat(everyMinute.trigger().spec()).containsEntry("type", "interval");
	}

	@Test
	void unknownInstanceOrJobIsAbsent() {
		assertThat(this.endpoint.scheduler("nope")).isNull();
		assertThat(this.endpoint.job("nope", "weekday")).isNull();
		assertThat(this.endpoint.job("default", "nope")).isNull();
	}

	@Test
	void describesAJobWithItsRecentRunsAndNextFireTimes() {
		this.main.advance(Duration.ofMinutes(1));
		this.main.advance(Duration.ofMinutes(1));
		JobDetailsDescriptor details = this.endpoint.job("default", "every-minute");
		assertThat(details.job().id()).isEqualTo("every-minute");
		assertThat(details.running()).isEmpty();
		assertThat(details.recentRuns()).hasSize(2).first().satisfies((run) -> {
			assertThat(run.scheduledRunTime()).isEqualTo(T0.plusSeconds(120));
			assertThat(run.outcome()).isEqualTo("success");
			assertThat(run.attempts()).isEqualTo(1);
			assertThat(run.start()).isEqualTo(T0.plusSeconds(120));
			assertThat(run.duration()).isEqualTo("PT0S");
		});
		assertThat(details.nextFireTimes()).containsExactly(T0.plusSeconds(180), T0.plusSeconds(240),
				T0.plusSeconds(300), T0.plusSeconds(360), T0.plusSeconds(420));
	}

	@Test
	void failedRunsShowTheirMessage() {
		this.clock.set(Instant.parse("2030-01-07T09:00:00Z"));
		this.main.tick();
		JobDetailsDescriptor details = this.endpoint.job("default", "weekday");
		assertThat(details.recentRuns()).singleElement().satisfies((run) -> {
			assertThat(run.outcome()).isEqualTo("failure");
			assertThat(run.message()).isEqualTo("Source did not answer");
		});
		assertThat(details.nextFireTimes()).startsWith(Instant.parse("2030-01-08T09:00:00Z"),
				Instant.parse("2030-01-09T09:00:00Z"));
	}

	@Test
	void pausesAndResumesAJob() {
		JobDescriptor paused = this.endpoint.changeJob("default", "weekday", "pause", null);
		assertThat(paused.state()).isEqualTo("paused");
		assertThat(paused.nextRunTime()).isNull();
		assertThat(this.main.getJob("weekday").orElseThrow().isPaused()).isTrue();
		assertThat(this.endpoint.job("default", "weekday").nextFireTimes())
			.startsWith(Instant.parse("2030-01-07T09:00:00Z"));
		JobDescriptor resumed = this.endpoint.changeJob("default", "weekday", "RESUME", null);
		assertThat(resumed.state()).isEqualTo("scheduled");
		assertThat(resumed.nextRunTime()).isEqualTo(Instant.parse("2030-01-07T09:00:00Z"));
	}

	@Test
	void runsAJobNowWithoutMovingItsSchedule() {
		this.endpoint.changeJob("default", "weekday", "run", null);
		assertThat(this.main.getRuns("weekday", 10)).singleElement()
			.satisfies((run) -> assertThat(run.scheduledRunTime()).isEqualTo(T0));
		assertThat(this.main.getJob("weekday").orElseThrow().nextRunTime())
			.isEqualTo(Instant.parse("2030-01-07T09:00:00Z"));
	}

	@Test
	void reschedulesAJobFromATriggerSpec() {
		JobDescriptor job = this.endpoint.changeJob("default", "weekday", "reschedule",
				"{\"type\": \"interval\", \"minutes\": 5}");
		assertThat(job.nextRunTime()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
		assertThat(job.trigger().spec()).containsEntry("type", "interval");
		assertThat(this.main.getJob("weekday").orElseThrow().trigger()).isInstanceOf(IntervalTrigger.class);
	}

	@Test
	void rescheduleWithABadSpecChangesNothing() {
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> this.endpoint.changeJob("default", "weekday", "reschedule",
					"{\"type\": \"cron\", \"fields\": {\"hour\": \"25\"}}"))
			.satisfies((ex) -> assertThat(ex.getReason()).contains("hour").contains("25"));
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> this.endpoint.changeJob("default", "weekday", "reschedule", null))
			.satisfies((ex) -> assertThat(ex.getReason()).contains("needs 'trigger'"));
		assertThat(this.main.getJob("weekday").orElseThrow().trigger()).isInstanceOf(CronTrigger.class);
	}

	@Test
	void unknownActionIsRefusedWithTheActionsThereAre() {
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> this.endpoint.changeJob("default", "weekday", "explode", null))
			.satisfies((ex) -> assertThat(ex.getReason())
				.isEqualTo("Unknown action 'explode' for a job; use pause, resume, run or reschedule"));
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> this.endpoint.changeScheduler("default", "stop"))
			.satisfies((ex) -> assertThat(ex.getReason())
				.isEqualTo("Unknown action 'stop' for a scheduler; use pause or resume"));
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> this.endpoint.changeJob("default", "weekday", "pause", "{\"type\": \"date\"}"));
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> this.endpoint.changeJob("default", "weekday", "reschedule", "{not json"))
			.satisfies((ex) -> assertThat(ex.getReason()).contains("not valid JSON"));
	}

	@Test
	void writesOnAnUnknownInstanceOrJobThrow() {
		assertThatExceptionOfType(UnknownSchedulerException.class)
			.isThrownBy(() -> this.endpoint.changeScheduler("nope", "pause"));
		assertThatExceptionOfType(JobNotFoundException.class)
			.isThrownBy(() -> this.endpoint.changeJob("default", "nope", "run", null));
		assertThatExceptionOfType(JobNotFoundException.class)
			.isThrownBy(() -> this.endpoint.removeJob("default", "nope"));
	}

	@Test
	void pausesAndResumesAnInstance() {
		assertThat(this.endpoint.changeScheduler("default", "pause").state()).isEqualTo(SchedulerState.PAUSED);
		assertThat(this.main.state()).isEqualTo(SchedulerState.PAUSED);
		assertThat(this.endpoint.changeScheduler("default", "resume").state()).isEqualTo(SchedulerState.RUNNING);
	}

	@Test
	void removesAJob() {
		JobDescriptor removed = this.endpoint.removeJob("default", "weekday");
		assertThat(removed.state()).isEqualTo("removed");
		assertThat(removed.handler()).isEqualTo("broken");
		assertThat(this.main.getJob("weekday")).isEmpty();
	}

	@Test
	void resumingAJobWithNoFireTimeLeftRemovesIt() {
		this.main.addJob(JobSpec.builder("ok").id("once")
			.trigger(IntervalTrigger.every(Duration.ofSeconds(10)).withEndDate(T0.plusSeconds(30)))
			.build());
		this.main.pauseJob("once");
		this.clock.advance(Duration.ofMinutes(1));
		JobDescriptor job = this.endpoint.changeJob("default", "once", "resume", null);
		assertThat(job.state()).isEqualTo("removed");
		assertThat(this.main.getJob("once")).isEmpty();
	}

	@Test
	void jobWhoseHandlerIsGoneIsMarked() {
		SimpleHandlerRegistry handlers = new SimpleHandlerRegistry().register("old", (context) -> JobResult.success());
		Scheduler scheduler = Scheduler.builder().name("gone").handlers(handlers).build();
		scheduler.addJob(JobSpec.builder("old").id("orphan").trigger(IntervalTrigger.every(Duration.ofHours(1))).build());
		handlers.unregister("old");
		SchedulerEndpoint endpoint = new SchedulerEndpoint(SchedulerManager.of(scheduler));
		assertThat(endpoint.scheduler("gone").jobs()).singleElement()
			.satisfies((job) -> assertThat(job.handlerMissing()).isTrue());
	}

}
