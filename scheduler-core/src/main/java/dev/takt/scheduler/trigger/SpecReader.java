package dev.takt.scheduler.trigger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Builds triggers from JSON specs, see {@link TriggerSpecs}. Error messages name the key with its
 * path from the top-level spec ({@code triggers[1].start_date}) and the bad value.
 */
final class SpecReader {

	private static final Set<String> COMMON_KEYS = Set.of("type", "timezone", "jitter");

	private static final Map<String, Set<String>> KEYS = Map.of(
			"cron", Set.of("fields", "start_date", "end_date", "dst"),
			"crontab", Set.of("expr", "numbering", "dst"),
			"interval", Set.of("weeks", "days", "hours", "minutes", "seconds", "start_date", "end_date"),
			"date", Set.of("run_date"),
			"calendarinterval", Set.of("years", "months", "weeks", "days", "hour", "minute", "second", "start_date",
					"end_date"),
			"and", Set.of("triggers"),
			"or", Set.of("triggers"));

	private static final String TYPES = "cron, crontab, interval, date, calendarinterval, and, or";

	private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

	private final WeekdayNumbering crontabNumbering;

	SpecReader(WeekdayNumbering crontabNumbering) {
		this.crontabNumbering = crontabNumbering;
	}

	Trigger read(JsonNode spec, ZoneId inheritedZone, String path) {
		if (!spec.isObject()) {
			throw new InvalidTriggerException(path.isEmpty() ? "spec" : path.substring(0, path.length() - 1),
					spec.toString(), "must be a JSON object");
		}
		String type = requiredString(spec, "type", path);
		Set<String> keys = KEYS.get(type);
		if (keys == null) {
			throw new InvalidTriggerException(path + "type", type, "is not a trigger type; expected one of " + TYPES);
		}
		for (String key : spec.propertyNames()) {
			if (!keys.contains(key) && !COMMON_KEYS.contains(key)) {
				throw new InvalidTriggerException(path + key, spec.get(key).toString(),
						"is not a key of a " + type + " spec");
			}
		}
		ZoneId zone = zone(spec, inheritedZone, path);
		Trigger trigger = switch (type) {
			case "cron" -> cron(spec, zone, path);
			case "crontab" -> crontab(spec, zone, path);
			case "interval" -> interval(spec, zone, path);
			case "date" -> new DateTrigger(dateTime(spec, "run_date", zone, path, true));
			case "calendarinterval" -> calendarInterval(spec, zone, path);
			case "and" -> new AndTrigger(triggers(spec, zone, path));
			default -> new OrTrigger(triggers(spec, zone, path));
		};
		Duration jitter = seconds(spec, "jitter", path);
		return (jitter.isZero()) ? trigger : JitterTrigger.of(trigger, jitter);
	}

	private CronTrigger cron(JsonNode spec, ZoneId zone, String path) {
		CronTrigger.Builder builder = CronTrigger.builder().zone(zone);
		JsonNode fields = spec.get("fields");
		if (fields != null) {
			if (!fields.isObject()) {
				throw new InvalidTriggerException(path + "fields", fields.toString(), "must be a JSON object");
			}
			for (Map.Entry<String, JsonNode> field : fields.properties()) {
				JsonNode value = field.getValue();
				if (!value.isString() && !value.isIntegralNumber()) {
					throw new InvalidTriggerException(path + "fields." + field.getKey(), value.toString(),
							"must be a string or an integer");
				}
				builder.field(field.getKey(), value.isString() ? value.stringValue() : value.bigIntegerValue().toString());
			}
		}
		builder.startDate(dateTime(spec, "start_date", zone, path, false));
		builder.endDate(dateTime(spec, "end_date", zone, path, false));
		DstPolicy dst = dst(spec, path);
		if (dst != null) {
			builder.dstPolicy(dst);
		}
		return builder.build();
	}

