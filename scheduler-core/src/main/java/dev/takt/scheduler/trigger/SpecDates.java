package dev.takt.scheduler.trigger;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The date strings of trigger specs, in the forms APScheduler 3 accepts: {@code YYYY-MM-DD}, then
 * optionally a blank or {@code T}, {@code HH:MM:SS}, a fraction of one to six digits and {@code Z}
 * or {@code ±HH:MM}; month, day, hour, minute and second may have one digit. Without an offset the
 * local date-time is resolved in the trigger's zone as {@link ZonedDateTime#of} does: a repeated
 * local time at its first occurrence, a skipped one moved forward by the length of the gap.
 */
final class SpecDates {

	private static final Pattern DATE_TIME = Pattern.compile("([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
			+ "(?:[ T]([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(?:\\.([0-9]{1,6}))?(Z|[+-][0-9]{2}:[0-9]{2})?)?");

	private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

	private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
		.appendPattern("uuuu-MM-dd'T'HH:mm:ss")
		.appendFraction(ChronoField.NANO_OF_SECOND, 0, 6, true)
		.appendOffset("+HH:MM", "Z")
		.toFormatter();

	private static final String FORMS = "expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS, with up to six fraction digits "
			+ "and Z or +HH:MM optional";

	private SpecDates() {
	}

	/** Reads a date-time string; a local one is resolved in {@code zone}. */
	static Instant parseDateTime(String key, String text, ZoneId zone) {
		Matcher matcher = DATE_TIME.matcher(text);
		if (!matcher.matches()) {
			throw new InvalidTriggerException(key, text, "is not a date string; " + FORMS);
		}
		if (number(matcher, 1) == 0) {
			throw new InvalidTriggerException(key, text, "year 0 is out of range");
		}
		try {
			LocalDateTime local = LocalDateTime.of(number(matcher, 1), number(matcher, 2), number(matcher, 3),
					number(matcher, 4), number(matcher, 5), number(matcher, 6), nanos(matcher.group(7)));
			String offset = matcher.group(8);
			if (offset == null) {
				return ZonedDateTime.of(local, zone).toInstant();
			}
			return local.atOffset(offset(offset)).toInstant();
		}
		catch (DateTimeException ex) {
			throw new InvalidTriggerException(key, text, ex.getMessage());
		}
	}

	/** Reads a date string {@code YYYY-MM-DD}. */
	static LocalDate parseDate(String key, String text) {
		if (!DATE.matcher(text).matches()) {
			throw new InvalidTriggerException(key, text, "is not a date; expected YYYY-MM-DD");
		}
		try {
			return LocalDate.parse(text);
		}
		catch (DateTimeException ex) {
			throw new InvalidTriggerException(key, text, ex.getMessage());
		}
	}

	/** Writes an instant with the offset it has in {@code zone}, to the microsecond (dropping a finer part). */
	static String format(Instant instant, ZoneId zone) {
		return FORMAT.format(instant.truncatedTo(ChronoUnit.MICROS).atZone(zone));
	}

	private static int number(Matcher matcher, int group) {
		String digits = matcher.group(group);
		return (digits != null) ? Integer.parseInt(digits) : 0;
	}

	private static int nanos(String fraction) {
		if (fraction == null) {
			return 0;
		}
		return Integer.parseInt((fraction + "000000000").substring(0, 9));
	}

	private static ZoneOffset offset(String text) {
		if (text.equals("Z")) {
			return ZoneOffset.UTC;
		}
		int sign = (text.charAt(0) == '-') ? -1 : 1;
		return ZoneOffset.ofHoursMinutes(sign * Integer.parseInt(text.substring(1, 3)),
				sign * Integer.parseInt(text.substring(4, 6)));
	}

}
