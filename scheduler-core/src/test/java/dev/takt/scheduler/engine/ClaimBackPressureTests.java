package dev.takt.scheduler.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.takt.scheduler.JobDefaults;
import dev.takt.scheduler.JobResult;
import dev.takt.scheduler.JobSpec;
import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.executor.ThreadPoolJobExecutor;
import dev.takt.scheduler.store.Claim;
import dev.takt.scheduler.store.FirePlanner;
import dev.takt.scheduler.store.MemoryJobStore;
import dev.takt.scheduler.trigger.DateTrigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The loop claims no more than its executors can start soon: due jobs beyond that wait in the
 * store, not in an executor's queue.
 */
class ClaimBackPressureTests {

	private final CountDownLatch gate = new CountDownLatch(1);

	private final AtomicInteger started = new AtomicInteger();

	private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

	private Scheduler scheduler;

	@AfterEach
	void shutdown() {
		this.gate.countDown();
		if (this.scheduler != null) {
			this.scheduler.shutdown(false);
		}
	}

	@Test
	void busyExecutorsHoldTwoRunsAThreadAndTheRestWaitInTheStore() {
		MemoryJobStore memory = new MemoryJobStore();
		List<Integer> limits = new CopyOnWriteArrayList<>();
		this.scheduler = Scheduler.builder()
			.jobStore(new ForwardingJobStore(memory) {

				@Override
				public List<Claim> acquireDue(Instant now, int limit, FirePlanner planner) {
					limits.add(limit);
					return super.acquireDue(now, limit, planner);
				}

			})
			.executor(JobDefaults.DEFAULT_EXECUTOR, ThreadPoolJobExecutor.ofSize(2))
			.handler("wait", (context) -> {
				this.started.incrementAndGet();
				this.gate.await(30, TimeUnit.SECONDS);
				this.runs.computeIfAbsent(context.jobId(), (id) -> new AtomicInteger()).incrementAndGet();
				return JobResult.success();
			})
			.build();
		Instant now = Instant.now();
		for (int i = 0; i < 100; i++) {
			this.scheduler.addJob(JobSpec.builder("wait").id("job-" + i).trigger(DateTrigger.at(now))
				.misfireGraceTime(null).build());
		}
		this.scheduler.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.started.get() == 2);
		await().pollDelay(Duration.ofMillis(300)).until(() -> true);
		assertThat(memory.counts().runs()).as("claimed: two running, two waiting").isEqualTo(4);
		assertThat(memory.counts().jobs()).isEqualTo(96);
		assertThat(limits).isNotEmpty().allSatisfy((limit) -> assertThat(limit).isLessThanOrEqualTo(4));
		this.gate.countDown();
		await().atMost(Duration.ofSeconds(20)).until(() -> this.runs.size() == 100);
		assertThat(this.runs.values()).allSatisfy((count) -> assertThat(count).hasValue(1));
		assertThat(memory.counts().jobs()).isZero();
	}

}
