package dev.takt.scheduler.trigger;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CronTrigger}'s fields, expressions, defaults and start/end dates (UTC, so no
 * daylight-saving change is involved; see {@link CronTriggerDstTests} for those).
 */
class CronTriggerTests {

	private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

	@Test
	void starFiresEveryValue() {
		assertThat(times(builder().second("*"), "2024-01-01T00:00:00", 3))
			.containsExactly("2024-01-01T00:00:00", "2024-01-01T00:00:01", "2024-01-01T00:00:02");
	}

	@Test
	void noFieldsFiresEverySecond() {
		assertThat(times(builder(), "2024-01-01T23:59:59", 2)).containsExactly("2024-01-01T23:59:59",
				"2024-01-02T00:00:00");
	}

	@Test
	void starWithStepCountsFromTheFieldMinimum() {
		assertThat(times(builder().minute("*/25"), "2024-01-01T00:01:00", 4)).containsExactly("2024-01-01T00:25:00",
				"2024-01-01T00:50:00", "2024-01-01T01:00:00", "2024-01-01T01:25:00");
		assertThat(times(builder().day("*/10"), "2024-02-02T00:00:00", 3)).containsExactly("2024-02-11T00:00:00",
				"2024-02-21T00:00:00", "2024-03-01T00:00:00");
	}

	@Test
	void singleValueWithLeadingZero() {
		assertThat(times(builder().second("05"), "2024-01-01T00:00:00", 2)).containsExactly("2024-01-01T00:00:05",
				"2024-01-01T00:01:05");
	}

	@Test
	void rangeAndRangeWithStepAndStartWithStep() {
		assertThat(times(builder().hour("22-23"), "2024-01-01T12:00:00", 3)).containsExactly("2024-01-01T22:00:00",
				"2024-01-01T23:00:00", "2024-01-02T22:00:00");
		assertThat(times(builder().minute("10-40/15"), "2024-01-01T00:00:00", 4)).containsExactly(
				"2024-01-01T00:10:00", "2024-01-01T00:25:00", "2024-01-01T00:40:00", "2024-01-01T01:10:00");
		assertThat(times(builder().hour("20/2"), "2024-01-01T00:00:00", 3)).containsExactly("2024-01-01T20:00:00",
				"2024-01-01T22:00:00", "2024-01-02T20:00:00");
	}

	@Test
	void listMixesForms() {
		assertThat(times(builder().minute("0, 10-12 ,*/30"), "2024-01-01T00:00:00", 6)).containsExactly(
				"2024-01-01T00:00:00", "2024-01-01T00:10:00", "2024-01-01T00:11:00", "2024-01-01T00:12:00",
				"2024-01-01T00:30:00", "2024-01-01T01:00:00");
	}

	@Test
	void monthAndWeekdayNamesAreCaseInsensitive() {
		assertThat(times(builder().month("Feb-MAR"), "2024-01-01T00:00:00", 2)).containsExactly("2024-02-01T00:00:00",
				"2024-03-01T00:00:00");
		// 2024-01-01 is a Monday
		assertThat(times(builder().dayOfWeek("SAT-sun"), "2024-01-01T00:00:00", 3))
			.containsExactly("2024-01-06T00:00:00", "2024-01-07T00:00:00", "2024-01-13T00:00:00");
	}

	@Test
	void weekdayNumbersStartAtMonday() {
		assertThat(times(builder().dayOfWeek("0"), "2024-01-02T00:00:00", 1)).containsExactly("2024-01-08T00:00:00");
		assertThat(times(builder().dayOfWeek("6"), "2024-01-01T00:00:00", 1)).containsExactly("2024-01-07T00:00:00");
	}

	@Test
	void nameRangeFollowedByStepIgnoresTheStepAsApschedulerDoes() {
		CronTrigger trigger = builder().month("jan-dec/2").build();
		assertThat(trigger.fields()).containsEntry("month", "jan-dec");
		assertThat(times(trigger, "2024-01-01T00:00:00", 2)).containsExactly("2024-01-01T00:00:00",
				"2024-02-01T00:00:00");
	}

