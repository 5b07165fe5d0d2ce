package dev.takt.scheduler.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.store.ClusteredJobStore;
import dev.takt.scheduler.store.MemoryJobStore;
import dev.takt.scheduler.store.Run;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shutdown lets the lease maintenance in progress finish within its wait: a clustered store may
 * be writing, in it, the completions of runs that just ended.
 */
class LeaseMaintenanceShutdownTests {

	private final SlowMaintenanceStore store = new SlowMaintenanceStore();

	/** Starts a scheduler on the store and returns it once a slow maintenance is in progress. */
	private Scheduler startedInSlowMaintenance() throws InterruptedException {
		Scheduler scheduler = Scheduler.builder().jobStore(this.store).build();
		scheduler.start();
		this.store.slow = true;
		assertThat(this.store.entered.await(10, TimeUnit.SECONDS)).isTrue();
		return scheduler;
	}

	@Test
	void shutdownWaitsForTheLeaseMaintenanceInProgress() throws Exception {
		startedInSlowMaintenance().shutdown(Duration.ofSeconds(10));
		assertThat(this.store.finished).as("the maintenance in progress finished").isTrue();
	}

	@Test
	void shutdownWithoutWaitDoesNotWaitForIt() throws Exception {
		startedInSlowMaintenance().shutdown(Duration.ZERO);
		assertThat(this.store.finished).isFalse();
	}

	/** A clustered store whose recovery, once slow, takes half a second, unless interrupted. */
	private static final class SlowMaintenanceStore extends ForwardingJobStore implements ClusteredJobStore {

		final CountDownLatch entered = new CountDownLatch(1);

		volatile boolean slow;

		volatile boolean finished;

		SlowMaintenanceStore() {
			super(new MemoryJobStore());
		}

		@Override
		public String owner() {
			return "node";
		}

		@Override
		public Duration leaseTime() {
			return Duration.ofMillis(150);
		}

		@Override
		public Set<String> heartbeat(Collection<Run> runs) {
			return Set.of();
		}

		@Override
		public List<Run> recoverExpired(Instant now, int limit) {
			if (this.slow && this.entered.getCount() > 0) {
				this.entered.countDown();
				try {
					Thread.sleep(500);
					this.finished = true;
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			return List.of();
		}

		@Override
		public void release(Collection<Run> runs) {
		}

	}

}
