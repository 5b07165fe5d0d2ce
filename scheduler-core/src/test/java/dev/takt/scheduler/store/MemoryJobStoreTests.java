package dev.takt.scheduler.store;

import java.time.Duration;
import java.util.List;

import dev.takt.scheduler.Job;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MemoryJobStore} against the store contract, plus its own size checks.
 */
class MemoryJobStoreTests extends JobStoreContractTests {

	@Override
	protected JobStore createStore() {
		return new MemoryJobStore();
	}

	@Override
	protected boolean persistent() {
		return false;
	}

	@Test
	void heapStaysConsistentUnderRandomChanges() {
		java.util.Random random = new java.util.Random(42);
		for (int i = 0; i < 2_000; i++) {
			this.store.add(job("job-" + i, future(random.nextInt(10_000))));
		}
		for (int i = 0; i < 5_000; i++) {
			String id = "job-" + random.nextInt(2_000);
			switch (random.nextInt(3)) {
				case 0 -> this.store.update(id, (job) -> job.withNextRunTime(future(random.nextInt(10_000))));
				case 1 -> this.store.update(id, (job) -> job.withNextRunTime(null));
				default -> this.store.update(id, (job) -> job.withNextRunTime(past(random.nextInt(1_000))));
			}
		}
		List<Job> listed = this.store.list();
		List<Job> scheduled = listed.stream().filter((job) -> !job.isPaused()).toList();
		assertThat(this.store.nextRunTime()).contains(scheduled.get(0).nextRunTime());
		int due = (int) scheduled.stream().filter((job) -> !job.nextRunTime().isAfter(this.now)).count();
		List<Claim> claims = this.store.acquireDue(this.now, 10_000,
				(job, running, now) -> new FirePlan(List.of(job.nextRunTime()), List.of(), List.of(),
						job.nextRunTime().plus(Duration.ofDays(1)), false));
		assertThat(claims).hasSize(due);
		assertThat(claims).extracting((claim) -> claim.job().nextRunTime()).isSorted();
	}

}
