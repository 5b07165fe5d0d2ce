package dev.takt.scheduler.trigger;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Daylight-saving changes under each {@link DstPolicy}, worked on New York's 2021 changes: on
 * 2021-03-14 clocks go from 02:00 to 03:00 (02:00-02:59 does not exist), on 2021-11-07 from 02:00
 * back to 01:00 (01:00-01:59 happens twice, first at -04:00, then at -05:00).
 */
class CronTriggerDstTests {

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

	private static final DstPolicy SHIFT_BOTH = DstPolicy.APSCHEDULER;

	private static final DstPolicy SKIP_BOTH = new DstPolicy(DstPolicy.Gap.SKIP, DstPolicy.Repeat.BOTH);

	private static final DstPolicy SHIFT_ONCE = new DstPolicy(DstPolicy.Gap.SHIFT, DstPolicy.Repeat.ONCE);

	@Test
	void apschedulerPolicyIsTheDefault() {
		assertThat(CronTrigger.builder().build().dstPolicy()).isEqualTo(new DstPolicy(DstPolicy.Gap.SHIFT,
				DstPolicy.Repeat.BOTH));
	}

	@Test
	void shiftFiresANonexistentTimeReadWithTheOffsetBeforeTheGap() {
		CronTrigger daily = daily("2", "30", SHIFT_BOTH);
		assertThat(times(daily, "2021-03-13T12:00:00-05:00", 3)).containsExactly("2021-03-14T03:30:00-04:00",
				"2021-03-15T02:30:00-04:00", "2021-03-16T02:30:00-04:00");
	}

	@Test
	void skipNeverFiresANonexistentTime() {
		CronTrigger daily = daily("2", "30", SKIP_BOTH);
		assertThat(times(daily, "2021-03-13T12:00:00-05:00", 2)).containsExactly("2021-03-15T02:30:00-04:00",
				"2021-03-16T02:30:00-04:00");
	}

	@Test
	void shiftFiresOnlyTheFirstMatchInTheGap() {
		// 03:00-04:00 is 02:00 shifted; the search goes on after it at 03:00:01, where hour 03 is not allowed
		assertThat(times(daily("2", "*/20", SHIFT_BOTH), "2021-03-13T12:00:00-05:00", 2))
			.containsExactly("2021-03-14T03:00:00-04:00", "2021-03-15T02:00:00-04:00");
		assertThat(times(daily("2", "*/20", SKIP_BOTH), "2021-03-13T12:00:00-05:00", 2))
			.containsExactly("2021-03-15T02:00:00-04:00", "2021-03-15T02:20:00-04:00");
	}

	@Test
	void nothingInTheGapFiresWhenTheHourBeforeItIsAllowed() {
		// the search rolls over from 01:59:59 into the gap, which puts it at 03:00 -04:00
		for (DstPolicy policy : new DstPolicy[] { SHIFT_BOTH, SKIP_BOTH }) {
			assertThat(times(daily("*", "30", policy), "2021-03-14T01:00:00-05:00", 2))
				.containsExactly("2021-03-14T01:30:00-05:00", "2021-03-14T03:30:00-04:00");
			assertThat(times(daily("1-4", "0,30", policy), "2021-03-14T00:00:00-05:00", 4)).containsExactly(
					"2021-03-14T01:00:00-05:00", "2021-03-14T01:30:00-05:00", "2021-03-14T03:00:00-04:00",
					"2021-03-14T03:30:00-04:00");
		}
	}

	@Test
	void bothFiresARepeatedTimeInEachOccurrence() {
		assertThat(times(daily("1", "30", SHIFT_BOTH), "2021-11-06T12:00:00-04:00", 3)).containsExactly(
				"2021-11-07T01:30:00-04:00", "2021-11-07T01:30:00-05:00", "2021-11-08T01:30:00-05:00");
		assertThat(times(daily("*", "*/15", SHIFT_BOTH), "2021-11-07T01:30:00-04:00", 5)).containsExactly(
				"2021-11-07T01:30:00-04:00", "2021-11-07T01:45:00-04:00", "2021-11-07T01:00:00-05:00",
				"2021-11-07T01:15:00-05:00", "2021-11-07T01:30:00-05:00");
	}

	@Test
	void onceFiresARepeatedTimeInItsFirstOccurrenceOnly() {
		assertThat(times(daily("1", "30", SHIFT_ONCE), "2021-11-06T12:00:00-04:00", 2))
			.containsExactly("2021-11-07T01:30:00-04:00", "2021-11-08T01:30:00-05:00");
		assertThat(times(daily("*", "*/15", SHIFT_ONCE), "2021-11-07T01:30:00-04:00", 3)).containsExactly(
				"2021-11-07T01:30:00-04:00", "2021-11-07T01:45:00-04:00", "2021-11-07T02:00:00-05:00");
	}

	@Test
	void searchStartingInTheSecondOccurrenceSeesOnlyTheSecond() {
		assertThat(times(daily("*", "*/15", SHIFT_BOTH), "2021-11-07T01:30:00-05:00", 3))
			.containsExactly("2021-11-07T01:30:00-05:00", "2021-11-07T01:45:00-05:00", "2021-11-07T02:00:00-05:00");
		assertThat(times(daily("*", "*/15", SHIFT_ONCE), "2021-11-07T01:30:00-05:00", 2))
			.containsExactly("2021-11-07T02:00:00-05:00", "2021-11-07T02:15:00-05:00");
	}

	@Test
	void noMidnightIsSkippedAfterAChange() {
		// APScheduler 3 skips 2024-03-11 here (it lands on 01:00 and rolls over to the next day)
		assertThat(times(daily("0", "0", SHIFT_BOTH), "2024-03-09T12:00:00-05:00", 3))
			.containsExactly("2024-03-10T00:00:00-05:00", "2024-03-11T00:00:00-04:00", "2024-03-12T00:00:00-04:00");
	}

	@Test
	void endDateInTheFirstOccurrenceIsAnInstant() {
		CronTrigger trigger = CronTrigger.builder().minute("0").zone(NEW_YORK)
			.endDate(OffsetDateTime.parse("2025-11-02T01:30:00-04:00").toInstant()).build();
		assertThat(times(trigger, "2025-11-01T23:00:00-04:00", 5)).containsExactly("2025-11-01T23:00:00-04:00",
				"2025-11-02T00:00:00-04:00", "2025-11-02T01:00:00-04:00");
	}

	@Test
	void withDstPolicyKeepsTheSchedule() {
		CronTrigger trigger = daily("2", "30", SHIFT_BOTH).withDstPolicy(SKIP_BOTH);
		assertThat(trigger.dstPolicy()).isEqualTo(SKIP_BOTH);
		assertThat(trigger).isEqualTo(daily("2", "30", SKIP_BOTH));
		assertThat(times(trigger, "2021-03-13T12:00:00-05:00", 1)).containsExactly("2021-03-15T02:30:00-04:00");
	}

	private static CronTrigger daily(String hour, String minute, DstPolicy policy) {
		return CronTrigger.builder().hour(hour).minute(minute).zone(NEW_YORK).dstPolicy(policy).build();
	}

	private static List<String> times(CronTrigger trigger, String start, int count) {
		List<String> times = new ArrayList<>();
		Instant now = OffsetDateTime.parse(start).toInstant();
		Instant previous = null;
		for (int i = 0; i < count; i++) {
			Instant next = trigger.nextFireTime(previous, now).orElse(null);
			if (next == null) {
				break;
			}
			times.add(next.atZone(NEW_YORK).format(FORMAT));
			previous = next;
			now = next;
		}
		return times;
	}

}
