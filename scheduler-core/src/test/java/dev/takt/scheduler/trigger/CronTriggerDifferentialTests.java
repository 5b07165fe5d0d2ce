package dev.takt.scheduler.trigger;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares {@link CronTrigger} with {@link CronReference}, a slow plain reading of the rules, on
 * random schedules started around daylight-saving changes, with every {@link DstPolicy}.
 */
class CronTriggerDifferentialTests {

	private static final List<String> ZONES = List.of("America/New_York", "Europe/London", "Australia/Lord_Howe",
			"Asia/Shanghai", "UTC");

	private static final String[][] EXPRESSIONS = {
			{ "*", "2024-2026", "*/2", "2021,2025" },
			{ "*", "3", "10-11", "*/2", "mar,nov", "jan-dec/2", "4/3", "12", "1" },
			{ "*", "last", "1-7", "2nd sun", "last sun", "*/2", "14", "1st sun,last sun", "5th sat", "29-31", "8-14" },
			{ "*", "10-14", "*/2", "45", "1,52,53", "1", "53" },
			{ "*", "sun", "mon-fri", "sat-sun", "*/3", "6" },
			{ "*", "1", "2", "0-3", "1,2", "*/2", "2-4", "0", "23", "1-2", "3" },
			{ "*", "0", "30", "*/10", "15,45", "0-30/10", "*/20", "59", "45" },
			{ "*", "0", "*/15", "0,30", "5-20/5", "59", "30" } };

	private static final DstPolicy[] POLICIES = { DstPolicy.APSCHEDULER, new DstPolicy(DstPolicy.Gap.SKIP, DstPolicy.Repeat.BOTH),
			new DstPolicy(DstPolicy.Gap.SHIFT, DstPolicy.Repeat.ONCE), new DstPolicy(DstPolicy.Gap.SKIP, DstPolicy.Repeat.ONCE) };

	@Test
	void randomSchedulesAroundTransitionsMatchTheReference() {
		Random random = new Random(20250301);
		int compared = 0;
		for (int run = 0; run < 1500; run++) {
			ZoneId zone = ZoneId.of(ZONES.get(random.nextInt(ZONES.size())));
			Map<String, String> fields = new LinkedHashMap<>();
			CronField[] all = CronField.values();
			for (CronField field : all) {
				if (random.nextInt(3) == 0 || (field.ordinal() >= CronField.HOUR.ordinal() && random.nextBoolean())) {
					String[] choices = EXPRESSIONS[field.ordinal()];
					fields.put(field.apschedulerName(), choices[random.nextInt(choices.length)]);
				}
			}
			DstPolicy policy = POLICIES[random.nextInt(POLICIES.length)];
			Instant start = start(zone, random);
			Instant endDate = (random.nextInt(5) == 0) ? start.plusSeconds(random.nextInt(5 * 86400)) : null;
			CronTrigger.Builder builder = CronTrigger.builder().zone(zone).dstPolicy(policy).endDate(endDate);
			fields.forEach(builder::field);
			CronTrigger trigger = builder.build();
			CronReference reference = new CronReference(fields, zone, policy, null, endDate);
			List<Instant> expected = new ArrayList<>();
			Instant previous = null;
			Instant now = start;
			for (int call = 0; call < 12; call++) {
				Instant next = reference.nextFireTime(previous, now, 800);
				if (next == null) {
					break;
				}
				expected.add(next);
				previous = next;
				now = next;
			}
			compared += expected.size();
			assertThat(fireTimes(trigger, start, expected.size())).as("%s in %s with %s from %s", trigger, zone, policy, start)
				.isEqualTo(expected);
		}
		assertThat(compared).isGreaterThan(5000);
	}

	private static List<Instant> fireTimes(CronTrigger trigger, Instant now, int count) {
		List<Instant> times = new ArrayList<>();
		Instant previous = null;
		for (int i = 0; i < count; i++) {
			Instant next = trigger.nextFireTime(previous, now).orElse(null);
			if (next == null) {
				break;
			}
			times.add(next);
			previous = next;
			now = next;
		}
		return times;
	}

	/** A start a few days or hours before, or just after, a transition of the zone, sometimes with a fraction. */
	private static Instant start(ZoneId zone, Random random) {
		ZoneRules rules = zone.getRules();
		int year = (zone.getId().equals("Asia/Shanghai") && random.nextBoolean()) ? 1991 : 2021 + random.nextInt(5);
		ZoneOffsetTransition transition = rules.nextTransition(Instant.parse(year + "-01-01T00:00:00Z")
			.plusSeconds(random.nextInt(300) * 86400L));
		Instant around = (transition != null) ? transition.getInstant() : Instant.parse(year + "-03-14T07:00:00Z");
		Instant start = random.nextBoolean() ? around.minusSeconds(random.nextInt(4 * 86400))
				: around.minusSeconds(3 * 3600).plusSeconds(random.nextInt(5 * 3600));
		return (random.nextInt(4) == 0) ? start.plusMillis(1 + random.nextInt(999)) : start;
	}

}
