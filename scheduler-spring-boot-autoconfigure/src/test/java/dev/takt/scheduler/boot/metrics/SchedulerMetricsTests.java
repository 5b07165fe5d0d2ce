package dev.takt.scheduler.boot.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import dev.takt.scheduler.JobResult;
import dev.takt.scheduler.JobSpec;
import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.SchedulerManager;
import dev.takt.scheduler.retry.RetryPolicy;
import dev.takt.scheduler.testing.MutableClock;
import dev.takt.scheduler.testing.TickScheduler;
import dev.takt.scheduler.trigger.DateTrigger;
import dev.takt.scheduler.trigger.IntervalTrigger;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs jobs that succeed, fail, retry, time out, miss and are blocked by max instances, and reads
 * the meters {@link SchedulerMetrics} built from them.
 */
class SchedulerMetricsTests {

	private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

	private final MutableClock clock = MutableClock.at(T0);

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private TickScheduler scheduler;

	@BeforeEach
	void createScheduler() {
		this.scheduler = TickScheduler.create(Scheduler.builder()
			.name("main")
			.handler("ok", (context) -> JobResult.success())
			.handler("broken", (context) -> JobResult.failure("no answer"))
			.handler("flaky", (context) -> (context.attempt() == 1) ? JobResult.failure("first") : JobResult.success())
			.handler("slow", (context) -> {
				this.clock.advance(Duration.ofSeconds(3));
				return JobResult.success();
			}), this.clock);
	}

	@AfterEach
	void shutdown() {
		this.scheduler.shutdown();
	}

	private void bind(boolean jobTag) {
		new SchedulerMetrics(SchedulerManager.of(this.scheduler), jobTag).bindTo(this.registry);
		this.scheduler.start();
	}