	@Test
	void lastDayOfMonth() {
		assertThat(times(builder().day("last"), "2024-01-01T00:00:00", 3)).containsExactly("2024-01-31T00:00:00",
				"2024-02-29T00:00:00", "2024-03-31T00:00:00");
	}

	@Test
	void lastWeekdayOfMonth() {
		assertThat(times(builder().day("last fri").hour("9"), "2024-01-01T00:00:00", 3))
			.containsExactly("2024-01-26T09:00:00", "2024-02-23T09:00:00", "2024-03-29T09:00:00");
	}

	@Test
	void nthWeekdayOfMonth() {
		assertThat(times(builder().day("2nd mon"), "2024-01-01T00:00:00", 3)).containsExactly("2024-01-08T00:00:00",
				"2024-02-12T00:00:00", "2024-03-11T00:00:00");
	}

	@Test
	void fifthWeekdaySkipsMonthsWithoutOne() {
		// Fridays: 2024-03-29 is the 5th in March; April, May have none until May 31
		assertThat(times(builder().day("5th fri"), "2024-01-01T00:00:00", 3)).containsExactly("2024-03-29T00:00:00",
				"2024-05-31T00:00:00", "2024-08-30T00:00:00");
	}

	@Test
	void dayPastTheMonthLengthNeverMatches() {
		assertThat(times(builder().day("31"), "2024-01-31T00:00:01", 2)).containsExactly("2024-03-31T00:00:00",
				"2024-05-31T00:00:00");
	}

	@Test
	void dayAndDayOfWeekAreAnded() {
		assertThat(times(builder().day("13").dayOfWeek("fri"), "2024-01-01T00:00:00", 3))
			.containsExactly("2024-09-13T00:00:00", "2024-12-13T00:00:00", "2025-06-13T00:00:00");
	}

	@Test
	void weekIsTheIsoWeekNumber() {
		// 2024-12-30 and 31 belong to ISO week 1 of 2025
		assertThat(times(builder().month("12").week("1"), "2024-01-01T00:00:00", 3))
			.containsExactly("2024-12-30T00:00:00", "2024-12-31T00:00:00", "2025-12-29T00:00:00");
		assertThat(times(builder().week("53").hour("12"), "2026-01-01T00:00:00", 2))
			.containsExactly("2026-12-28T12:00:00", "2026-12-29T12:00:00");
	}

	@Test
	void fieldsBeforeTheLastGivenDefaultToStarAndAfterItToTheirMinimum() {
		assertThat(times(builder().hour("9"), "2024-01-01T10:00:00", 2)).containsExactly("2024-01-02T09:00:00",
				"2024-01-03T09:00:00");
		assertThat(times(builder().day("15"), "2024-01-20T00:00:00", 2)).containsExactly("2024-02-15T00:00:00",
				"2024-03-15T00:00:00");
		assertThat(times(builder().year("2026").minute("0"), "2025-12-31T22:30:00", 3))
			.containsExactly("2026-01-01T00:00:00", "2026-01-01T01:00:00", "2026-01-01T02:00:00");
	}

	@Test
	void yearAloneFiresOnceAndThenIsFinished() {
		CronTrigger trigger = builder().year("2025").build();
		Instant first = trigger.nextFireTime(null, utc("2024-06-01T00:00:00")).orElseThrow();
		assertThat(first).isEqualTo(utc("2025-01-01T00:00:00"));
		assertThat(trigger.nextFireTime(first, first)).isEmpty();
	}

	@Test
	void searchGoesOnUpToYear9999() {
		CronTrigger trigger = builder().month("12").day("31").hour("23").minute("59").second("59").build();
		Instant last = trigger.nextFireTime(null, utc("9999-06-01T00:00:00")).orElseThrow();
		assertThat(last).isEqualTo(utc("9999-12-31T23:59:59"));
		assertThat(trigger.nextFireTime(last, last)).isEmpty();
	}

	@Test
	void scheduleThatCanNeverMatchIsFinished() {
		assertThat(builder().month("2").day("30").build().nextFireTime(null, utc("2024-01-01T00:00:00"))).isEmpty();
		assertThat(builder().year("2020").build().nextFireTime(null, utc("2024-01-01T00:00:00"))).isEmpty();
	}