	private CronTrigger crontab(JsonNode spec, ZoneId zone, String path) {
		String expression = requiredString(spec, "expr", path);
		String numbering = optionalString(spec, "numbering", path);
		CronTrigger trigger = CronTrigger.fromCrontab(expression, zone,
				(numbering != null) ? numbering(numbering, path) : this.crontabNumbering);
		DstPolicy dst = dst(spec, path);
		return (dst != null) ? trigger.withDstPolicy(dst) : trigger;
	}

	private IntervalTrigger interval(JsonNode spec, ZoneId zone, String path) {
		BigDecimal seconds = BigDecimal.ZERO;
		seconds = seconds.add(amount(spec, "weeks", path).multiply(BigDecimal.valueOf(7 * 86_400)));
		seconds = seconds.add(amount(spec, "days", path).multiply(BigDecimal.valueOf(86_400)));
		seconds = seconds.add(amount(spec, "hours", path).multiply(BigDecimal.valueOf(3_600)));
		seconds = seconds.add(amount(spec, "minutes", path).multiply(BigDecimal.valueOf(60)));
		seconds = seconds.add(amount(spec, "seconds", path));
		Duration interval = duration(seconds, path + "interval");
		return new IntervalTrigger(interval, dateTime(spec, "start_date", zone, path, false),
				dateTime(spec, "end_date", zone, path, false));
	}

	private CalendarIntervalTrigger calendarInterval(JsonNode spec, ZoneId zone, String path) {
		int years = integer(spec, "years", 0, Integer.MAX_VALUE, path);
		int months = integer(spec, "months", 0, Integer.MAX_VALUE, path);
		int weeks = integer(spec, "weeks", 0, Integer.MAX_VALUE / 7, path);
		int days = integer(spec, "days", 0, Integer.MAX_VALUE - weeks * 7, path);
		LocalTime time = LocalTime.of(integer(spec, "hour", 0, 23, path), integer(spec, "minute", 0, 59, path),
				integer(spec, "second", 0, 59, path));
		String startDate = optionalString(spec, "start_date", path);
		if (startDate == null) {
			throw new InvalidTriggerException(path + "start_date", "null", "is required");
		}
		String endDate = optionalString(spec, "end_date", path);
		LocalDate start = SpecDates.parseDate(path + "start_date", startDate);
		LocalDate end = (endDate != null) ? SpecDates.parseDate(path + "end_date", endDate) : null;
		if (end != null && end.isBefore(start)) {
			throw new InvalidTriggerException(path + "end_date", endDate, "must not be before start_date " + startDate);
		}
		Period period = Period.of(years, months, weeks * 7 + days);
		if (period.isZero()) {
			throw new InvalidTriggerException(path + "years", "0",
					"years, months, weeks and days must not all be 0: the interval must be at least one day long");
		}
		return new CalendarIntervalTrigger(period, time, start, end, zone);
	}

	private List<Trigger> triggers(JsonNode spec, ZoneId zone, String path) {
		JsonNode triggers = spec.get("triggers");
		if (triggers == null || !triggers.isArray() || triggers.isEmpty()) {
			throw new InvalidTriggerException(path + "triggers", String.valueOf(triggers),
					"must be an array of at least one trigger spec");
		}
		List<Trigger> result = new ArrayList<>(triggers.size());
		for (int i = 0; i < triggers.size(); i++) {
			result.add(read(triggers.get(i), zone, path + "triggers[" + i + "]."));
		}
		return result;
	}

	private static ZoneId zone(JsonNode spec, ZoneId inheritedZone, String path) {
		String name = optionalString(spec, "timezone", path);
		if (name == null) {
			return inheritedZone;
		}
		try {
			return ZoneId.of(name);
		}
		catch (DateTimeException ex) {
			throw new InvalidTriggerException(path + "timezone", name, "is not a known time zone");
		}
	}

	private static @Nullable Instant dateTime(JsonNode spec, String key, ZoneId zone, String path, boolean required) {
		String text = optionalString(spec, key, path);
		if (text == null) {
			if (required) {
				throw new InvalidTriggerException(path + key, "null", "is required");
			}
			return null;
		}
		return SpecDates.parseDateTime(path + key, text, zone);
	}

