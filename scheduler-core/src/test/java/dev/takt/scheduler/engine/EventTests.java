package dev.takt.scheduler.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.takt.scheduler.JobResult;
import dev.takt.scheduler.JobSpec;
import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.event.EventType;
import dev.takt.scheduler.event.JobError;
import dev.takt.scheduler.event.JobExecuted;
import dev.takt.scheduler.event.SchedulerEvent;
import dev.takt.scheduler.event.SchedulerListener;
import dev.takt.scheduler.testing.MutableClock;
import dev.takt.scheduler.testing.TickScheduler;
import dev.takt.scheduler.trigger.IntervalTrigger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events as APScheduler sends them, listener masks, and faults in listeners and handlers that
 * never break the loop.
 */
class EventTests {

	private final MutableClock clock = MutableClock.at(Instant.parse("2030-01-01T00:00:00Z"));

	private final Recorder all = new Recorder();

	private TickScheduler scheduler;

	@BeforeEach
	void create() {
		this.scheduler = TickScheduler.create(Scheduler.builder()
			.name("events")
			.handler("ok", (context) -> JobResult.success("fine"))
			.handler("boom", (context) -> {
				throw new IllegalStateException("boom");
			})
			.listener(this.all), this.clock);
	}

	@Test
	void lifecycleEventsComeInApschedulersOrder() {
		this.scheduler.start();
		this.scheduler.pause();
		this.scheduler.resume();
		this.scheduler.shutdown();
		assertThat(this.all.events).extracting(SchedulerEvent::type).containsExactly(EventType.EXECUTOR_ADDED,
				EventType.JOBSTORE_ADDED, EventType.SCHEDULER_STARTED, EventType.SCHEDULER_PAUSED,
				EventType.SCHEDULER_RESUMED, EventType.EXECUTOR_REMOVED, EventType.JOBSTORE_REMOVED,
				EventType.SCHEDULER_SHUTDOWN);
		assertThat(this.all.events).allSatisfy((event) -> assertThat(event.scheduler()).isEqualTo("events"));
	}

	@Test
	void aRunIsSubmittedThenExecuted() {
		this.scheduler.start();
		this.scheduler.addIntervalJob("j", Duration.ofSeconds(1), "ok");
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(this.all.events).extracting(SchedulerEvent::type).endsWith(EventType.JOB_ADDED,
				EventType.JOB_SUBMITTED, EventType.JOB_EXECUTED);
		assertThat(this.all.events(JobExecuted.class)).singleElement().satisfies((event) -> {
			assertThat(event.jobId()).isEqualTo("j");
			assertThat(event.result().data()).isEqualTo("fine");
			assertThat(event.result().start()).isEqualTo(this.clock.instant());
			assertThat(event.result().duration()).isEqualTo(Duration.ZERO);
			assertThat(event.result().attempts()).isEqualTo(1);
		});
	}

	@Test
	void listenerReceivesOnlyItsMask() {
		Recorder errors = new Recorder();
		this.scheduler.addListener(errors, EnumSet.of(EventType.JOB_ERROR));
		this.scheduler.start();
		this.scheduler.addIntervalJob("ok", Duration.ofSeconds(1), "ok");
		this.scheduler.addIntervalJob("boom", Duration.ofSeconds(1), "boom");
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(errors.events).singleElement().isInstanceOf(JobError.class);
		assertThat(this.scheduler.removeListener(errors)).isTrue();
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(errors.events).hasSize(1);
		assertThat(this.scheduler.removeListener(errors)).isFalse();
	}

	@Test
	void throwingListenerBreaksNeitherTheLoopNorOtherListeners() {
		SchedulerListener throwing = (event) -> {
			throw new IllegalStateException("listener failed");
		};
		this.scheduler.addListener(throwing);
		Recorder after = new Recorder();
		this.scheduler.addListener(after);
		this.scheduler.start();
		this.scheduler.addIntervalJob("j", Duration.ofSeconds(1), "ok");
		this.scheduler.advance(Duration.ofSeconds(1));
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(after.events(JobExecuted.class)).hasSize(2);
	}

	@Test
	void throwingHandlerIsReportedAndRunsAgainNextTime() {
		this.scheduler.start();
		this.scheduler.addIntervalJob("boom", Duration.ofSeconds(1), "boom");
		this.scheduler.advance(Duration.ofSeconds(1));
		this.scheduler.advance(Duration.ofSeconds(1));
		List<JobError> errors = this.all.events(JobError.class);
		assertThat(errors).hasSize(2).allSatisfy((event) -> {
			assertThat(event.result().exception()).isInstanceOf(IllegalStateException.class).hasMessage("boom");
			assertThat(event.result().successful()).isFalse();
			assertThat(event.willRetry()).isFalse();
		});
		assertThat(this.scheduler.getRuns("boom", 5)).hasSize(2)
			.allSatisfy((run) -> assertThat(run.result().message()).contains("boom"));
		assertThat(this.scheduler.getJob("boom")).isPresent();
	}

	@Test
	void handlerThrowingAnErrorIsContainedToo() {
		this.scheduler.start();
		this.scheduler.addJob(JobSpec.builder((context) -> {
			throw new AssertionError("error, not exception");
		}).id("err").trigger(IntervalTrigger.every(Duration.ofSeconds(1))).build());
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(this.all.events(JobError.class)).singleElement()
			.satisfies((event) -> assertThat(event.result().exception()).isInstanceOf(AssertionError.class));
	}

	@Test
	void listenerMayChangeTheSchedulerFromAnEvent() {
		List<String> seen = new CopyOnWriteArrayList<>();
		this.scheduler.addListener((event) -> {
			if (event instanceof JobExecuted executed) {
				seen.add(executed.jobId());
				this.scheduler.pauseJob(executed.jobId());
			}
		}, EnumSet.of(EventType.JOB_EXECUTED));
		this.scheduler.start();
		this.scheduler.addIntervalJob("once", Duration.ofSeconds(1), "ok");
		this.scheduler.advance(Duration.ofSeconds(1));
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(seen).containsExactly("once");
	}

}
