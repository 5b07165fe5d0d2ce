package dev.takt.scheduler.store.jdbc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class CompletionsTests {

	@Test
	void aRunCompletedWhileAnotherDeleteIsInFlightIsLeftToItsThreadWhichDeletesItNext() throws Exception {
		List<List<String>> deletes = new CopyOnWriteArrayList<>();
		CountDownLatch inFlight = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Completions<String> completions = new Completions<>((ids) -> {
			deletes.add(List.copyOf(ids));
			if (ids.contains("a")) {
				inFlight.countDown();
				awaitRelease(release);
			}
		});
		CompletableFuture<Void> first = CompletableFuture.runAsync(() -> completions.complete("a"));
		assertThat(inFlight.await(10, TimeUnit.SECONDS)).isTrue();

		completions.complete("b");
		completions.complete("c");
		assertThat(first).isNotDone();
		assertThat(completions.pending()).isEqualTo(2);

		release.countDown();
		first.get(10, TimeUnit.SECONDS);
		assertThat(deletes).containsExactly(List.of("a"), List.of("b", "c"));
		assertThat(completions.pending()).isZero();
	}

	@Test
	void runsWhoseDeleteFailedAreKeptAndDeletedWithTheNextGroup() {
		List<List<String>> deletes = new ArrayList<>();
		boolean[] down = { true };
		Completions<String> completions = new Completions<>((ids) -> {
			if (down[0]) {
				throw new IllegalStateException("database away");
			}
			deletes.add(List.copyOf(ids));
		});
		assertThatIllegalStateException().isThrownBy(() -> completions.complete("a")).withMessage("database away");
		completions.flushPending();
		assertThat(completions.pending()).isEqualTo(1);

		down[0] = false;
		completions.complete("b");
		assertThat(deletes).containsExactly(List.of("a", "b"));
		assertThat(completions.pending()).isZero();
	}

	@Test
	void flushPendingDeletesWhatAFailedDeleteLeftBehind() {
		List<List<String>> deletes = new ArrayList<>();
		boolean[] down = { true };
		Completions<String> completions = new Completions<>((ids) -> {
			if (down[0]) {
				throw new IllegalStateException("database away");
			}
			deletes.add(List.copyOf(ids));
		});
		assertThatIllegalStateException().isThrownBy(() -> completions.complete("a"));
		down[0] = false;
		completions.flushPending();
		assertThat(deletes).containsExactly(List.of("a"));
		assertThat(completions.pending()).isZero();
		completions.flushPending();
		assertThat(deletes).hasSize(1);
	}

	private static void awaitRelease(CountDownLatch latch) {
		try {
			assertThat(latch.await(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
