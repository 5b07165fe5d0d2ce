package dev.takt.scheduler.trigger;

import org.jspecify.annotations.Nullable;

/**
 * The compiled fields of a cron trigger: which local date-times match, and the first one at or
 * after a given local date-time. Local date-times are counted in seconds from 1970-01-01T00:00 on
 * the local time line (no zone involved), so the search allocates nothing.
 * <p>
 * The search goes field by field, most significant first, as APScheduler's does: it jumps to the
 * next allowed value of a field (resetting the fields below it) and carries into the field above
 * when a field has no allowed value left. The date fields ({@code day}, {@code week},
 * {@code day_of_week}) are combined per month into one mask of matching days.
 */
final class CronMatcher {

	/** Returned by {@link #next} when nothing matches up to the year limit. */
	static final long NONE = Long.MIN_VALUE;

	static final int SECONDS_PER_DAY = 86_400;

	private static final long DAYS_0000_TO_1970 = 719_528L;

	private static final long DAYS_PER_400_YEARS = 146_097L;

	private final CronFieldValues year;

	private final long months;

	private final long days;

	private final boolean lastDay;

	private final long weekdayPositions;

	/** By weekday of the month's 1st (0 = Monday): the days of the month on an allowed weekday, or null if all are. */
	private final int @Nullable [] weekdayDays;

	private final @Nullable CronFieldValues week;

	private final long hours;

	private final long minutes;

	private final long seconds;

	/**
	 * Compiles the fields.
	 * @param fields the values of every field, in {@link CronField} order
	 */
	CronMatcher(CronFieldValues[] fields) {
		this.year = fields[CronField.YEAR.ordinal()];
		this.months = fields[CronField.MONTH.ordinal()].mask();
		CronFieldValues day = fields[CronField.DAY.ordinal()];
		this.days = day.mask();
		this.lastDay = day.lastDayOfMonth();
		this.weekdayPositions = day.weekdayPositions();
		CronFieldValues week = fields[CronField.WEEK.ordinal()];
		this.week = week.allowsAll() ? null : week;
		CronFieldValues dayOfWeek = fields[CronField.DAY_OF_WEEK.ordinal()];
		this.weekdayDays = dayOfWeek.allowsAll() ? null : weekdayDays(dayOfWeek.mask());
		this.hours = fields[CronField.HOUR.ordinal()].mask();
		this.minutes = fields[CronField.MINUTE.ordinal()].mask();
		this.seconds = fields[CronField.SECOND.ordinal()].mask();
	}

	private static int[] weekdayDays(long allowedWeekdays) {
		int[] masks = new int[7];
		for (int firstWeekday = 0; firstWeekday < 7; firstWeekday++) {
			for (int day = 1; day <= 31; day++) {
				if ((allowedWeekdays & (1L << ((firstWeekday + day - 1) % 7))) != 0) {
					masks[firstWeekday] |= 1 << day;
				}
			}
		}
		return masks;
	}

	/**
	 * Returns the first matching local date-time at or after {@code local}.
	 * @param local a local date-time in seconds since 1970-01-01T00:00
	 * @param lastYear the last year to search (at most 9999)
	 * @return the matching local date-time in seconds, or {@link #NONE}
	 */
	long next(long local, int lastYear) {
		long epochDay = Math.floorDiv(local, SECONDS_PER_DAY);
		int secondOfDay = (int) Math.floorMod(local, SECONDS_PER_DAY);
		int date = civilDate(epochDay);
		int y = date >> 9;
		int mo = (date >> 5) & 15;
		int d = date & 31;
		int h = secondOfDay / 3600;
		int mi = (secondOfDay / 60) % 60;
		int s = secondOfDay % 60;
		years: for (;;) {
			int nextYear = this.year.next(y);
			if (nextYear < 0 || nextYear > lastYear) {
				return NONE;
			}
			if (nextYear != y) {
				y = nextYear;
				mo = 1;
				d = 1;
				h = 0;
				mi = 0;
				s = 0;
			}
			months: for (;;) {
				int nextMonth = nextBit(this.months, mo);
				if (nextMonth < 0) {
					y++;
					mo = 1;
					d = 1;
					h = 0;
					mi = 0;
					s = 0;
					continue years;
				}
				if (nextMonth != mo) {
					mo = nextMonth;
					d = 1;
					h = 0;
					mi = 0;
					s = 0;
				}
				long dayMask = dayMask(y, mo);
				for (;;) {
					int nextDay = nextBit(dayMask, d);
					if (nextDay < 0) {
						mo++;
						d = 1;
						h = 0;
						mi = 0;
						s = 0;
						continue months;
					}
					if (nextDay != d) {
						d = nextDay;
						h = 0;
						mi = 0;
						s = 0;
					}
					int nextHour = nextBit(this.hours, h);
					if (nextHour < 0) {
						d++;
						h = 0;
						mi = 0;
						s = 0;
						continue;
					}
					if (nextHour != h) {
						h = nextHour;
						mi = 0;
						s = 0;
					}
					int nextMinute = nextBit(this.minutes, mi);
					if (nextMinute < 0) {
						h++;
						mi = 0;
						s = 0;
						continue;
					}
					if (nextMinute != mi) {
						mi = nextMinute;
						s = 0;
					}
					int nextSecond = nextBit(this.seconds, s);
					if (nextSecond < 0) {
						mi++;
						s = 0;
						continue;
					}
					return epochDay(y, mo, d) * SECONDS_PER_DAY + h * 3600 + mi * 60 + nextSecond;
				}
			}
		}
	}

