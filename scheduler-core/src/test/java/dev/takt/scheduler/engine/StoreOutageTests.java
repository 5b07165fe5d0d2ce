package dev.takt.scheduler.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.takt.scheduler.JobPersistenceException;
import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.SchedulerState;
import dev.takt.scheduler.store.Claim;
import dev.takt.scheduler.store.FirePlanner;
import dev.takt.scheduler.store.JobCounts;
import dev.takt.scheduler.store.MemoryJobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A store that goes away and comes back: the loop keeps running, reports the failure, and runs
 * every due job once the store answers again. Stray interrupts do not stop it either.
 */
class StoreOutageTests {

	private final Recorder recorder = new Recorder();

	private Scheduler scheduler;

	@AfterEach
	void shutdown() {
		if (this.scheduler != null && this.scheduler.state() == SchedulerState.RUNNING) {
			this.scheduler.shutdown(false);
		}
	}

	@Test
	void loopSurvivesAnOutageAndCatchesUp() {
		FlakyStore store = new FlakyStore();
		this.scheduler = Scheduler.builder().jobStore(store).handler("record", this.recorder)
			.storeRetryInterval(Duration.ofMillis(50)).build();
		this.scheduler.start();
		store.down.set(true);
		this.scheduler.addDateJob("during-outage", Instant.now(), "record");
		await().atMost(Duration.ofSeconds(5)).until(() -> this.scheduler.status().storeFailure() != null);
		assertThat(this.scheduler.status().storeAvailable()).isFalse();
		assertThat(this.scheduler.status().loopAlive()).isTrue();
		assertThat(this.recorder.calls).isEmpty();
		store.down.set(false);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.recorder.calls.size() == 1);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.scheduler.status().storeAvailable());
	}

	@Test
	void strayInterruptOfTheLoopIsHarmless() {
		this.scheduler = Scheduler.builder().name("interrupted").handler("record", this.recorder).build();
		this.scheduler.start();
		Thread loop = Thread.getAllStackTraces().keySet().stream()
			.filter((thread) -> thread.getName().equals("takt-interrupted-loop"))
			.findFirst()
			.orElseThrow();
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long cpuBefore = threads.getThreadCpuTime(loop.getId());
		loop.interrupt();
		await().pollDelay(Duration.ofMillis(300)).until(() -> true);
		long cpuSpent = threads.getThreadCpuTime(loop.getId()) - cpuBefore;
		assertThat(Duration.ofNanos(cpuSpent)).as("loop CPU while idle").isLessThan(Duration.ofMillis(100));
		this.scheduler.addIntervalJob("tick", Duration.ofMillis(20), "record");
		await().atMost(Duration.ofSeconds(5)).until(() -> this.recorder.calls.size() >= 3);
		assertThat(this.scheduler.status().loopAlive()).isTrue();
	}

	/** A memory store whose loop-facing calls fail while it is "down". */
	static final class FlakyStore extends ForwardingJobStore {

		final AtomicBoolean down = new AtomicBoolean();

		FlakyStore() {
			super(new MemoryJobStore());
		}

		private void check() {
			if (this.down.get()) {
				throw new JobPersistenceException("store unreachable");
			}
		}

		@Override
		public Optional<Instant> nextRunTime() {
			check();
			return super.nextRunTime();
		}

		@Override
		public List<Claim> acquireDue(Instant now, int limit, FirePlanner planner) {
			check();
			return super.acquireDue(now, limit, planner);
		}

		@Override
		public Claim acquire(String jobId, Instant now, FirePlanner planner) {
			check();
			return super.acquire(jobId, now, planner);
		}

		@Override
		public JobCounts counts() {
			check();
			return super.counts();
		}

	}

}
