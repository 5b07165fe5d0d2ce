package dev.takt.scheduler.boot.actuate;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.takt.scheduler.JobPersistenceException;
import dev.takt.scheduler.JobResult;
import dev.takt.scheduler.JobSpec;
import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.SchedulerState;
import dev.takt.scheduler.SchedulerStatus;
import dev.takt.scheduler.SimpleHandlerRegistry;
import dev.takt.scheduler.store.JobStore;
import dev.takt.scheduler.store.MemoryJobStore;
import dev.takt.scheduler.trigger.IntervalTrigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SchedulerHealthIndicator} over real schedulers, one of them on a store that
 * goes away and comes back.
 */
class SchedulerHealthIndicatorTests {

	private Scheduler scheduler;

	@AfterEach
	void shutdown() {
		if (this.scheduler != null
				&& (this.scheduler.state() == SchedulerState.RUNNING || this.scheduler.state() == SchedulerState.PAUSED)) {
			this.scheduler.shutdown(false);
		}
	}

	@Test
	void upWhenRunningWithTheDetails() {
		this.scheduler = Scheduler.builder().handler("ok", (context) -> JobResult.success()).build();
		this.scheduler.addJob(JobSpec.builder("ok").id("hourly").trigger(IntervalTrigger.every(Duration.ofHours(1))).build());
		this.scheduler.start();
		Health health = new SchedulerHealthIndicator(this.scheduler).health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("state", SchedulerState.RUNNING)
			.containsEntry("store", "MemoryJobStore")
			.containsEntry("loopAlive", true)
			.containsEntry("jobs", Map.of("scheduled", 1L, "paused", 0L))
			.containsEntry("running", 0L)
			.containsEntry("pendingRetries", 0L)
			.containsEntry("stuckRuns", Map.of("count", 0, "runs", List.of()))
			.containsEntry("missingHandlers", Map.of("count", 0, "jobs", List.of()))
			.doesNotContainKey("storeFailure");
	}

	@Test
	void pausedIsUp() {
		this.scheduler = Scheduler.builder().build();
		this.scheduler.start(true);
		Health health = new SchedulerHealthIndicator(this.scheduler).health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("state", SchedulerState.PAUSED);
	}

	@Test
	void outOfServiceBeforeItStartsAndDownOnceShutDown() {
		this.scheduler = Scheduler.builder().build();
		SchedulerHealthIndicator indicator = new SchedulerHealthIndicator(this.scheduler);
		assertThat(indicator.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		this.scheduler.start();
		assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
		this.scheduler.shutdown();
		assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
		assertThat(indicator.health().getDetails()).containsEntry("state", SchedulerState.SHUT_DOWN);
	}

	@Test
	void downWhileTheStoreDoesNotAnswerAndUpWhenItReturns() {
		AtomicBoolean down = new AtomicBoolean();
		this.scheduler = Scheduler.builder().jobStore(failing(new MemoryJobStore(), down))
			.storeRetryInterval(Duration.ofMillis(50)).build();
		this.scheduler.start();
		SchedulerHealthIndicator indicator = new SchedulerHealthIndicator(this.scheduler);
		assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
		down.set(true);
		Health health = indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("storeFailure", "Connection refused")
			.containsEntry("loopAlive", true)
			.doesNotContainKey("missingHandlers");
		down.set(false);
		await().atMost(Duration.ofSeconds(5)).until(() -> indicator.health().getStatus().equals(Status.UP));
	}

	@Test
	void downWhenTheLoopHasStopped() {
		this.scheduler = Scheduler.builder().build();
		this.scheduler.start();
		Scheduler deadLoop = (Scheduler) Proxy.newProxyInstance(Scheduler.class.getClassLoader(),
				new Class<?>[] { Scheduler.class }, (proxy, method, args) -> {
					Object result = method.invoke(this.scheduler, args);
					if (result instanceof SchedulerStatus status) {
						return new SchedulerStatus(status.name(), status.state(), status.startedAt(), status.uptime(),
								status.scheduledJobs(), status.pausedJobs(), status.runningRuns(),
								status.pendingRetries(), status.nextRunTime(), status.oldestRunStart(), false, null);
					}
					return result;
				});
		Health health = new SchedulerHealthIndicator(deadLoop).health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("loopAlive", false);
	}

	@Test
	void listsRunsStuckPastTheirTimeout() throws InterruptedException {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		this.scheduler = Scheduler.builder().handler("stubborn", (context) -> {
			started.countDown();
			while (true) {
				try {
					if (release.await(5, TimeUnit.SECONDS)) {
						return JobResult.success();
					}
				}
				catch (InterruptedException ex) {
					// ignores the timeout
				}
			}
		}).build();
		this.scheduler.start();
		this.scheduler.addJob(JobSpec.builder("stubborn").id("stuck").timeout(Duration.ofMillis(50)).build());
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		SchedulerHealthIndicator indicator = new SchedulerHealthIndicator(this.scheduler);
		await().atMost(Duration.ofSeconds(5)).until(() -> ((Map<?, ?>) indicator.health().getDetails().get("stuckRuns"))
			.get("count").equals(1));
		Health health = indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> runs = (List<Map<String, Object>>) ((Map<?, ?>) health.getDetails().get("stuckRuns"))
			.get("runs");
		assertThat(runs).singleElement().satisfies((run) -> assertThat(run).containsEntry("jobId", "stuck")
			.containsEntry("attempt", 1)
			.containsEntry("timeout", "PT0.05S")
			.containsEntry("leaseLost", false)
			.containsKeys("runId", "startedAt", "runningFor"));
		release.countDown();
	}

	@Test
	void listsJobsWhoseHandlerIsMissing() {
		SimpleHandlerRegistry handlers = new SimpleHandlerRegistry().register("old", (context) -> JobResult.success());
		this.scheduler = Scheduler.builder().handlers(handlers).build();
		this.scheduler.addJob(JobSpec.builder("old").id("orphan").trigger(IntervalTrigger.every(Duration.ofHours(1))).build());
		handlers.unregister("old");
		this.scheduler.start();
		Health health = new SchedulerHealthIndicator(this.scheduler).health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("missingHandlers",
				Map.of("count", 1, "jobs", List.of("orphan (old)")));
	}

	/** A store that fails every call, as a database that went away, while {@code down} is set. */
	static JobStore failing(JobStore store, AtomicBoolean down) {
		return (JobStore) Proxy.newProxyInstance(JobStore.class.getClassLoader(), new Class<?>[] { JobStore.class },
				(proxy, method, args) -> {
					if (down.get() && !method.getDeclaringClass().equals(Object.class)) {
						throw new JobPersistenceException("Connection refused");
					}
					try {
						return method.invoke(store, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

}
