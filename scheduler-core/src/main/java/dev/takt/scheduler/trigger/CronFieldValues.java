package dev.takt.scheduler.trigger;

/**
 * The values one cron field allows, worked out once from its expression: a bit set over the
 * field's range, and for {@code day} the month-dependent forms ({@code last}, {@code 2nd mon},
 * {@code last fri}) that are resolved per month.
 */
final class CronFieldValues {

	/** Position of {@code last <weekday>} in {@link #weekdayPositions()}; 0-4 are 1st-5th. */
	static final int LAST_POSITION = 5;

	private final CronField field;

	private final String text;

	private final long[] bits;

	private final boolean lastDayOfMonth;

	private final long weekdayPositions;

	CronFieldValues(CronField field, String text, long[] bits, boolean lastDayOfMonth, long weekdayPositions) {
		this.field = field;
		this.text = text;
		this.bits = bits;
		this.lastDayOfMonth = lastDayOfMonth;
		this.weekdayPositions = weekdayPositions;
	}

	CronField field() {
		return this.field;
	}

	/** The expression as APScheduler renders it ({@code str(field)}), parsing back to the same values. */
	String text() {
		return this.text;
	}

	/** The allowed values of a field whose maximum is below 64, bit {@code v} for value {@code v}. */
	long mask() {
		return this.bits[0];
	}

	/** Whether {@code value} is allowed (the month-dependent day forms not included). */
	boolean contains(int value) {
		return value >= 0 && (value >> 6) < this.bits.length && (this.bits[value >> 6] & (1L << value)) != 0;
	}

	/** The smallest allowed value at or above {@code value}, or -1 (the month-dependent day forms not included). */
	int next(int value) {
		if (value < 0) {
			value = 0;
		}
		int word = value >> 6;
		if (word >= this.bits.length) {
			return -1;
		}
		long bitsLeft = this.bits[word] & (-1L << value);
		while (bitsLeft == 0) {
			if (++word == this.bits.length) {
				return -1;
			}
			bitsLeft = this.bits[word];
		}
		return (word << 6) + Long.numberOfTrailingZeros(bitsLeft);
	}

	/** Whether the expression includes {@code last} (the last day of the month). */
	boolean lastDayOfMonth() {
		return this.lastDayOfMonth;
	}

	/** The {@code <position> <weekday>} day forms, bit {@code position * 7 + weekday} (0 = Monday). */
	long weekdayPositions() {
		return this.weekdayPositions;
	}

	/** Whether every value of the field's range is allowed, so the field never rules anything out. */
	boolean allowsAll() {
		for (int value = this.field.min(); value <= this.field.max(); value++) {
			if (!contains(value)) {
				return false;
			}
		}
		return true;
	}

}
