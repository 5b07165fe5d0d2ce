package dev.takt.scheduler.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.takt.scheduler.JobResult;
import dev.takt.scheduler.JobSpec;
import dev.takt.scheduler.RunInProgress;
import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.SchedulerState;
import dev.takt.scheduler.executor.ExecutorStatus;
import dev.takt.scheduler.executor.ThreadPoolJobExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * What a scheduler shows of its work while it runs: the runs in progress (and which are stuck),
 * its executors and its store kind. (The MDC of handlers is tested where a logging backend keeps
 * one: slf4j-simple's does not.)
 */
class RunObservabilityTests {

	private Scheduler scheduler;

	@AfterEach
	void shutdown() {
		if (this.scheduler != null && this.scheduler.state() == SchedulerState.RUNNING) {
			this.scheduler.shutdown(false);
		}
	}

	@Test
	void runningRunsShowTheAttemptInProgressAndARunPastItsTimeoutIsStuck() throws InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch started = new CountDownLatch(1);
		this.scheduler = Scheduler.builder().handler("stubborn", (context) -> {
			started.countDown();
			// ignores the timeout's interrupt, as a handler stuck in a blocking call might
			while (true) {
				try {
					if (release.await(5, TimeUnit.SECONDS)) {
						return JobResult.success();
					}
				}
				catch (InterruptedException ex) {
					// keeps waiting
				}
			}
		}).build();
		this.scheduler.start();
		Instant before = Instant.now();
		this.scheduler.addJob(JobSpec.builder("stubborn").id("slow").timeout(Duration.ofMillis(100)).build());
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		List<RunInProgress> running = this.scheduler.getRunningRuns();
		assertThat(running).singleElement().satisfies((run) -> {
			assertThat(run.jobId()).isEqualTo("slow");
			assertThat(run.attempt()).isEqualTo(1);
			assertThat(run.startedAt()).isAfterOrEqualTo(before.minusMillis(1));
			assertThat(run.timeout()).isEqualTo(Duration.ofMillis(100));
			assertThat(run.leaseLost()).isFalse();
		});
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.scheduler.getRunningRuns().stream().allMatch((run) -> run.isStuck(Instant.now())));
		release.countDown();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.scheduler.getRunningRuns().isEmpty());
	}

	@Test
	void runInProgressIsStuckOnlyPastItsTimeoutOrWithoutItsLease() {
		Instant start = Instant.parse("2030-01-01T00:00:00Z");
		RunInProgress timed = new RunInProgress("1", "job", start, 1, start, Duration.ofMinutes(1), false);
		assertThat(timed.isStuck(start.plusSeconds(60))).isFalse();
		assertThat(timed.isStuck(start.plusSeconds(61))).isTrue();
		RunInProgress untimed = new RunInProgress("2", "job", start, 1, start, null, false);
		assertThat(untimed.isStuck(start.plus(Duration.ofDays(1)))).isFalse();
		RunInProgress lost = new RunInProgress("3", "job", start, 1, start, null, true);
		assertThat(lost.isStuck(start)).isTrue();
		assertThat(untimed.runningFor(start.plusSeconds(5))).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void executorsAndStoreAreDescribed() {
		this.scheduler = Scheduler.builder().executor("cpu", ThreadPoolJobExecutor.ofSize(2, "cpu-")).build();
		assertThat(this.scheduler.executorStatus()).extracting(ExecutorStatus::name, ExecutorStatus::kind,
				ExecutorStatus::active, ExecutorStatus::queued)
			.containsExactly(tuple("cpu", "ThreadPoolJobExecutor", 0, 0),
					tuple("default", "ThreadPoolJobExecutor", 0, 0));
		assertThat(this.scheduler.storeKind()).isEqualTo("MemoryJobStore");
	}

	@Test
	void executorStatusCountsActiveAndQueuedRuns() throws InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		this.scheduler = Scheduler.builder().executor("one", ThreadPoolJobExecutor.ofSize(1, "one-"))
			.handler("wait", (context) -> {
				release.await();
				return JobResult.success();
			}).build();
		this.scheduler.start();
		for (int i = 0; i < 3; i++) {
			this.scheduler.addJob(JobSpec.builder("wait").id("wait-" + i).executor("one").build());
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> this.scheduler.executorStatus().get(1).queued() == 2);
		assertThat(this.scheduler.executorStatus().get(1).active()).isEqualTo(1);
		assertThat(this.scheduler.getRunningRuns()).hasSize(1);
		assertThat(this.scheduler.status().runningRuns()).isEqualTo(3);
		release.countDown();
	}

}
