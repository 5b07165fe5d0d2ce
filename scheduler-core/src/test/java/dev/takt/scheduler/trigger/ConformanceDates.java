package dev.takt.scheduler.trigger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the date strings of the conformance specs (§3 of the conformance README): a local date, a
 * local date-time with an optional fraction of up to six digits, either with {@code Z} or
 * {@code ±HH:MM} for a fixed instant; local ones are resolved in the trigger's zone as
 * {@link ZonedDateTime#of(LocalDateTime, ZoneId)} does.
 */
final class ConformanceDates {

	private static final Pattern DATE_TIME = Pattern.compile(
			"(\\d{4}-\\d{2}-\\d{2})(?:T(\\d{2}:\\d{2}:\\d{2})(\\.\\d{1,6})?(Z|[+-]\\d{2}:\\d{2})?)?");

	private ConformanceDates() {
	}

	static Instant parse(String text, ZoneId zone) {
		Matcher matcher = DATE_TIME.matcher(text);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("Invalid date string '" + text + "'");
		}
		if (matcher.group(2) == null) {
			return LocalDate.parse(matcher.group(1)).atStartOfDay(zone).toInstant();
		}
		String local = matcher.group(1) + "T" + matcher.group(2) + ((matcher.group(3) != null) ? matcher.group(3) : "");
		if (matcher.group(4) != null) {
			return OffsetDateTime.parse(local + matcher.group(4)).toInstant();
		}
		return ZonedDateTime.of(LocalDateTime.parse(local), zone).toInstant();
	}

}