	@Test
	void successfulRunsAreTimedWithTheirLateness() {
		bind(true);
		this.scheduler.addJob(JobSpec.builder("slow").id("report").trigger(DateTrigger.at(T0.minusMillis(400)))
			.build());
		this.scheduler.tick();
		Timer runs = runs("report", "success");
		assertThat(runs.count()).isEqualTo(1);
		assertThat(runs.totalTime(TimeUnit.SECONDS)).isEqualTo(3.0);
		assertThat(runs.getId().getTag("instance")).isEqualTo("main");
		Timer lateness = this.registry.get(SchedulerMetrics.LATENESS).tag("job", "report").timer();
		assertThat(lateness.count()).isEqualTo(1);
		assertThat(lateness.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(400.0);
	}

	@Test
	void failedRunsAreCountedOnceAfterTheirLastAttempt() {
		bind(true);
		this.scheduler.addJob(JobSpec.builder("broken").id("import").trigger(DateTrigger.at(T0))
			.retry(RetryPolicy.fixed(2, Duration.ofSeconds(10))).build());
		this.scheduler.tick();
		assertThat(this.registry.get(SchedulerMetrics.RETRIES).tag("job", "import").counter().count()).isEqualTo(1);
		assertThat(this.registry.find(SchedulerMetrics.RUNS).tag("outcome", "failure").timer()).isNull();
		this.scheduler.advance(Duration.ofSeconds(10));
		assertThat(runs("import", "failure").count()).isEqualTo(1);
		assertThat(this.registry.get(SchedulerMetrics.RETRIES).tag("job", "import").counter().count()).isEqualTo(1);
		assertThat(this.registry.get(SchedulerMetrics.LATENESS).tag("job", "import").timer().count()).isEqualTo(1);
	}

	@Test
	void aRetriedRunThatSucceedsIsASuccessWithOneRetry() {
		bind(true);
		this.scheduler.addJob(JobSpec.builder("flaky").id("sync").trigger(DateTrigger.at(T0))
			.retry(RetryPolicy.fixed(3, Duration.ofSeconds(5))).build());
		this.scheduler.tick();
		this.scheduler.advance(Duration.ofSeconds(5));
		assertThat(runs("sync", "success").count()).isEqualTo(1);
		assertThat(this.registry.get(SchedulerMetrics.RETRIES).tag("job", "sync").counter().count()).isEqualTo(1);
		assertThat(this.registry.get(SchedulerMetrics.LATENESS).tag("job", "sync").timer().count()).isEqualTo(1);
	}

	@Test
	void aRunPastItsTimeoutIsATimeout() {
		bind(true);
		this.scheduler.addJob(JobSpec.builder("slow").id("export").trigger(DateTrigger.at(T0))
			.timeout(Duration.ofSeconds(1)).build());
		this.scheduler.tick();
		assertThat(runs("export", "timeout").count()).isEqualTo(1);
	}

	@Test
	void missedRunTimesAreCounted() {
		bind(true);
		this.scheduler.addJob(JobSpec.builder("ok").id("late").trigger(DateTrigger.at(T0.minusSeconds(60)))
			.misfireGraceTime(Duration.ofSeconds(1)).build());
		this.scheduler.tick();
		assertThat(runs("late", "missed").count()).isEqualTo(1);
		assertThat(runs("late", "missed").totalTime(TimeUnit.SECONDS)).isZero();
	}

	@Test
	void runTimesBlockedByMaxInstancesAreCounted() {
		bind(true);
		// a pending retry keeps the job's only instance slot, so the next fire is blocked
		this.scheduler.addJob(JobSpec.builder("broken").id("every-minute")
			.trigger(IntervalTrigger.every(Duration.ofMinutes(1))).retry(RetryPolicy.fixed(2, Duration.ofSeconds(90)))
			.build());
		this.scheduler.advance(Duration.ofMinutes(1));
		this.scheduler.advance(Duration.ofMinutes(1));
		assertThat(runs("every-minute", "max-instances").count()).isEqualTo(1);
	}

	@Test
	void gaugesShowJobsRunsAndExecutorQueues() {
		bind(true);
		this.scheduler.addJob(JobSpec.builder("ok").id("a").trigger(IntervalTrigger.every(Duration.ofHours(1))).build());
		this.scheduler.addJob(JobSpec.builder("ok").id("b").trigger(IntervalTrigger.every(Duration.ofHours(1))).build());
		this.scheduler.pauseJob("b");
		await().atMost(Duration.ofSeconds(3)).until(() -> this.registry.get(SchedulerMetrics.JOBS)
			.tags("instance", "main", "state", "scheduled")
			.gauge()
			.value() == 1.0);
		assertThat(this.registry.get(SchedulerMetrics.JOBS).tags("instance", "main", "state", "paused").gauge().value())
			.isEqualTo(1.0);
		assertThat(this.registry.get(SchedulerMetrics.RUNNING).tag("instance", "main").gauge().value()).isZero();
		System.gc();
		assertThat(this.registry.get(SchedulerMetrics.JOBS).tags("instance", "main", "state", "paused").gauge().value())
			.as("after a garbage collection").isEqualTo(1.0);
		assertThat(this.registry.get(SchedulerMetrics.EXECUTOR_QUEUED).tags("instance", "main", "executor", "default")
			.gauge()
			.value()).isZero();
		assertThat(this.registry.get(SchedulerMetrics.EXECUTOR_ACTIVE).tags("instance", "main", "executor", "default")
			.gauge()
			.value()).isZero();
	}

	@Test
	void withoutTheJobTagEveryJobSharesTheInstancesMeters() {
		bind(false);
		this.scheduler.addJob(JobSpec.builder("ok").id("one").trigger(DateTrigger.at(T0)).build());
		this.scheduler.addJob(JobSpec.builder("ok").id("two").trigger(DateTrigger.at(T0)).build());
		this.scheduler.tick();
		Timer runs = this.registry.get(SchedulerMetrics.RUNS).tags("instance", "main", "outcome", "success").timer();
		assertThat(runs.count()).isEqualTo(2);
		assertThat(this.registry.getMeters()).map(Meter::getId).allSatisfy((id) -> assertThat(id.getTag("job")).isNull());
	}

	@Test
	void jobsPastTheTagLimitShareOneTag() {
		new SchedulerMetrics(SchedulerManager.of(this.scheduler), true, 2).bindTo(this.registry);
		this.scheduler.start();
		for (int i = 0; i < 5; i++) {
			this.scheduler.addJob(JobSpec.builder("ok").id("crawl-" + i).trigger(DateTrigger.at(T0)).build());
		}
		this.scheduler.tick();
		assertThat(runs("crawl-0", "success").count()).isEqualTo(1);
		assertThat(runs("crawl-1", "success").count()).isEqualTo(1);
		assertThat(runs(SchedulerMetrics.OTHER_JOBS, "success").count()).isEqualTo(3);
		assertThat(this.registry.find(SchedulerMetrics.RUNS).tag("job", "crawl-2").timer()).isNull();
	}

	private Timer runs(String job, String outcome) {
		return this.registry.get(SchedulerMetrics.RUNS).tags("instance", "main", "job", job, "outcome", outcome).timer();
	}

}
