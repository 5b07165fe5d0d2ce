package dev.takt.scheduler.store;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

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
	void indexAndHeapAgreeWithAPlainMapUnderRandomAddsAndRemoves() {
		Random random = new Random(7);
		Map<String, Instant> model = new HashMap<>();
		for (int i = 0; i < 20_000; i++) {
			String id = "job-" + random.nextInt(3_000);
			if (model.containsKey(id) && random.nextBoolean()) {
				this.store.remove(id);
				model.remove(id);
			}
			else if (!model.containsKey(id)) {
				Instant next = random.nextBoolean() ? future(random.nextInt(1_000)) : null;
				this.store.add(job(id, next));
				model.put(id, next);
			}
		}
		for (int i = 0; i < 3_000; i++) {
			String id = "job-" + i;
			if (model.containsKey(id)) {
				assertThat(this.store.get(id).get().nextRunTime()).isEqualTo(model.get(id));
			}
			else {
				assertThat(this.store.get(id)).isEmpty();
			}
		}
		assertThat(this.store.list()).hasSize(model.size());
		assertThat(this.store.counts().paused()).isEqualTo(model.values().stream().filter(Objects::isNull).count());
	}

	@Test
	void jobsWithTheSameOptionsReadBackWithTheirOwnIdsAndTriggers() {
		Job first = intervalJob("first", future(1));
		Job second = job("second", future(2));
		Job withArgs = job("args", future(3)).withArgs(List.of("x")).withName("named");
		this.store.add(first);
		this.store.add(second);
		this.store.add(withArgs);
		assertThat(this.store.get("first")).contains(first);
		assertThat(this.store.get("second")).contains(second);
		assertThat(this.store.get("args")).contains(withArgs);
		this.store.update("second", (job) -> job.withMaxInstances(5));
		assertThat(this.store.get("first")).contains(first);
		assertThat(this.store.get("second").get().maxInstances()).isEqualTo(5);
	}

	@Test
	void heapStaysConsistentUnderRandomChanges() {
		Random random = new Random(42);
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
