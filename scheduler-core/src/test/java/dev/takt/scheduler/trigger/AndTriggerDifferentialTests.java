package dev.takt.scheduler.trigger;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static dev.takt.scheduler.trigger.CombiningTriggerTests.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks {@link AndTrigger} over pairs of cron triggers against the plain intersection of the
 * fire times each cron trigger gives when it runs on its own, around DST changes: the gap's
 * shifted fire time exists only for a search that starts before the change.
 */
class AndTriggerDifferentialTests {

	private static final String[] MINUTES = { "*/7", "*/10", "*/15", "0,20,40", "30", "0" };

	private static final String[] HOURS = { "*", "1", "2", "1-3", "2,3" };

	private static final String[] STARTS = { "2021-03-14T00:00:00-05:00", "2021-11-07T00:00:00-04:00",
			"2021-03-28T00:45:00+00:00", "2021-10-03T01:50:00+10:30", "2025-03-09T01:59:30.5-05:00" };

	private static final List<ZoneId> ZONES = List.of(ZoneId.of("America/New_York"), ZoneId.of("Europe/London"),
			ZoneId.of("Australia/Lord_Howe"));

	@Test
	void andOfTwoCronTriggersIsTheIntersectionOfTheirOwnFireTimes() {
		int compared = 0;
		for (ZoneId zone : ZONES) {
			for (String startText : STARTS) {
				Instant start = OffsetDateTime.parse(startText).toInstant();
				for (int i = 0; i < HOURS.length * MINUTES.length; i++) {
					for (int j = 0; j < HOURS.length * MINUTES.length; j++) {
						CronTrigger first = cron(zone, i);
						CronTrigger second = cron(zone, j);
						List<Instant> expected = intersection(run(first, start, 40), run(second, start, 40));
						assertThat(run(AndTrigger.of(first, second), start, expected.size()))
							.as("%s and %s from %s", first, second, startText)
							.isEqualTo(expected);
						compared++;
					}
				}
			}
		}
		assertThat(compared).isEqualTo(ZONES.size() * STARTS.length * 900);
	}

	private static CronTrigger cron(ZoneId zone, int index) {
		return CronTrigger.builder()
			.hour(HOURS[index / MINUTES.length])
			.minute(MINUTES[index % MINUTES.length])
			.zone(zone)
			.build();
	}

	/** The common fire times up to the end of the shorter run. */
	private static List<Instant> intersection(List<Instant> first, List<Instant> second) {
		Instant end = first.get(first.size() - 1);
		if (second.get(second.size() - 1).isBefore(end)) {
			end = second.get(second.size() - 1);
		}
		Set<Instant> others = new HashSet<>(second);
		List<Instant> common = new ArrayList<>();
		for (Instant time : first) {
			if (others.contains(time) && !time.isAfter(end)) {
				common.add(time);
			}
		}
		return common;
	}

}
