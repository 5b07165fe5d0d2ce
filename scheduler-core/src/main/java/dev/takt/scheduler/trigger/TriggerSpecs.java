package dev.takt.scheduler.trigger;

import java.time.ZoneId;
import java.util.Objects;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes triggers as small JSON specs, the form in which job stores keep them and the
 * form of the APScheduler conformance cases:
 * <pre>
 * {"type": "cron", "fields": {"day_of_week": "mon-fri", "hour": "9"}, "timezone": "Europe/London"}
 * {"type": "crontab", "expr": "0 9 * * 1-5"}
 * {"type": "interval", "minutes": 10, "start_date": "2024-06-07T00:00:00"}
 * {"type": "date", "run_date": "2024-06-07T12:00:00+02:00"}
 * {"type": "calendarinterval", "months": 1, "hour": 9, "start_date": "2024-01-31"}
 * {"type": "and", "triggers": [{...}, {...}]}   {"type": "or", "triggers": [...]}
 * </pre>
 * <ul>
 * <li>Every spec may carry {@code "timezone"} (an IANA name), which its nested specs inherit; the
 * zone passed to {@code parse}/{@code fromSpec} is used where no spec names one. It is the zone of
 * cron fields and calendar dates, and resolves date strings without an offset.</li>
 * <li>Every spec may carry {@code "jitter"}: seconds, a non-negative number (0 is none), as
 * APScheduler's {@code jitter}; see {@link JitterTrigger}.</li>
 * <li>{@code cron}: {@code fields} holds APScheduler's fields {@code year month day week
 * day_of_week hour minute second}, each a string expression or an integer; {@code start_date},
 * {@code end_date} optional.</li>
 * <li>{@code crontab}: {@code expr}, five fields; standard weekday numbering (0 and 7 are
 * Sunday) unless the reader is asked for another or the spec says
 * {@code "numbering": "apscheduler"} (0 is Monday, as APScheduler 3's {@code from_crontab}).</li>
 * <li>{@code cron} and {@code crontab} may carry {@code "dst": {"gap": "shift|skip", "repeat":
 * "both|once"}}, see {@link DstPolicy}; absent parts are APScheduler's.</li>
 * <li>{@code interval}: {@code weeks days hours minutes seconds}, non-negative numbers, summed
 * (all zero is one second); {@code start_date}, {@code end_date} optional.</li>
 * <li>{@code date}: {@code run_date}.</li>
 * <li>{@code calendarinterval}: {@code years months weeks days} (non-negative integers, not all
 * zero), {@code hour minute second} (the time of day, default 0), {@code start_date} (required)
 * and {@code end_date} as {@code YYYY-MM-DD}.</li>
 * </ul>
 * Date-time strings take APScheduler's forms: {@code YYYY-MM-DD}, or with {@code THH:MM:SS} (or
 * a blank instead of {@code T}), up to six fraction digits and {@code Z} or {@code ±HH:MM}; one
 * digit month, day and time parts are accepted. Without an offset they are local times in the
 * spec's zone, resolved as {@link java.time.ZonedDateTime#of} does.
 * <p>
 * Anything else is refused with an {@link InvalidTriggerException} that names the key (with its
 * path, such as {@code triggers[1].start_date}) and the bad value: an unknown type or key, a value
 * of the wrong JSON type, a negative amount, a malformed date, a bad cron expression.
 * <p>
 * {@link #toSpec(Trigger)} writes every built-in trigger so that
 * {@code fromSpec(toSpec(t), zone).equals(t)} for any zone: a cron trigger (also one made from a
 * crontab string) as {@code cron} fields, every zone and instant explicitly, instants to the
 * microsecond.
 */
public final class TriggerSpecs {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
		.build();

	private static final SpecReader STANDARD_READER = new SpecReader(WeekdayNumbering.STANDARD);

	private static final SpecReader APSCHEDULER_READER = new SpecReader(WeekdayNumbering.APSCHEDULER);

	private TriggerSpecs() {
	}

	/**
	 * Builds a trigger from a JSON spec string, reading crontab strings with standard weekday
	 * numbering.
	 * @param json the spec
	 * @param defaultZone the zone of specs that name none
	 * @return the trigger
	 * @throws InvalidTriggerException if the spec is not valid JSON or not a valid spec
	 */
	public static Trigger parse(String json, ZoneId defaultZone) {
		return parse(json, defaultZone, WeekdayNumbering.STANDARD);
	}

	/**
	 * Builds a trigger from a JSON spec string.
	 * @param json the spec
	 * @param defaultZone the zone of specs that name none
	 * @param crontabNumbering the weekday numbering of crontab specs that name none
	 * @return the trigger
	 * @throws InvalidTriggerException if the spec is not valid JSON or not a valid spec
	 */
	public static Trigger parse(String json, ZoneId defaultZone, WeekdayNumbering crontabNumbering) {
		Objects.requireNonNull(json, "json must not be null");
		JsonNode spec;
		try {
			spec = MAPPER.readTree(json);
		}
		catch (JacksonException ex) {
			throw new InvalidTriggerException("spec", json, "is not valid JSON: " + ex.getOriginalMessage());
		}
		return fromSpec(spec, defaultZone, crontabNumbering);
	}

	/**
	 * Builds a trigger from a JSON spec, reading crontab strings with standard weekday numbering.
	 * @param spec the spec
	 * @param defaultZone the zone of specs that name none
	 * @return the trigger
	 * @throws InvalidTriggerException if the spec is not valid
	 */
	public static Trigger fromSpec(JsonNode spec, ZoneId defaultZone) {
		return fromSpec(spec, defaultZone, WeekdayNumbering.STANDARD);
	}

	/**
	 * Builds a trigger from a JSON spec.
	 * @param spec the spec
	 * @param defaultZone the zone of specs that name none
	 * @param crontabNumbering the weekday numbering of crontab specs that name none
	 * @return the trigger
	 * @throws InvalidTriggerException if the spec is not valid
	 */
	public static Trigger fromSpec(JsonNode spec, ZoneId defaultZone, WeekdayNumbering crontabNumbering) {
		Objects.requireNonNull(spec, "spec must not be null");
		Objects.requireNonNull(defaultZone, "defaultZone must not be null");
		Objects.requireNonNull(crontabNumbering, "crontabNumbering must not be null");
		SpecReader reader = (crontabNumbering == WeekdayNumbering.APSCHEDULER) ? APSCHEDULER_READER : STANDARD_READER;
		return reader.read(spec, defaultZone, "");
	}

	/**
	 * Returns the JSON spec of a built-in trigger.
	 * @param trigger the trigger
	 * @return a new spec
	 * @throws InvalidTriggerException if the trigger, or one it combines, is not a built-in one
	 */
	public static ObjectNode toSpec(Trigger trigger) {
		Objects.requireNonNull(trigger, "trigger must not be null");
		return SpecWriter.write(trigger);
	}

	/**
	 * Returns the JSON spec of a built-in trigger as a string.
	 * @param trigger the trigger
	 * @return the spec
	 * @throws InvalidTriggerException if the trigger, or one it combines, is not a built-in one
	 */
	public static String toJson(Trigger trigger) {
		return MAPPER.writeValueAsString(toSpec(trigger));
	}

}
