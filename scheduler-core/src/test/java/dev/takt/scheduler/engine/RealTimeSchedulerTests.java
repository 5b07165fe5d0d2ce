package dev.takt.scheduler.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.takt.scheduler.JobHandler;
import dev.takt.scheduler.JobResult;
import dev.takt.scheduler.JobSpec;
import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.SchedulerState;
import dev.takt.scheduler.event.JobExecuted;
import dev.takt.scheduler.executor.VirtualThreadJobExecutor;
import dev.takt.scheduler.trigger.DateTrigger;
import dev.takt.scheduler.trigger.IntervalTrigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * A real scheduler with its loop thread and thread pools, on the system clock.
 */
class RealTimeSchedulerTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final Recorder recorder = new Recorder();

	private Scheduler scheduler;

	@AfterEach
	void shutdown() {
		if (this.scheduler != null && (this.scheduler.state() == SchedulerState.RUNNING
				|| this.scheduler.state() == SchedulerState.PAUSED)) {
			this.scheduler.shutdown(false);
		}
	}

	private Scheduler start(Scheduler scheduler) {
		this.scheduler = scheduler;
		scheduler.start();
		return scheduler;
	}

	@Test
	void intervalJobRunsRepeatedly() {
		start(Scheduler.builder().name("interval").handler("record", this.recorder).build());
		this.scheduler.addIntervalJob("tick", Duration.ofMillis(50), "record");
		await().atMost(WAIT).until(() -> this.recorder.calls.size() >= 3);
		List<Instant> runTimes = this.recorder.runTimes();
		assertThat(Duration.between(runTimes.get(0), runTimes.get(1))).isEqualTo(Duration.ofMillis(50));
		assertThat(this.recorder.calls.get(0).jobId()).isEqualTo("tick");
	}

	@Test
	void jobAddedWhileTheLoopSleepsWakesIt() {
		start(Scheduler.builder().handler("record", this.recorder).build());
		this.scheduler.addIntervalJob("far", Duration.ofHours(1), "record");
		await().pollDelay(Duration.ofMillis(50)).until(() -> true);
		this.scheduler.addDateJob("soon", Instant.now().plusMillis(20), "record");
		await().atMost(Duration.ofSeconds(2)).until(() -> this.recorder.calls.size() == 1);
		assertThat(this.recorder.calls.get(0).jobId()).isEqualTo("soon");
	}

	@Test
	void asyncHandlerCompletesOnAnotherThread() {
		start(Scheduler.builder().listener(this.recorder).build());
		this.scheduler.addJob(JobSpec.builder(JobHandler.async((context) -> CompletableFuture.supplyAsync(
				() -> JobResult.success(Thread.currentThread().getName()),
				CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS))))
			.id("async")
			.build());
		await().atMost(WAIT).until(() -> !this.recorder.events(JobExecuted.class).isEmpty());
		assertThat(this.recorder.events(JobExecuted.class).get(0).result().successful()).isTrue();
		assertThat(this.scheduler.status().runningRuns()).isZero();
	}

	@Test
	void shutdownWaitsForARunningJob() throws InterruptedException {
		CountDownLatch started = new CountDownLatch(1);
		AtomicBoolean finished = new AtomicBoolean();
		start(Scheduler.builder().build());
		this.scheduler.addJob(JobSpec.builder((context) -> {
			started.countDown();
			Thread.sleep(200);
			finished.set(true);
			return JobResult.success();
		}).id("slow").build());
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		this.scheduler.shutdown(true);
		assertThat(finished).isTrue();
		assertThat(this.scheduler.state()).isEqualTo(SchedulerState.SHUT_DOWN);
	}

	@Test
	void shutdownWithoutWaitingInterruptsARunningJob() throws InterruptedException {
		CountDownLatch started = new CountDownLatch(1);
		AtomicBoolean interrupted = new AtomicBoolean();
		CountDownLatch ended = new CountDownLatch(1);
		start(Scheduler.builder().build());
		this.scheduler.addJob(JobSpec.builder((context) -> {
			started.countDown();
			try {
				Thread.sleep(10_000);
			}
			catch (InterruptedException ex) {
				interrupted.set(true);
			}
			ended.countDown();
			return JobResult.success();
		}).id("long").build());
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(this.scheduler.shutdown(Duration.ZERO)).isFalse();
		assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(interrupted).isTrue();
	}

	@Test
	void shutdownWaitsOnlyUpToItsLimit() throws InterruptedException {
		CountDownLatch started = new CountDownLatch(1);
		start(Scheduler.builder().build());
		this.scheduler.addJob(JobSpec.builder((context) -> {
			started.countDown();
			Thread.sleep(10_000);
			return JobResult.success();
		}).id("long").build());
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		long begin = System.nanoTime();
		assertThat(this.scheduler.shutdown(Duration.ofMillis(100))).isFalse();
		assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void pausedSchedulerHoldsRunsUntilResumed() {
		start(Scheduler.builder().handler("record", this.recorder).build());
		this.scheduler.pause();
		this.scheduler.addJob(JobSpec.builder("record").id("held").misfireGraceTime(null).build());
		await().pollDelay(Duration.ofMillis(100)).until(() -> true);
		assertThat(this.recorder.calls).isEmpty();
		this.scheduler.resume();
		await().atMost(WAIT).until(() -> this.recorder.calls.size() == 1);
	}

	@Test
	void manyDueJobsAllRunOnce() {
		AtomicInteger runs = new AtomicInteger();
		start(Scheduler.builder().handler("count", (context) -> {
			runs.incrementAndGet();
			return JobResult.success();
		}).build());
		Instant now = Instant.now();
		for (int i = 0; i < 5_000; i++) {
			this.scheduler.addJob(JobSpec.builder("count").id("job-" + i).trigger(DateTrigger.at(now))
				.misfireGraceTime(null).build());
		}
		await().atMost(WAIT).until(() -> runs.get() == 5_000);
		await().atMost(WAIT).until(() -> this.scheduler.getJobs().isEmpty());
		assertThat(runs).hasValue(5_000);
	}

	@Test
	void maxInstancesHoldsWithRealThreads() throws InterruptedException {
		AtomicInteger concurrent = new AtomicInteger();
		AtomicInteger highest = new AtomicInteger();
		List<Integer> seen = new CopyOnWriteArrayList<>();
		start(Scheduler.builder().build());
		this.scheduler.addJob(JobSpec.builder((context) -> {
			int now = concurrent.incrementAndGet();
			highest.accumulateAndGet(now, Math::max);
			seen.add(now);
			Thread.sleep(30);
			concurrent.decrementAndGet();
			return JobResult.success();
		}).id("busy").trigger(IntervalTrigger.every(Duration.ofMillis(10))).maxInstances(2).build());
		await().atMost(WAIT).until(() -> seen.size() >= 10);
		assertThat(highest.get()).isBetween(1, 2);
	}

	@Test
	void virtualThreadExecutorRunsJobsWhereTheJvmHasThem() {
		assumeThat(VirtualThreadJobExecutor.isSupported()).as("virtual threads (Java 21+)").isTrue();
		List<Boolean> virtual = new CopyOnWriteArrayList<>();
		start(Scheduler.builder().executor("virtual", VirtualThreadJobExecutor.create("takt-virtual-")).build());
		this.scheduler.addJob(JobSpec.builder((context) -> {
			virtual.add(isVirtual(Thread.currentThread()));
			return JobResult.success();
		}).id("v").executor("virtual").trigger(IntervalTrigger.every(Duration.ofMillis(20))).build());
		await().atMost(WAIT).until(() -> virtual.size() >= 3);
		assertThat(virtual).containsOnly(true);
	}

	private static boolean isVirtual(Thread thread) {
		try {
			return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
		}
		catch (ReflectiveOperationException ex) {
			return false;
		}
	}

}