	@Test
	void leapDayFiresOnlyInLeapYears() {
		assertThat(times(builder().month("2").day("29"), "2023-01-01T00:00:00", 3)).containsExactly(
				"2024-02-29T00:00:00", "2028-02-29T00:00:00", "2032-02-29T00:00:00");
	}

	@Test
	void fractionalNowIsRoundedUpToTheNextSecond() {
		CronTrigger trigger = builder().build();
		assertThat(trigger.nextFireTime(null, utc("2024-06-07T10:00:00").plusMillis(500)))
			.contains(utc("2024-06-07T10:00:01"));
	}

	@Test
	void laterSearchesStartJustAfterThePreviousFireTime() {
		CronTrigger trigger = builder().minute("*/5").build();
		// a later now does not matter once there is a previous fire time
		assertThat(trigger.nextFireTime(utc("2024-01-01T00:05:00"), utc("2024-01-01T03:00:00")))
			.contains(utc("2024-01-01T00:10:00"));
	}

	@Test
	void startDateIsInclusiveAndOnlyMovesTheFirstSearch() {
		CronTrigger trigger = builder().hour("6").startDate(utc("2024-05-01T06:00:00")).build();
		assertThat(trigger.startDate()).contains(utc("2024-05-01T06:00:00"));
		assertThat(trigger.nextFireTime(null, utc("2024-04-20T00:00:00"))).contains(utc("2024-05-01T06:00:00"));
		assertThat(trigger.nextFireTime(null, utc("2024-05-03T07:00:00"))).contains(utc("2024-05-04T06:00:00"));
	}

	@Test
	void endDateIsInclusive() {
		CronTrigger trigger = builder().minute("*/20").endDate(utc("2024-06-07T11:00:00")).build();
		assertThat(trigger.endDate()).contains(utc("2024-06-07T11:00:00"));
		assertThat(times(trigger, "2024-06-07T10:30:00", 5)).containsExactly("2024-06-07T10:40:00",
				"2024-06-07T11:00:00");
	}

	@Test
	void endDateBetweenSecondsIsComparedAsAnInstant() {
		CronTrigger trigger = builder().endDate(utc("2024-06-07T10:00:00").plusMillis(1)).build();
		assertThat(times(trigger, "2024-06-07T09:59:59", 5)).containsExactly("2024-06-07T09:59:59",
				"2024-06-07T10:00:00");
	}

	@Test
	void fieldsAreMatchedInTheTriggersZone() {
		CronTrigger trigger = CronTrigger.builder().hour("9").minute("0").zone(ZoneId.of("Asia/Shanghai")).build();
		assertThat(trigger.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
		assertThat(trigger.nextFireTime(null, utc("2024-01-01T00:00:00"))).contains(utc("2024-01-01T01:00:00"));
	}

	@Test
	void toStringListsTheGivenFieldsAsApschedulerDoes() {
		assertThat(builder().month("6-8").day("last").hour("9").minute("0").build())
			.hasToString("cron[month='6-8', day='last', hour='9', minute='0']");
		assertThat(builder().minute(" 05 , */10 ").day("LAST Fri").build())
			.hasToString("cron[day='last fri', minute='5,*/10']");
	}

	private static CronTrigger.Builder builder() {
		return CronTrigger.builder().zone(ZoneOffset.UTC);
	}

	private static Instant utc(String localDateTime) {
		return Instant.parse(localDateTime + "Z");
	}

	private static List<String> times(CronTrigger.Builder builder, String start, int count) {
		return times(builder.build(), start, count);
	}

	/** Up to {@code count} successive fire times from {@code start} (UTC), written in UTC. */
	static List<String> times(CronTrigger trigger, String start, int count) {
		List<String> times = new ArrayList<>();
		Instant now = utc(start);
		Instant previous = null;
		for (int i = 0; i < count; i++) {
			Instant next = trigger.nextFireTime(previous, now).orElse(null);
			if (next == null) {
				break;
			}
			times.add(ZonedDateTime.ofInstant(next, ZoneOffset.UTC).format(FORMAT));
			previous = next;
			now = next;
		}
		return times;
	}

}