	/** Whether the date of {@code local} matches every date field and its hour the hour field. */
	boolean matchesDateAndHour(long local) {
		int date = civilDate(Math.floorDiv(local, SECONDS_PER_DAY));
		int y = date >> 9;
		int mo = (date >> 5) & 15;
		int d = date & 31;
		int h = (int) Math.floorMod(local, SECONDS_PER_DAY) / 3600;
		return this.year.contains(y) && (this.months & (1L << mo)) != 0 && (dayMask(y, mo) & (1L << d)) != 0
				&& (this.hours & (1L << h)) != 0;
	}

	/** The days of the month that match the {@code day}, {@code week} and {@code day_of_week} fields. */
	private long dayMask(int y, int mo) {
		int length = monthLength(y, mo);
		long firstDay = epochDay(y, mo, 1);
		int firstWeekday = (int) Math.floorMod(firstDay + 3, 7);
		long mask = this.days;
		if (this.lastDay) {
			mask |= 1L << length;
		}
		if (this.weekdayPositions != 0) {
			mask |= positionDays(firstWeekday, length);
		}
		mask &= (1L << (length + 1)) - 2;
		if (this.weekdayDays != null) {
			mask &= this.weekdayDays[firstWeekday];
		}
		if (this.week != null && mask != 0) {
			mask &= weekDays(y, firstDay, firstWeekday, length, this.week);
		}
		return mask;
	}

	/** The days given by the {@code 2nd mon} / {@code last fri} forms in a month. */
	private long positionDays(int firstWeekday, int length) {
		long mask = 0;
		long positions = this.weekdayPositions;
		while (positions != 0) {
			int bit = Long.numberOfTrailingZeros(positions);
			positions &= positions - 1;
			int position = bit / 7;
			int weekday = bit % 7;
			int firstHit = weekday - firstWeekday + 1;
			if (firstHit <= 0) {
				firstHit += 7;
			}
			int day = (position < CronFieldValues.LAST_POSITION) ? firstHit + position * 7
					: firstHit + ((length - firstHit) / 7) * 7;
			if (day <= length) {
				mask |= 1L << day;
			}
		}
		return mask;
	}

	/** The days of a month whose ISO 8601 week number is allowed. */
	private static long weekDays(int y, long firstDay, int firstWeekday, int length, CronFieldValues week) {
		long mask = 0;
		int day = 1;
		int weekday = firstWeekday;
		while (day <= length) {
			long thursday = firstDay + (day - 1) - weekday + 3;
			int end = Math.min(length, day + 6 - weekday);
			if (week.contains(isoWeek(thursday, y))) {
				mask |= ((1L << (end + 1)) - 1) & -(1L << day);
			}
			day = end + 1;
			weekday = 0;
		}
		return mask;
	}

	/** The ISO week number of the week whose Thursday is {@code thursday}, in or next to year {@code y}. */
	private static int isoWeek(long thursday, int y) {
		long january1 = epochDay(y, 1, 1);
		if (thursday < january1) {
			january1 = epochDay(y - 1, 1, 1);
		}
		else {
			long nextJanuary1 = epochDay(y + 1, 1, 1);
			if (thursday >= nextJanuary1) {
				january1 = nextJanuary1;
			}
		}
		return (int) ((thursday - january1) / 7) + 1;
	}

	private static int nextBit(long mask, int value) {
		if (value > 63) {
			return -1;
		}
		long left = mask & (-1L << value);
		return (left != 0) ? Long.numberOfTrailingZeros(left) : -1;
	}

	static boolean isLeapYear(int y) {
		return (y & 3) == 0 && (y % 100 != 0 || y % 400 == 0);
	}

	static int monthLength(int y, int mo) {
		return switch (mo) {
			case 2 -> isLeapYear(y) ? 29 : 28;
			case 4, 6, 9, 11 -> 30;
			default -> 31;
		};
	}

	/** Days from 1970-01-01 to the given date of the proleptic Gregorian calendar (year 0 or later). */
	static long epochDay(int y, int mo, int d) {
		long days = 365L * y + (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400 + (367 * mo - 362) / 12 + d - 1;
		if (mo > 2) {
			days -= isLeapYear(y) ? 1 : 2;
		}
		return days - DAYS_0000_TO_1970;
	}

	/**
	 * The date of an epoch day, packed as {@code year << 9 | month << 5 | day} (years 0 to
	 * 4,000,000).
	 */
	static int civilDate(long epochDay) {
		long zeroDay = epochDay + DAYS_0000_TO_1970 - 60;
		long yearEstimate = (400 * zeroDay + 591) / DAYS_PER_400_YEARS;
		long dayOfYear = zeroDay - (365 * yearEstimate + yearEstimate / 4 - yearEstimate / 100 + yearEstimate / 400);
		if (dayOfYear < 0) {
			yearEstimate--;
			dayOfYear = zeroDay - (365 * yearEstimate + yearEstimate / 4 - yearEstimate / 100 + yearEstimate / 400);
		}
		int marchDay = (int) dayOfYear;
		int marchMonth = (marchDay * 5 + 2) / 153;
		int month = (marchMonth + 2) % 12 + 1;
		int day = marchDay - (marchMonth * 306 + 5) / 10 + 1;
		int year = (int) (yearEstimate + marchMonth / 10);
		return (year << 9) | (month << 5) | day;
	}

}
