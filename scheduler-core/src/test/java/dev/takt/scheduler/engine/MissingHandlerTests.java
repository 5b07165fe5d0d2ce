package dev.takt.scheduler.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.takt.scheduler.Job;
import dev.takt.scheduler.JobSpec;
import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.SimpleHandlerRegistry;
import dev.takt.scheduler.UnknownHandlerException;
import dev.takt.scheduler.event.JobError;
import dev.takt.scheduler.event.JobMissed;
import dev.takt.scheduler.event.JobRemoved;
import dev.takt.scheduler.store.Claim;
import dev.takt.scheduler.store.FirePlanner;
import dev.takt.scheduler.store.MemoryJobStore;
import dev.takt.scheduler.testing.MutableClock;
import dev.takt.scheduler.testing.TickScheduler;
import dev.takt.scheduler.trigger.DateTrigger;
import dev.takt.scheduler.trigger.IntervalTrigger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A stored job whose handler is not registered (removed in a new version of the application): it
 * is reported once (log, {@code JOB_ERROR}, {@code status()}) and left in the store untouched,
 * neither advanced nor removed, and not claimed again and again; it runs once its handler is
 * back.
 */
class MissingHandlerTests {

	private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

	private final MutableClock clock = MutableClock.at(T0);

	private final Recorder recorder = new Recorder();

	private final SimpleHandlerRegistry handlers = new SimpleHandlerRegistry().register("report", this.recorder);

	private TickScheduler scheduler;

	@BeforeEach
	void start() {
		this.scheduler = TickScheduler.create(Scheduler.builder().handlers(this.handlers).listener(this.recorder),
				this.clock);
		this.scheduler.start();
	}

	private Job addJobs() {
		Job once = this.scheduler.addJob(JobSpec.builder("report").id("once")
			.trigger(DateTrigger.at(T0.plusSeconds(5)))
			.misfireGraceTime(null)
			.build());
		this.scheduler.addJob(JobSpec.builder("report").id("often")
			.trigger(IntervalTrigger.every(Duration.ofSeconds(5)))
			.build());
		this.handlers.unregister("report");
		return once;
	}

	@Test
	void jobWithoutHandlerIsReportedOnceAndLeftUntouched() {
		Job once = addJobs();
		List<Job> stored = this.scheduler.getJobs();
		assertThat(this.scheduler.advance(Duration.ofSeconds(5))).isZero();
		assertThat(this.scheduler.getJobs()).isEqualTo(stored);
		assertThat(this.scheduler.getJob("once")).contains(once);
		assertThat(this.recorder.events(JobError.class)).extracting(JobError::jobId).containsExactlyInAnyOrder("once",
				"often");
		assertThat(this.recorder.events(JobError.class)).allSatisfy((event) -> {
			assertThat(event.scheduledRunTime()).isEqualTo(T0.plusSeconds(5));
			assertThat(event.willRetry()).isFalse();
			assertThat(event.result().exception()).isInstanceOf(UnknownHandlerException.class)
				.hasMessageContaining("'report'");
		});
		assertThat(this.scheduler.status().missingHandlers()).containsExactly(Map.entry("often", "report"),
				Map.entry("once", "report"));
		assertThat(this.scheduler.status().nextRunTime())
			.isEqualTo(T0.plusSeconds(5).plus(DuePlanner.MISSING_HANDLER_RECHECK));
		for (int i = 0; i < 10; i++) {
			this.scheduler.advance(Duration.ofSeconds(5));
		}
		assertThat(this.scheduler.getJobs()).isEqualTo(stored);
		assertThat(this.recorder.events(JobError.class)).hasSize(2);
		assertThat(this.recorder.events)
			.noneMatch((event) -> event instanceof JobMissed || event instanceof JobRemoved);
		assertThat(this.scheduler.status().missingHandlers()).containsOnlyKeys("often", "once");
		assertThat(this.recorder.calls).isEmpty();
	}

	@Test
	void jobRunsOnceItsHandlerIsBack() {
		addJobs();
		this.scheduler.advance(Duration.ofSeconds(5));
		this.handlers.register("report", this.recorder);
		this.scheduler.advance(DuePlanner.MISSING_HANDLER_RECHECK);
		assertThat(this.recorder.calls).extracting((context) -> context.jobId()).containsExactlyInAnyOrder("once",
				"often");
		assertThat(this.recorder.calls).filteredOn((context) -> context.jobId().equals("once")).singleElement()
			.satisfies((context) -> assertThat(context.scheduledFireTime()).isEqualTo(T0.plusSeconds(5)));
		assertThat(this.scheduler.getJob("once")).isEmpty();
		assertThat(this.scheduler.status().missingHandlers()).isEmpty();
	}

	@Test
	void changedJobIsLookedAtAgainAtOnce() {
		addJobs();
		this.scheduler.advance(Duration.ofSeconds(5));
		this.handlers.register("report", this.recorder);
		this.scheduler.modifyJob("once", (job) -> job.withName("changed"));
		assertThat(this.scheduler.status().missingHandlers()).containsOnlyKeys("often");
		assertThat(this.scheduler.tick()).isEqualTo(1);
		assertThat(this.recorder.calls).singleElement().satisfies((context) -> {
			assertThat(context.jobId()).isEqualTo("once");
			assertThat(context.jobName()).isEqualTo("changed");
		});
	}

	@Test
	void runNowOfAJobWithoutHandlerIsRefused() {
		Job once = addJobs();
		assertThatExceptionOfType(UnknownHandlerException.class).isThrownBy(() -> this.scheduler.runNow("once"))
			.satisfies((ex) -> assertThat(ex.handlerName()).isEqualTo("report"));
		assertThat(this.scheduler.getJob("once")).contains(once);
		assertThat(this.recorder.events(JobError.class)).isEmpty();
	}

	@Test
	void removedJobIsNoLongerReported() {
		addJobs();
		this.scheduler.advance(Duration.ofSeconds(5));
		this.scheduler.removeJob("once");
		assertThat(this.scheduler.status().missingHandlers()).containsOnlyKeys("often");
	}

	@Test
	void loopDoesNotSpinOnAJobWithoutHandler() {
		AtomicInteger claims = new AtomicInteger();
		MemoryJobStore memory = new MemoryJobStore();
		SimpleHandlerRegistry none = new SimpleHandlerRegistry().register("gone", this.recorder);
		Scheduler looping = Scheduler.builder().name("looping").handlers(none)
			.jobStore(new CountingStore(memory, claims))
			.build();
		looping.addJob(JobSpec.builder("gone").id("due").trigger(IntervalTrigger.every(Duration.ofMillis(50)))
			.build());
		none.unregister("gone");
		looping.start();
		try {
			await().atMost(Duration.ofSeconds(5)).until(() -> !looping.status().missingHandlers().isEmpty());
			int after = claims.get();
			await().pollDelay(Duration.ofMillis(300)).until(() -> true);
			assertThat(claims.get() - after).isLessThanOrEqualTo(2);
			assertThat(looping.getJob("due")).isPresent();
		}
		finally {
			looping.shutdown();
		}
	}

	/** A memory store that counts the loop's claims. */
	private static final class CountingStore extends ForwardingJobStore {

		private final AtomicInteger claims;

		CountingStore(MemoryJobStore delegate, AtomicInteger claims) {
			super(delegate);
			this.claims = claims;
		}

		@Override
		public List<Claim> acquireDue(Instant now, int limit, FirePlanner planner) {
			this.claims.incrementAndGet();
			return super.acquireDue(now, limit, planner);
		}

	}

}
