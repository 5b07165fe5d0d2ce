package dev.takt.scheduler.engine;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import dev.takt.scheduler.JobContext;
import dev.takt.scheduler.JobHandler;
import dev.takt.scheduler.JobResult;
import dev.takt.scheduler.JobSpec;
import dev.takt.scheduler.JobTimeoutException;
import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.SimpleHandlerRegistry;
import dev.takt.scheduler.UnknownHandlerException;
import dev.takt.scheduler.event.JobError;
import dev.takt.scheduler.event.JobExecuted;
import dev.takt.scheduler.event.JobMaxInstances;
import dev.takt.scheduler.history.RunRecord;
import dev.takt.scheduler.retry.RetryListener;
import dev.takt.scheduler.retry.RetryPolicy;
import dev.takt.scheduler.testing.MutableClock;
import dev.takt.scheduler.testing.TickScheduler;
import dev.takt.scheduler.trigger.DateTrigger;
import dev.takt.scheduler.trigger.IntervalTrigger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retries with back-off, which failures retry, hooks, and run timeouts, on a tick-driven
 * scheduler.
 */
class RetryAndTimeoutTests {

	private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

	private final MutableClock clock = MutableClock.at(T0);

	private final Recorder recorder = new Recorder();

	private final FlakyHandler flaky = new FlakyHandler();

	private TickScheduler scheduler;

	@BeforeEach
	void start() {
		this.scheduler = TickScheduler.create(Scheduler.builder()
			.handler("flaky", this.flaky)
			.listener(this.recorder), this.clock);
		this.scheduler.start();
	}

	private void addOnce(String handler, RetryPolicy policy) {
		this.scheduler.addJob(JobSpec.builder(handler)
			.id("job")
			.trigger(DateTrigger.at(T0.plusSeconds(1)))
			.retry(policy)
			.misfireGraceTime(null)
			.build());
	}

	@Test
	void fixedBackOffRetriesUntilSuccess() {
		this.flaky.failures = 2;
		addOnce("flaky", RetryPolicy.fixed(3, Duration.ofSeconds(10)));
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(this.recorder.events(JobError.class)).singleElement()
			.satisfies((event) -> assertThat(event.retryAt()).isEqualTo(T0.plusSeconds(11)));
		assertThat(this.scheduler.status().pendingRetries()).isEqualTo(1);
		assertThat(this.scheduler.advance(Duration.ofSeconds(9))).isZero();
		assertThat(this.scheduler.advance(Duration.ofSeconds(1))).isEqualTo(1);
		assertThat(this.scheduler.advance(Duration.ofSeconds(10))).isEqualTo(1);
		assertThat(this.flaky.calls).extracting(JobContext::attempt).containsExactly(1, 2, 3);
		assertThat(this.flaky.calls).extracting(JobContext::scheduledFireTime).containsOnly(T0.plusSeconds(1));
		assertThat(this.flaky.calls).extracting(JobContext::actualFireTime)
			.containsExactly(T0.plusSeconds(1), T0.plusSeconds(11), T0.plusSeconds(21));
		assertThat(this.recorder.events(JobExecuted.class)).singleElement()
			.satisfies((event) -> assertThat(event.result().attempts()).isEqualTo(3));
		List<RunRecord> runs = this.scheduler.getRuns("job", 10);
		assertThat(runs).singleElement().satisfies((run) -> {
			assertThat(run.result().successful()).isTrue();
			assertThat(run.result().attempts()).isEqualTo(3);
			assertThat(run.scheduledRunTime()).isEqualTo(T0.plusSeconds(1));
		});
		assertThat(this.scheduler.status().pendingRetries()).isZero();
		assertThat(this.scheduler.status().runningRuns()).isZero();
	}

	@Test
	void exhaustedRetriesRecordTheFailure() {
		this.flaky.failures = Integer.MAX_VALUE;
		addOnce("flaky", RetryPolicy.fixed(2, Duration.ofSeconds(5)));
		this.scheduler.advance(Duration.ofSeconds(1));
		this.scheduler.advance(Duration.ofSeconds(5));
		this.scheduler.advance(Duration.ofMinutes(5));
		assertThat(this.flaky.calls).hasSize(2);
		assertThat(this.recorder.events(JobError.class)).extracting(JobError::willRetry).containsExactly(true, false);
		assertThat(this.scheduler.getRuns("job", 10)).singleElement().satisfies((run) -> {
			assertThat(run.result().successful()).isFalse();
			assertThat(run.result().attempts()).isEqualTo(2);
			assertThat(run.result().exception()).isInstanceOf(IOException.class);
		});
	}

