package dev.takt.scheduler.trigger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import static dev.takt.scheduler.trigger.CombiningTriggerTests.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CalendarIntervalTrigger}.
 */
class CalendarIntervalTriggerTests {

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	private static final ZoneId LONDON = ZoneId.of("Europe/London");

	@Test
	void monthlyOnThe31stSkipsShorterMonths() {
		Trigger trigger = CalendarIntervalTrigger.every(Period.ofMonths(1), LocalTime.of(9, 0),
				LocalDate.of(2024, 1, 31), ZoneOffset.UTC);
		assertThat(times(trigger, "2024-01-01T00:00:00Z", 5)).containsExactly("2024-01-31T09:00Z", "2024-03-31T09:00Z",
				"2024-05-31T09:00Z", "2024-07-31T09:00Z", "2024-08-31T09:00Z");
	}

	@Test
	void yearlyOnTheLeapDaySkipsOtherYears() {
		Trigger trigger = CalendarIntervalTrigger.every(Period.ofYears(1), LocalTime.NOON, LocalDate.of(2024, 2, 29),
				ZoneOffset.UTC);
		assertThat(times(trigger, "2024-01-01T00:00:00Z", 3)).containsExactly("2024-02-29T12:00Z", "2028-02-29T12:00Z",
				"2032-02-29T12:00Z");
	}

	@Test
	void monthsThenDaysLetTheDayOfMonthDrift() {
		Trigger trigger = CalendarIntervalTrigger.every(Period.of(0, 1, 1), LocalTime.MIDNIGHT, LocalDate.of(2024, 1, 31),
				ZoneOffset.UTC);
		assertThat(times(trigger, "2024-01-01T00:00:00Z", 4)).containsExactly("2024-01-31T00:00Z", "2024-04-01T00:00Z",
				"2024-05-02T00:00Z", "2024-06-03T00:00Z");
	}

	@Test
	void keepsTheWallClockTimeAcrossDstChanges() {
		Trigger trigger = CalendarIntervalTrigger.every(Period.ofDays(1), LocalTime.of(9, 0), LocalDate.of(2024, 3, 30),
				LONDON);
		assertThat(times(trigger, "2024-03-29T00:00:00Z", 3)).containsExactly("2024-03-30T09:00Z",
				"2024-03-31T08:00Z", "2024-04-01T08:00Z");
	}

	@Test
	void skipsADateOnWhichTheTimeDoesNotExist() {
		Trigger trigger = CalendarIntervalTrigger.every(Period.ofDays(1), LocalTime.of(2, 30), LocalDate.of(2021, 3, 13),
				NEW_YORK);
		assertThat(times(trigger, "2021-03-13T00:00:00Z", 3)).containsExactly("2021-03-13T07:30Z",
				"2021-03-15T06:30Z", "2021-03-16T06:30Z");
	}

	@Test
	void firesARepeatedTimeOnceAtItsFirstOccurrence() {
		Trigger trigger = CalendarIntervalTrigger.every(Period.ofDays(1), LocalTime.of(1, 30), LocalDate.of(2021, 11, 6),
				NEW_YORK);
		assertThat(times(trigger, "2021-11-06T00:00:00Z", 3)).containsExactly("2021-11-06T05:30Z",
				"2021-11-07T05:30Z", "2021-11-08T06:30Z");
	}

	@Test
	void firstCallReturnsTheFirstFireTimeAtOrAfterNow() {
		Trigger monthly = CalendarIntervalTrigger.every(Period.ofMonths(1), LocalTime.of(9, 0), LocalDate.of(2000, 1, 31),
				ZoneOffset.UTC);
		assertThat(times(monthly, "2024-06-15T00:00:00Z", 2)).containsExactly("2024-07-31T09:00Z", "2024-08-31T09:00Z");
		assertThat(times(monthly, "2024-05-31T09:00:00Z", 1)).containsExactly("2024-05-31T09:00Z");
		assertThat(times(monthly, "2024-05-31T09:00:01Z", 1)).containsExactly("2024-07-31T09:00Z");
		Trigger everyThreeDays = CalendarIntervalTrigger.every(Period.ofDays(3), LocalTime.of(9, 0),
				LocalDate.of(2000, 1, 1), LONDON);
		assertThat(times(everyThreeDays, "2024-06-07T08:00:00Z", 2)).containsExactly("2024-06-08T08:00Z",
				"2024-06-11T08:00Z");
		assertThat(times(everyThreeDays, "2024-06-05T08:00:00Z", 1)).containsExactly("2024-06-05T08:00Z");
		Trigger mixed = CalendarIntervalTrigger.every(Period.of(0, 1, 1), LocalTime.MIDNIGHT, LocalDate.of(2024, 1, 31),
				ZoneOffset.UTC);
		assertThat(times(mixed, "2024-05-01T00:00:00Z", 1)).containsExactly("2024-05-02T00:00Z");
	}

	@Test
	void endDateIsInclusive() {
		Trigger trigger = CalendarIntervalTrigger.every(Period.ofWeeks(1), LocalTime.of(23, 59, 59),
				LocalDate.of(2024, 6, 1), ZoneOffset.UTC)
			.withEndDate(LocalDate.of(2024, 6, 15));
		assertThat(times(trigger, "2024-01-01T00:00:00Z", 5)).containsExactly("2024-06-01T23:59:59Z",
				"2024-06-08T23:59:59Z", "2024-06-15T23:59:59Z");
	}

	@Test
	void stopsAfterYear9999() {
		Trigger trigger = CalendarIntervalTrigger.every(Period.ofYears(1000), LocalTime.MIDNIGHT,
				LocalDate.of(8000, 1, 1), ZoneOffset.UTC);
		assertThat(times(trigger, "2024-01-01T00:00:00Z", 5)).containsExactly("8000-01-01T00:00Z", "9000-01-01T00:00Z");
	}

	@Test
	void periodIsNormalized() {
		assertThat(CalendarIntervalTrigger.every(Period.ofMonths(13), LocalTime.NOON, LocalDate.of(2024, 1, 1), LONDON))
			.isEqualTo(CalendarIntervalTrigger.every(Period.of(1, 1, 0), LocalTime.NOON, LocalDate.of(2024, 1, 1), LONDON));
	}

	@Test
	void rejectsBadArguments() {
		LocalDate start = LocalDate.of(2024, 1, 1);
		assertThatExceptionOfType(InvalidTriggerException.class)
			.isThrownBy(() -> CalendarIntervalTrigger.every(Period.ZERO, LocalTime.NOON, start, LONDON))
			.withMessageContaining("at least one day");
		assertThatExceptionOfType(InvalidTriggerException.class)
			.isThrownBy(() -> CalendarIntervalTrigger.every(Period.ofDays(-1), LocalTime.NOON, start, LONDON))
			.withMessageContaining("negative");
		assertThatExceptionOfType(InvalidTriggerException.class)
			.isThrownBy(() -> CalendarIntervalTrigger.every(Period.ofDays(1), LocalTime.of(1, 2, 3, 4), start, LONDON))
			.withMessageContaining("whole second");
		assertThatExceptionOfType(InvalidTriggerException.class)
			.isThrownBy(() -> CalendarIntervalTrigger.every(Period.ofDays(1), LocalTime.NOON, start, LONDON)
				.withEndDate(start.minusDays(1)))
			.withMessageContaining("endDate");
	}

	private static List<String> times(Trigger trigger, String now, int limit) {
		return run(trigger, Instant.parse(now), limit).stream()
			.map((instant) -> OffsetDateTime.ofInstant(instant, ZoneOffset.UTC).toString())
			.toList();
	}

}
