package dev.takt.scheduler.trigger;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the JSON specs of the built-in triggers, see {@link TriggerSpecs}. Instants are written
 * with an offset (in the trigger's zone where it has one, else in UTC), so that reading a spec
 * back does not depend on the zone it is read in.
 */
final class SpecWriter {

	private SpecWriter() {
	}

	static ObjectNode write(Trigger trigger) {
		if (trigger instanceof JitterTrigger jitter) {
			ObjectNode spec = write(jitter.delegate());
			putSeconds(spec, "jitter", jitter.maxJitter());
			return spec;
		}
		ObjectNode spec = JsonNodeFactory.instance.objectNode();
		if (trigger instanceof CronTrigger cron) {
			writeCron(spec, cron);
		}
		else if (trigger instanceof IntervalTrigger interval) {
			writeInterval(spec, interval);
		}
		else if (trigger instanceof DateTrigger date) {
			spec.put("type", "date");
			spec.put("run_date", SpecDates.format(date.runDate(), ZoneOffset.UTC));
		}
		else if (trigger instanceof CalendarIntervalTrigger calendar) {
			writeCalendarInterval(spec, calendar);
		}
		else if (trigger instanceof AndTrigger and) {
			spec.put("type", "and");
			writeTriggers(spec, and.triggers());
		}
		else if (trigger instanceof OrTrigger or) {
			spec.put("type", "or");
			writeTriggers(spec, or.triggers());
		}
		else {
			throw new InvalidTriggerException("type", trigger.getClass().getName(),
					"has no JSON spec: only the built-in triggers can be written as one");
		}
		return spec;
	}

	private static void writeCron(ObjectNode spec, CronTrigger cron) {
		ZoneId zone = cron.zone();
		spec.put("type", "cron");
		ObjectNode fields = spec.putObject("fields");
		for (Map.Entry<String, String> field : cron.fields().entrySet()) {
			fields.put(field.getKey(), field.getValue());
		}
		// a start date finer than the spec moves up and an end date down: neither changes a fire time
		cron.startDate().ifPresent((start) -> spec.put("start_date", SpecDates.format(ceilMicros(start), zone)));
		cron.endDate().ifPresent((end) -> spec.put("end_date", SpecDates.format(end, zone)));
		spec.put("timezone", zone.getId());
		DstPolicy dst = cron.dstPolicy();
		if (!dst.equals(DstPolicy.APSCHEDULER)) {
			ObjectNode policy = spec.putObject("dst");
			policy.put("gap", dst.gap().name().toLowerCase(Locale.ROOT));
			policy.put("repeat", dst.repeat().name().toLowerCase(Locale.ROOT));
		}
	}

	private static void writeInterval(ObjectNode spec, IntervalTrigger interval) {
		spec.put("type", "interval");
		Duration rest = interval.interval();
		long days = rest.toDays();
		rest = rest.minusDays(days);
		long hours = rest.toHours();
		rest = rest.minusHours(hours);
		long minutes = rest.toMinutes();
		rest = rest.minusMinutes(minutes);
		putNonZero(spec, "days", days);
		putNonZero(spec, "hours", hours);
		putNonZero(spec, "minutes", minutes);
		if (!rest.isZero()) {
			putSeconds(spec, "seconds", rest);
		}
		if (interval.startDate() != null) {
			spec.put("start_date", SpecDates.format(interval.startDate(), ZoneOffset.UTC));
		}
		if (interval.endDate() != null) {
			spec.put("end_date", SpecDates.format(interval.endDate(), ZoneOffset.UTC));
		}
	}

	private static void writeCalendarInterval(ObjectNode spec, CalendarIntervalTrigger calendar) {
		spec.put("type", "calendarinterval");
		putNonZero(spec, "years", calendar.period().getYears());
		putNonZero(spec, "months", calendar.period().getMonths());
		putNonZero(spec, "days", calendar.period().getDays());
		LocalTime time = calendar.timeOfDay();
		spec.put("hour", time.getHour());
		spec.put("minute", time.getMinute());
		spec.put("second", time.getSecond());
		spec.put("start_date", calendar.startDate().toString());
		if (calendar.endDate() != null) {
			spec.put("end_date", calendar.endDate().toString());
		}
		spec.put("timezone", calendar.zone().getId());
	}

	private static void writeTriggers(ObjectNode spec, List<Trigger> triggers) {
		ArrayNode array = spec.putArray("triggers");
		for (Trigger trigger : triggers) {
			array.add(write(trigger));
		}
	}

	private static void putNonZero(ObjectNode spec, String key, long value) {
		if (value != 0) {
			spec.put(key, value);
		}
	}

	private static void putSeconds(ObjectNode spec, String key, Duration duration) {
		BigDecimal seconds = BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9));
		if (duration.getNano() == 0) {
			spec.put(key, duration.getSeconds());
		}
		else {
			spec.put(key, seconds.stripTrailingZeros());
		}
	}

	private static Instant ceilMicros(Instant instant) {
		Instant truncated = instant.truncatedTo(ChronoUnit.MICROS);
		return truncated.equals(instant) ? truncated : truncated.plus(1, ChronoUnit.MICROS);
	}

}
