package dev.takt.scheduler.trigger;

import org.jspecify.annotations.Nullable;

/**
 * The eight fields of a cron trigger, in APScheduler's order (most significant first), with
 * their value ranges and the expression a field takes when it is not given and comes after the
 * last given one.
 */
enum CronField {

	YEAR("year", 1970, 9999, "*"),

	MONTH("month", 1, 12, "1"),

	DAY("day", 1, 31, "1"),

	WEEK("week", 1, 53, "*"),

	DAY_OF_WEEK("day_of_week", 0, 6, "*"),

	HOUR("hour", 0, 23, "0"),

	MINUTE("minute", 0, 59, "0"),

	SECOND("second", 0, 59, "0");

	private static final CronField[] VALUES = values();

	private final String apschedulerName;

	private final int min;

	private final int max;

	private final String defaultExpression;

	CronField(String apschedulerName, int min, int max, String defaultExpression) {
		this.apschedulerName = apschedulerName;
		this.min = min;
		this.max = max;
		this.defaultExpression = defaultExpression;
	}

	/** APScheduler's name of the field, e.g. {@code day_of_week}. */
	String apschedulerName() {
		return this.apschedulerName;
	}

	int min() {
		return this.min;
	}

	int max() {
		return this.max;
	}

	/** The expression of a field that is not given and follows the last given field. */
	String defaultExpression() {
		return this.defaultExpression;
	}

	/** Returns the field with the given APScheduler name, or {@code null}. */
	static @Nullable CronField byName(String name) {
		for (CronField field : VALUES) {
			if (field.apschedulerName.equals(name)) {
				return field;
			}
		}
		return null;
	}

	/** The APScheduler names of all fields, for error messages. */
	static String names() {
		StringBuilder names = new StringBuilder();
		for (CronField field : VALUES) {
			names.append((names.length() > 0) ? ", " : "").append(field.apschedulerName);
		}
		return names.toString();
	}

}