	@Test
	void exponentialBackOffGrowsUpToItsCap() {
		this.flaky.failures = Integer.MAX_VALUE;
		addOnce("flaky", RetryPolicy.exponential(5, Duration.ofSeconds(1), 2.0).withMaxDelay(Duration.ofSeconds(3)));
		this.scheduler.advance(Duration.ofSeconds(1));
		for (int i = 0; i < 10; i++) {
			this.scheduler.advance(Duration.ofSeconds(1));
		}
		List<Instant> starts = this.flaky.calls.stream().map(JobContext::actualFireTime).toList();
		List<Duration> gaps = new ArrayList<>();
		for (int i = 1; i < starts.size(); i++) {
			gaps.add(Duration.between(starts.get(i - 1), starts.get(i)));
		}
		assertThat(gaps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3),
				Duration.ofSeconds(3));
	}

	@Test
	void onlyListedExceptionsAreRetried() {
		this.flaky.failures = 1;
		this.flaky.failure = new IllegalStateException("not retried");
		addOnce("flaky", RetryPolicy.fixed(3, Duration.ofSeconds(1)).retryOn(IOException.class));
		this.scheduler.advance(Duration.ofSeconds(1));
		this.scheduler.advance(Duration.ofSeconds(5));
		assertThat(this.flaky.calls).hasSize(1);
		assertThat(this.recorder.events(JobError.class)).singleElement()
			.satisfies((event) -> assertThat(event.willRetry()).isFalse());
	}

	@Test
	void listedExceptionsAndSubclassesAreRetried() {
		this.flaky.failures = 1;
		this.flaky.failure = new java.io.FileNotFoundException("retried");
		addOnce("flaky", RetryPolicy.fixed(3, Duration.ofSeconds(1)).retryOn(IOException.class));
		this.scheduler.advance(Duration.ofSeconds(1));
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(this.flaky.calls).hasSize(2);
		assertThat(this.recorder.events(JobExecuted.class)).hasSize(1);
	}

	@Test
	void abortingExceptionsAreNeverRetried() {
		this.flaky.failures = 1;
		this.flaky.failure = new IllegalArgumentException("bad input");
		addOnce("flaky", RetryPolicy.fixed(3, Duration.ofSeconds(1)).abortOn(IllegalArgumentException.class));
		this.scheduler.advance(Duration.ofSeconds(1));
		this.scheduler.advance(Duration.ofSeconds(5));
		assertThat(this.flaky.calls).hasSize(1);
	}

	@Test
	void returnedFailureIsRetriedWhenEveryFailureIs() {
		AtomicInteger calls = new AtomicInteger();
		this.scheduler.addJob(JobSpec.builder((context) -> (calls.incrementAndGet() == 1)
				? JobResult.failure("no data yet") : JobResult.success("done"))
			.id("returns")
			.trigger(DateTrigger.at(T0))
			.retry(RetryPolicy.fixed(2, Duration.ofSeconds(1)))
			.build());
		this.scheduler.tick();
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(calls).hasValue(2);
		assertThat(this.scheduler.getRuns("returns", 1)).singleElement()
			.satisfies((run) -> assertThat(run.result().data()).isEqualTo("done"));
	}

	@Test
	void hooksHearOfRetriesSuccessAndFailure() {
		HookedHandler hooked = new HookedHandler();
		this.scheduler.addJob(JobSpec.builder(hooked).id("hooked").trigger(IntervalTrigger.every(Duration.ofMinutes(1)))
			.retry(RetryPolicy.fixed(2, Duration.ofSeconds(1)))
			.build());
		hooked.failures = 1;
		this.scheduler.advance(Duration.ofMinutes(1));
		this.scheduler.advance(Duration.ofSeconds(1));
		hooked.failures = 2;
		this.scheduler.advance(Duration.ofMinutes(1));
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(hooked.hooks).containsExactly("retry 1 after PT1S", "success 2", "retry 1 after PT1S",
				"failure 2");
	}

	@Test
	void throwingHookChangesNothing() {
		this.scheduler.addJob(JobSpec.builder(new ThrowingHooks()).id("hooks").trigger(DateTrigger.at(T0)).build());
		this.scheduler.tick();
		assertThat(this.recorder.events(JobExecuted.class)).hasSize(1);
	}

	@Test
	void waitingRetryHoldsTheJobsInstance() {
		this.flaky.failures = Integer.MAX_VALUE;
		this.scheduler.addJob(JobSpec.builder("flaky")
			.id("busy")
			.trigger(IntervalTrigger.every(Duration.ofSeconds(10)))
			.retry(RetryPolicy.fixed(2, Duration.ofSeconds(15)))
			.build());
		this.scheduler.advance(Duration.ofSeconds(10));
		this.scheduler.advance(Duration.ofSeconds(10));
		assertThat(this.recorder.events(JobMaxInstances.class)).hasSize(1);
		this.scheduler.advance(Duration.ofSeconds(5));
		assertThat(this.flaky.calls).extracting(JobContext::attempt).containsExactly(1, 2);
		this.scheduler.advance(Duration.ofSeconds(5));
		assertThat(this.flaky.calls).extracting(JobContext::attempt).containsExactly(1, 2, 1);
	}

	@Test
	void retryWhoseHandlerWentAwayFailsWithoutFurtherRetryAndKeepsTheJob() {
		this.flaky.failures = 1;
		this.scheduler.addJob(JobSpec.builder("flaky").id("orphan")
			.trigger(IntervalTrigger.every(Duration.ofSeconds(10)))
			.retry(RetryPolicy.fixed(3, Duration.ofSeconds(1)))
			.build());
		this.scheduler.advance(Duration.ofSeconds(10));
		((SimpleHandlerRegistry) this.scheduler.handlers()).unregister("flaky");
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(this.recorder.events(JobError.class)).hasSize(2).last().satisfies((event) -> {
			assertThat(event.willRetry()).isFalse();
			assertThat(event.result().exception()).isInstanceOf(UnknownHandlerException.class);
		});
		assertThat(this.scheduler.status().pendingRetries()).isZero();
		assertThat(this.scheduler.getJob("orphan")).isPresent();
		assertThat(this.scheduler.modifyJob("orphan", (job) -> job.withMaxInstances(2)).maxInstances()).isEqualTo(2);
		assertThat(this.scheduler.pauseJob("orphan").isPaused()).isTrue();
	}

	@Test
	void runOverItsTimeoutFails() {
		this.scheduler.addJob(JobSpec.builder((context) -> {
			this.clock.advance(Duration.ofSeconds(2));
			return JobResult.success();
		}).id("slow").trigger(DateTrigger.at(T0)).timeout(Duration.ofSeconds(1)).build());
		this.scheduler.tick();
		assertThat(this.recorder.events(JobError.class)).singleElement().satisfies((event) -> {
			assertThat(event.result().exception()).isInstanceOf(JobTimeoutException.class)
				.hasMessageContaining("PT1S");
			assertThat(event.result().duration()).isEqualTo(Duration.ofSeconds(2));
		});
	}

	@Test
	void timedOutRunIsRetriedWhenThePolicySaysSo() {
		AtomicInteger calls = new AtomicInteger();
		this.scheduler.addJob(JobSpec.builder((context) -> {
			if (calls.incrementAndGet() == 1) {
				this.clock.advance(Duration.ofSeconds(2));
			}
			return JobResult.success();
		}).id("slow").trigger(DateTrigger.at(T0)).timeout(Duration.ofSeconds(1))
			.retry(RetryPolicy.fixed(2, Duration.ofSeconds(1)).retryOn(JobTimeoutException.class))
			.build());
		this.scheduler.tick();
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(calls).hasValue(2);
		assertThat(this.recorder.events(JobExecuted.class)).hasSize(1);
	}

	@Test
	void timeoutInterruptsABlockedHandler() {
		CountDownLatch never = new CountDownLatch(1);
		this.scheduler.addJob(JobSpec.builder((context) -> {
			never.await();
			return JobResult.success();
		}).id("blocked").trigger(DateTrigger.at(T0)).timeout(Duration.ofMillis(50)).build());
		this.scheduler.tick();
		assertThat(this.recorder.events(JobError.class)).singleElement()
			.satisfies((event) -> assertThat(event.result().exception()).isInstanceOf(JobTimeoutException.class));
		assertThat(Thread.currentThread().isInterrupted()).isFalse();
	}

	@Test
	void handlerThatFinishesInTimeIsNotInterruptedLater() throws InterruptedException {
		this.scheduler.addJob(JobSpec.builder((context) -> JobResult.success()).id("quick").trigger(DateTrigger.at(T0))
			.timeout(Duration.ofMillis(20)).build());
		this.scheduler.tick();
		Thread.sleep(60);
		assertThat(Thread.currentThread().isInterrupted()).isFalse();
		assertThat(this.recorder.events(JobExecuted.class)).hasSize(1);
	}

	/** Fails with {@link #failure} the first {@link #failures} calls. */
	static final class FlakyHandler implements JobHandler {

		final List<JobContext> calls = new ArrayList<>();

		int failures;

		Exception failure = new IOException("flaky");

		@Override
		public JobResult handle(JobContext context) throws Exception {
			this.calls.add(context);
			if (this.calls.size() <= this.failures || this.failures == Integer.MAX_VALUE) {
				throw this.failure;
			}
			return JobResult.success();
		}

	}

	/** Fails its first attempts, and records its hooks. */
	static final class HookedHandler implements JobHandler, RetryListener {

		final List<String> hooks = new ArrayList<>();

		int failures;

		@Override
		public JobResult handle(JobContext context) {
			if (context.attempt() <= this.failures) {
				throw new IllegalStateException("attempt " + context.attempt());
			}
			return JobResult.success();
		}

		@Override
		public void onSuccess(JobContext context, JobResult result) {
			this.hooks.add("success " + result.attempts());
		}

		@Override
		public void onRetry(JobContext context, JobResult result, Duration delay) {
			this.hooks.add("retry " + result.attempts() + " after " + delay);
		}

		@Override
		public void onFailure(JobContext context, JobResult result) {
			this.hooks.add("failure " + result.attempts());
		}

	}

	/** Succeeds, and throws from its hook. */
	static final class ThrowingHooks implements JobHandler, RetryListener {

		@Override
		public JobResult handle(JobContext context) {
			return JobResult.success();
		}

		@Override
		public void onSuccess(JobContext context, JobResult result) {
			throw new IllegalStateException("hook failed");
		}

	}

}