	private static @Nullable DstPolicy dst(JsonNode spec, String path) {
		JsonNode dst = spec.get("dst");
		if (dst == null) {
			return null;
		}
		if (!dst.isObject()) {
			throw new InvalidTriggerException(path + "dst", dst.toString(), "must be a JSON object");
		}
		for (String key : dst.propertyNames()) {
			if (!key.equals("gap") && !key.equals("repeat")) {
				throw new InvalidTriggerException(path + "dst." + key, dst.get(key).toString(),
						"is not a key of a dst policy; expected gap or repeat");
			}
		}
		String gap = optionalString(dst, "gap", path + "dst.");
		String repeat = optionalString(dst, "repeat", path + "dst.");
		return new DstPolicy((gap != null) ? constant(DstPolicy.Gap.class, gap, path + "dst.gap") : DstPolicy.APSCHEDULER.gap(),
				(repeat != null) ? constant(DstPolicy.Repeat.class, repeat, path + "dst.repeat")
						: DstPolicy.APSCHEDULER.repeat());
	}

	private static WeekdayNumbering numbering(String value, String path) {
		return constant(WeekdayNumbering.class, value, path + "numbering");
	}

	private static <E extends Enum<E>> E constant(Class<E> type, String value, String key) {
		for (E constant : type.getEnumConstants()) {
			if (constant.name().equalsIgnoreCase(value)) {
				return constant;
			}
		}
		List<String> names = new ArrayList<>();
		for (E constant : type.getEnumConstants()) {
			names.add(constant.name().toLowerCase(Locale.ROOT));
		}
		throw new InvalidTriggerException(key, value, "expected one of " + String.join(", ", names));
	}

	private static String requiredString(JsonNode spec, String key, String path) {
		String value = optionalString(spec, key, path);
		if (value == null) {
			throw new InvalidTriggerException(path + key, "null", "is required");
		}
		return value;
	}

	private static @Nullable String optionalString(JsonNode spec, String key, String path) {
		JsonNode value = spec.get(key);
		if (value == null) {
			return null;
		}
		if (!value.isString()) {
			throw new InvalidTriggerException(path + key, value.toString(), "must be a string");
		}
		return value.stringValue();
	}

	/** Reads an optional non-negative number (0 when absent). */
	private static BigDecimal amount(JsonNode spec, String key, String path) {
		JsonNode value = spec.get(key);
		if (value == null) {
			return BigDecimal.ZERO;
		}
		if (!value.isNumber()) {
			throw new InvalidTriggerException(path + key, value.toString(), "must be a number");
		}
		BigDecimal amount = value.decimalValue();
		if (amount.signum() < 0) {
			throw new InvalidTriggerException(path + key, value.toString(), "must not be negative");
		}
		return amount;
	}

	private static Duration seconds(JsonNode spec, String key, String path) {
		return duration(amount(spec, key, path), path + key);
	}

	private static Duration duration(BigDecimal seconds, String key) {
		BigDecimal whole = seconds.setScale(0, RoundingMode.DOWN);
		if (whole.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
			throw new InvalidTriggerException(key, seconds.toPlainString() + "s", "is too long");
		}
		long nanos = seconds.subtract(whole).multiply(NANOS_PER_SECOND).setScale(0, RoundingMode.DOWN).longValue();
		return Duration.ofSeconds(whole.longValue(), nanos);
	}

	private static int integer(JsonNode spec, String key, int min, int max, String path) {
		JsonNode value = spec.get(key);
		if (value == null) {
			return 0;
		}
		if (!value.isIntegralNumber()) {
			throw new InvalidTriggerException(path + key, value.toString(), "must be an integer");
		}
		if (!value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
			throw new InvalidTriggerException(path + key, value.toString(),
					"must be between " + min + " and " + max);
		}
		return value.intValue();
	}

}
