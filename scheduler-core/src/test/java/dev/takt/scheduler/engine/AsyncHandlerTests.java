package dev.takt.scheduler.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import dev.takt.scheduler.JobContext;
import dev.takt.scheduler.JobHandler;
import dev.takt.scheduler.JobResult;
import dev.takt.scheduler.JobSpec;
import dev.takt.scheduler.JobTimeoutException;
import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.event.JobError;
import dev.takt.scheduler.event.JobExecuted;
import dev.takt.scheduler.retry.RetryPolicy;
import dev.takt.scheduler.testing.MutableClock;
import dev.takt.scheduler.testing.TickScheduler;
import dev.takt.scheduler.trigger.DateTrigger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Handlers that return a {@code CompletionStage}: the run ends when the stage completes, without
 * holding the executor's thread.
 */
class AsyncHandlerTests {

	private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

	private final MutableClock clock = MutableClock.at(T0);

	private final Recorder recorder = new Recorder();

	private TickScheduler scheduler;

	@BeforeEach
	void start() {
		this.scheduler = TickScheduler.create(Scheduler.builder().listener(this.recorder), this.clock);
		this.scheduler.start();
	}

	@Test
	void completedStageIsRecordedAtOnce() {
		this.scheduler.addJob(JobSpec.builder(JobHandler.async((context) -> CompletableFuture.completedFuture(
				JobResult.success(context.jobId())))).id("done").trigger(DateTrigger.at(T0)).build());
		this.scheduler.tick();
		assertThat(this.recorder.events(JobExecuted.class)).singleElement()
			.satisfies((event) -> assertThat(event.result().data()).isEqualTo("done"));
	}

	@Test
	void runEndsWhenTheStageCompletes() {
		CompletableFuture<JobResult> later = new CompletableFuture<>();
		this.scheduler.addJob(JobSpec.builder(JobHandler.async((context) -> later)).id("later")
			.trigger(DateTrigger.at(T0)).build());
		this.scheduler.tick();
		assertThat(this.recorder.events(JobExecuted.class)).isEmpty();
		assertThat(this.scheduler.status().runningRuns()).isEqualTo(1);
		this.clock.advance(Duration.ofSeconds(3));
		later.complete(JobResult.success());
		assertThat(this.recorder.events(JobExecuted.class)).singleElement()
			.satisfies((event) -> assertThat(event.result().duration()).isEqualTo(Duration.ofSeconds(3)));
		assertThat(this.scheduler.status().runningRuns()).isZero();
	}

	@Test
	void failedStageIsAFailureAndMayBeRetried() {
		AtomicInteger calls = new AtomicInteger();
		this.scheduler.addJob(JobSpec.builder(JobHandler.async((context) -> (calls.incrementAndGet() == 1)
				? CompletableFuture.failedFuture(new IllegalStateException("remote down"))
				: CompletableFuture.completedFuture(JobResult.success())))
			.id("flaky")
			.trigger(DateTrigger.at(T0))
			.retry(RetryPolicy.fixed(2, Duration.ofSeconds(1)))
			.build());
		this.scheduler.tick();
		assertThat(this.recorder.events(JobError.class)).singleElement().satisfies((event) -> {
			assertThat(event.result().exception()).hasMessage("remote down");
			assertThat(event.willRetry()).isTrue();
		});
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(this.recorder.events(JobExecuted.class)).singleElement()
			.satisfies((event) -> assertThat(event.result().attempts()).isEqualTo(2));
	}

	@Test
	void handlerThatThrowsBeforeReturningAStageFails() {
		this.scheduler.addJob(JobSpec.builder(JobHandler.async((context) -> {
			throw new IllegalArgumentException("cannot start");
		})).id("throws").trigger(DateTrigger.at(T0)).build());
		this.scheduler.tick();
		assertThat(this.recorder.events(JobError.class)).singleElement()
			.satisfies((event) -> assertThat(event.result().exception()).hasMessage("cannot start"));
		assertThat(this.scheduler.status().runningRuns()).isZero();
	}

	@Test
	void stageThatOutlivesItsTimeoutFailsAndIsCancelled() {
		CompletableFuture<JobResult> never = new CompletableFuture<>();
		this.scheduler.addJob(JobSpec.builder(JobHandler.async((context) -> never)).id("hangs")
			.trigger(DateTrigger.at(T0)).timeout(Duration.ofMillis(50)).build());
		this.scheduler.tick();
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.recorder.events(JobError.class).isEmpty());
		assertThat(this.recorder.events(JobError.class)).singleElement()
			.satisfies((event) -> assertThat(event.result().exception()).isInstanceOf(JobTimeoutException.class));
		assertThat(never).isCancelled();
		assertThat(this.scheduler.status().runningRuns()).isZero();
	}

	@Test
	void blockingCallOfAnAsyncHandlerWaitsForItsStage() throws Exception {
		JobHandler handler = JobHandler.async((context) -> CompletableFuture.supplyAsync(() -> JobResult.success(42)));
		JobResult result = handler.handle(new JobContext("j", "j", T0, T0, 1, List.of(), Map.of(),
				"default"));
		assertThat(result.data()).isEqualTo(42);
	}

}
