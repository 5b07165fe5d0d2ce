package dev.takt.scheduler.store.jdbc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

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
		Database database = new Database();
		Completions<String> completions = new Completions<>(database);
		assertThatIllegalStateException().isThrownBy(() -> completions.complete("a")).withMessage("database away");
		completions.flushPending();
		assertThat(completions.pending()).isEqualTo(1);

		database.down = false;
		completions.complete("b");
		assertThat(database.deletes).containsExactly(List.of("a", "b"));
		assertThat(completions.pending()).isZero();
	}

	@Test
	void flushPendingDeletesWhatAFailedDeleteLeftBehind() {
		Database database = new Database();
		Completions<String> completions = new Completions<>(database);
		assertThatIllegalStateException().isThrownBy(() -> completions.complete("a"));
		database.down = false;
		completions.flushPending();
		assertThat(database.deletes).containsExactly(List.of("a"));
		assertThat(completions.pending()).isZero();
		completions.flushPending();
		assertThat(database.deletes).hasSize(1);
	}

	/** Deletes, or fails as a database that went away while {@code down} is set. */
	private static final class Database implements Consumer<List<String>> {

		final List<List<String>> deletes = new ArrayList<>();

		boolean down = true;

		@Override
		public void accept(List<String> ids) {
			if (this.down) {
				throw new IllegalStateException("database away");
			}
			this.deletes.add(List.copyOf(ids));
		}

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
