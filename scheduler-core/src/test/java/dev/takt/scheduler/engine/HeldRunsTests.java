package dev.takt.scheduler.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import dev.takt.scheduler.Job;
import dev.takt.scheduler.retry.RetryPolicy;
import dev.takt.scheduler.store.Run;
import dev.takt.scheduler.trigger.DateTrigger;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class HeldRunsTests {

	private final Queue<String> handedOn = new ConcurrentLinkedQueue<>();

	private final HeldRuns held = new HeldRuns("test-hold", (run) -> this.handedOn.add(run.id()));

	private static Run run(String id) {
		Instant at = Instant.parse("2026-01-01T00:00:00Z");
		Job job = new Job("job-" + id, "job-" + id, "handler", null, List.of(), Map.of(), DateTrigger.at(at), "default",
				true, 1, null, RetryPolicy.none(), null, at);
		return new Run(id, job, List.of(at), 1);
	}

	@Test
	void runsAreHandedOnWhenTheirTimeComesInTheOrderOfTheirTimes() {
		long start = System.nanoTime();
		this.held.hold(run("late"), TimeUnit.MILLISECONDS.toNanos(300));
		this.held.hold(run("early"), TimeUnit.MILLISECONDS.toNanos(100));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.handedOn.size() == 2);
		assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
		assertThat(this.handedOn).containsExactly("early", "late");
		assertThat(this.held.stop()).isEmpty();
	}

	@Test
	void stoppingReturnsTheRunsStillHeldAndHoldsNoMore() {
		this.held.hold(run("now"), 0);
		this.held.hold(run("tomorrow"), TimeUnit.DAYS.toNanos(1));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.handedOn.size() == 1);

		assertThat(this.held.stop()).extracting(Run::id).containsExactly("tomorrow");
		assertThat(this.held.hold(run("after"), 0)).isFalse();
		assertThat(this.held.size()).isZero();
		assertThat(this.handedOn).containsExactly("now");
	}

}
