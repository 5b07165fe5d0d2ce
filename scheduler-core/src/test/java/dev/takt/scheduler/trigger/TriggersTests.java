package dev.takt.scheduler.trigger;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import static dev.takt.scheduler.trigger.CombiningTriggerTests.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Triggers}, and for combinations of cron triggers.
 */
class TriggersTests {

	private static final ZoneId LONDON = ZoneId.of("Europe/London");

	private static final Instant T0 = Instant.parse("2024-06-07T10:00:00Z");

	@Test
	void cronUsesTheSystemDefaultZoneUnlessGivenOne() {
		assertThat(Triggers.cron("0 9 * * 1-5").zone()).isEqualTo(ZoneId.systemDefault());
		assertThat(Triggers.cron("0 9 * * 1-5", LONDON)).isEqualTo(CronTrigger.parse("0 9 * * 1-5", LONDON));
	}

	@Test
	void factoriesBuildTheBuiltInTriggers() {
		assertThat(Triggers.interval(Duration.ofMinutes(5))).isEqualTo(IntervalTrigger.every(Duration.ofMinutes(5)));
		assertThat(Triggers.date(T0)).isEqualTo(DateTrigger.at(T0));
		assertThat(Triggers.calendarInterval(Period.ofMonths(1), LocalTime.NOON, LocalDate.of(2024, 1, 31), LONDON))
			.isEqualTo(new CalendarIntervalTrigger(Period.ofMonths(1), LocalTime.NOON, LocalDate.of(2024, 1, 31), null,
					LONDON));
		assertThat(Triggers.and(Triggers.date(T0), Triggers.interval(Duration.ofMinutes(1))))
			.isEqualTo(new AndTrigger(List.of(DateTrigger.at(T0), IntervalTrigger.every(Duration.ofMinutes(1)))));
		assertThat(Triggers.or(Triggers.date(T0))).isEqualTo(new OrTrigger(List.of(DateTrigger.at(T0))));
		assertThat(Triggers.jitter(Triggers.date(T0), Duration.ofSeconds(5)))
			.isEqualTo(JitterTrigger.of(DateTrigger.at(T0), Duration.ofSeconds(5)));
	}

	@Test
	void andOfEveryFiveAndEveryThreeMinutesFiresEveryFifteenQuickly() {
		Trigger trigger = Triggers.and(Triggers.cron("*/5 * * * *", ZoneOffset.UTC),
				Triggers.cron("*/3 * * * *", ZoneOffset.UTC));
		long started = System.nanoTime();
		List<Instant> fireTimes = run(trigger, T0.plusSeconds(1), 1_000);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		assertThat(fireTimes).hasSize(1_000).startsWith(T0.plusSeconds(900), T0.plusSeconds(1800));
		for (int i = 1; i < fireTimes.size(); i++) {
			assertThat(Duration.between(fireTimes.get(i - 1), fireTimes.get(i))).isEqualTo(Duration.ofMinutes(15));
		}
	}

	@Test
	void andOfCronFieldsThatNeverMeetIsFinished() {
		Trigger trigger = Triggers.and(CronTrigger.builder().month("2").zone(ZoneOffset.UTC).build(),
				CronTrigger.builder().day("31").zone(ZoneOffset.UTC).build());
		long started = System.nanoTime();
		assertThat(trigger.nextFireTime(null, T0)).isEmpty();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
	}

	@Test
	void andOfCronAndIntervalFiresWhereTheLatticeMeetsTheSchedule() {
		Trigger trigger = Triggers.and(CronTrigger.builder().dayOfWeek("sat,sun").hour("*").zone(ZoneOffset.UTC).build(),
				new IntervalTrigger(Duration.ofHours(2), Instant.parse("2024-06-07T00:00:00Z"), null));
		assertThat(run(trigger, T0, 3)).containsExactly(Instant.parse("2024-06-08T00:00:00Z"),
				Instant.parse("2024-06-08T02:00:00Z"), Instant.parse("2024-06-08T04:00:00Z"));
	}

	@Test
	void andKeepsTheShiftedFireTimeOfADstGapThatEveryCronTriggerHasOnItsOwn() {
		ZoneId newYork = ZoneId.of("America/New_York");
		Trigger trigger = Triggers.and(CronTrigger.builder().hour("2").minute("*/10").zone(newYork).build(),
				CronTrigger.builder().hour("2").minute("*/15").zone(newYork).build());
		assertThat(run(trigger, Instant.parse("2021-03-14T05:00:00Z"), 3)).containsExactly(
				Instant.parse("2021-03-14T07:00:00Z"), Instant.parse("2021-03-15T06:00:00Z"),
				Instant.parse("2021-03-15T06:30:00Z"));
		assertThat(run(trigger, Instant.parse("2021-03-14T07:00:00Z"), 1))
			.containsExactly(Instant.parse("2021-03-15T06:00:00Z"));
	}

	@Test
	void orWithAJitteredCronDelaysOnlyThatCron() {
		Trigger trigger = Triggers.or(Triggers.jitter(Triggers.cron("0 * * * *", ZoneOffset.UTC), Duration.ofMinutes(1)),
				Triggers.date(T0.plusSeconds(1800)));
		Instant first = trigger.nextFireTime(null, T0.plusSeconds(1)).orElseThrow();
		assertThat(first).isEqualTo(T0.plusSeconds(1800));
		Instant second = trigger.nextFireTime(first, first).orElseThrow();
		assertThat(second).isBetween(T0.plusSeconds(3600), T0.plusSeconds(3660));
	}

}
