package dev.takt.scheduler.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.takt.scheduler.Job;
import dev.takt.scheduler.JobResult;
import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.event.JobAdded;
import dev.takt.scheduler.testing.MutableClock;
import dev.takt.scheduler.testing.TickScheduler;
import dev.takt.scheduler.trigger.CronTrigger;
import dev.takt.scheduler.trigger.InvalidTriggerException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Jobs added with {@code addCronJob}: a crontab string read in the scheduler's time zone, standard
 * weekday numbering, run by the loop at each fire time, wall-clock time kept across a change of
 * daylight saving time.
 */
class CronJobTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private final MutableClock clock = MutableClock.at("2030-01-03T12:00:00Z");

	private final Recorder recorder = new Recorder();

	private final TickScheduler scheduler = TickScheduler.create(Scheduler.builder()
		.timezone(BERLIN)
		.handler("report", this.recorder)
		.listener(this.recorder), this.clock);

	@Test
	void weekdayJobRunsEachWorkingMorningInTheSchedulersZone() {
		this.scheduler.start();
		Job job = this.scheduler.addCronJob("weekday-report", "0 9 * * 1-5", "report", "sales");
		assertThat(job.trigger()).isEqualTo(CronTrigger.fromCrontab("0 9 * * 1-5", BERLIN));
		assertThat(job.args()).containsExactly("sales");
		// Thursday noon: the first fire is Friday 09:00 in Berlin (CET, UTC+1)
		assertThat(job.nextRunTime()).isEqualTo(Instant.parse("2030-01-04T08:00:00Z"));
		assertThat(this.recorder.events(JobAdded.class)).singleElement()
			.satisfies((event) -> assertThat(event.job()).isEqualTo(job));

		assertThat(this.scheduler.advance(Duration.ofHours(19).plusMinutes(59))).isZero();
		assertThat(this.scheduler.advance(Duration.ofMinutes(1))).isEqualTo(1);
		assertThat(this.recorder.calls).singleElement().satisfies((context) -> {
			assertThat(context.jobId()).isEqualTo("weekday-report");
			assertThat(context.args()).containsExactly("sales");
			assertThat(context.scheduledFireTime()).isEqualTo(Instant.parse("2030-01-04T08:00:00Z"));
		});
		// over the weekend to Monday
		assertThat(this.scheduler.getJob("weekday-report").get().nextRunTime())
			.isEqualTo(Instant.parse("2030-01-07T08:00:00Z"));
		for (int i = 0; i < 24 * 7; i++) {
			this.scheduler.advance(Duration.ofHours(1));
		}
		assertThat(this.recorder.runTimes()).containsExactly(Instant.parse("2030-01-04T08:00:00Z"),
				Instant.parse("2030-01-07T08:00:00Z"), Instant.parse("2030-01-08T08:00:00Z"),
				Instant.parse("2030-01-09T08:00:00Z"), Instant.parse("2030-01-10T08:00:00Z"),
				Instant.parse("2030-01-11T08:00:00Z"));
	}

	@Test
	void cronJobKeepsItsWallClockTimeAcrossTheChangeToSummerTime() {
		this.clock.set(Instant.parse("2030-03-29T12:00:00Z"));
		this.scheduler.start();
		this.scheduler.addCronJob("weekday-report", "0 9 * * 1-5", "report", List.of("sales"), Map.of("top", 10));
		for (int i = 0; i < 68; i++) {
			this.scheduler.advance(Duration.ofHours(1));
		}
		// Monday 1 April 09:00 is CEST (UTC+2): 07:00 UTC
		assertThat(this.recorder.calls).singleElement().satisfies((context) -> {
			assertThat(context.scheduledFireTime()).isEqualTo(Instant.parse("2030-04-01T07:00:00Z"));
			assertThat(context.kwarg("top")).contains(10);
		});
	}

	@Test
	void cronJobWithInlineCodeRunsEveryQuarterHour() {
		this.scheduler.start();
		List<Instant> fires = new ArrayList<>();
		this.scheduler.addCronJob("quarterly", "*/15 * * * *", (context) -> {
			fires.add(context.scheduledFireTime());
			return JobResult.success();
		});
		for (int i = 0; i < 4; i++) {
			this.scheduler.advance(Duration.ofMinutes(15));
		}
		assertThat(fires).containsExactly(Instant.parse("2030-01-03T12:15:00Z"), Instant.parse("2030-01-03T12:30:00Z"),
				Instant.parse("2030-01-03T12:45:00Z"), Instant.parse("2030-01-03T13:00:00Z"));
	}

	@Test
	void invalidCrontabIsRefusedAndNothingIsStored() {
		this.scheduler.start();
		assertThatExceptionOfType(InvalidTriggerException.class)
			.isThrownBy(() -> this.scheduler.addCronJob("bad", "0 9 * * 8-9", "report"))
			.withMessageContaining("8-9");
		assertThat(this.scheduler.getJobs()).isEmpty();
		assertThat(this.recorder.events(JobAdded.class)).isEmpty();
	}

}
