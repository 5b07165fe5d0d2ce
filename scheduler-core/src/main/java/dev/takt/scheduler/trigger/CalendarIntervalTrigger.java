package dev.takt.scheduler.trigger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Fires every so many years, months, weeks or days at the same wall-clock time, as APScheduler's
 * {@code CalendarIntervalTrigger}: unlike {@link IntervalTrigger} it keeps the local time of day
 * across DST changes.
 * <p>
 * The fire dates start at {@code startDate}; each next one adds the years and months to the
 * previous date keeping its day of the month, adding them again while that day does not exist in
 * the month (a 31st skips the shorter months, February 29th the other years), then adds the days.
 * Each date fires at {@code timeOfDay} in {@code zone}; a date on which that local time does not
 * exist (clocks go forward over it) is skipped, and a repeated local time fires once, at its
 * first occurrence. Nothing fires after {@code endDate} or after year 9999.
 * <p>
 * The first call returns the first fire time at or after {@code now}, as APScheduler documents
 * (APScheduler 3.11 itself returns the start date's fire time even when it is long past); later
 * calls return the next date after the local date of the previous fire time, even if it is in the
 * past.
 *
 * @param period the calendar interval: years, months and days (weeks are days), none negative and
 * not all zero; held {@linkplain Period#normalized() normalized}
 * @param timeOfDay the local time to fire at, to the second
 * @param startDate the first fire date
 * @param endDate the last possible fire date (inclusive), or {@code null} for no end
 * @param zone the time zone of the dates and the time of day
 */
public record CalendarIntervalTrigger(Period period, LocalTime timeOfDay, LocalDate startDate,
		@Nullable LocalDate endDate, ZoneId zone) implements Trigger {

	private static final int MAX_YEAR = 9999;

	/**
	 * Creates a trigger, checking its arguments.
	 * @param period the calendar interval
	 * @param timeOfDay the local time to fire at
	 * @param startDate the first fire date
	 * @param endDate the last possible fire date, or {@code null}
	 * @param zone the time zone
	 */
	public CalendarIntervalTrigger {
		Objects.requireNonNull(period, "period must not be null");
		Objects.requireNonNull(timeOfDay, "timeOfDay must not be null");
		Objects.requireNonNull(startDate, "startDate must not be null");
		Objects.requireNonNull(zone, "zone must not be null");
		if (period.isNegative()) {
			throw new InvalidTriggerException("period", period.toString(), "must not be negative");
		}
		if (period.isZero()) {
			throw new InvalidTriggerException("period", period.toString(), "must be at least one day long");
		}
		period = period.normalized();
		if (timeOfDay.getNano() != 0) {
			throw new InvalidTriggerException("timeOfDay", timeOfDay.toString(), "must be a whole second");
		}
		if (endDate != null && endDate.isBefore(startDate)) {
			throw new InvalidTriggerException("endDate", endDate.toString(),
					"must not be before the start date " + startDate);
		}
	}

	/**
	 * Returns a trigger that fires every {@code period} at {@code timeOfDay}, from
	 * {@code startDate} on.
	 * @param period the calendar interval, e.g. {@code Period.ofMonths(1)}
	 * @param timeOfDay the local time to fire at
	 * @param startDate the first fire date
	 * @param zone the time zone
	 * @return the trigger
	 */
	public static CalendarIntervalTrigger every(Period period, LocalTime timeOfDay, LocalDate startDate, ZoneId zone) {
		return new CalendarIntervalTrigger(period, timeOfDay, startDate, null, zone);
	}

	/**
	 * Returns a copy that ends at the given date.
	 * @param endDate the last possible fire date (inclusive), or {@code null} for no end
	 * @return the new trigger
	 */
	public CalendarIntervalTrigger withEndDate(@Nullable LocalDate endDate) {
		return new CalendarIntervalTrigger(this.period, this.timeOfDay, this.startDate, endDate, this.zone);
	}

	@Override
	public Optional<Instant> nextFireTime(@Nullable Instant previousFireTime, Instant now) {
		if (previousFireTime != null) {
			return firstFrom(step(previousFireTime.atZone(this.zone).toLocalDate()), null);
		}
		return firstFrom(lastDateWellBefore(now), now);
	}

	/** Walks the fire dates from {@code date} on to the first that fires, not before {@code notBefore}. */
	private Optional<Instant> firstFrom(LocalDate date, @Nullable Instant notBefore) {
		while (date.getYear() <= MAX_YEAR && (this.endDate == null || !date.isAfter(this.endDate))) {
			LocalDateTime local = date.atTime(this.timeOfDay);
			if (!this.zone.getRules().getValidOffsets(local).isEmpty()) {
				Instant fireTime = ZonedDateTime.of(local, this.zone).toInstant();
				if (notBefore == null || !fireTime.isBefore(notBefore)) {
					return Optional.of(fireTime);
				}
			}
			date = step(date);
		}
		return Optional.empty();
	}

	/** Returns the fire date after {@code date} (a year after {@link #MAX_YEAR} when there is none). */
	private LocalDate step(LocalDate date) {
		LocalDate next = date;
		long months = this.period.toTotalMonths();
		if (months > 0) {
			long index = date.getYear() * 12L + date.getMonthValue() - 1;
			YearMonth month;
			do {
				index += months;
				if (Math.floorDiv(index, 12) > MAX_YEAR) {
					return LocalDate.of(MAX_YEAR + 1, 1, 1);
				}
				month = monthAt(index);
			}
			while (!month.isValidDay(date.getDayOfMonth()));
			next = month.atDay(date.getDayOfMonth());
		}
		return next.plusDays(this.period.getDays());
	}

	/**
	 * Returns a fire date from which to walk to the first fire time at or after {@code now}: the
	 * start date, or, where the dates can be counted, a later one that fires before {@code now}.
	 */
	private LocalDate lastDateWellBefore(Instant now) {
		LocalDate limit = now.atZone(this.zone).toLocalDate().minusDays(2);
		if (!this.startDate.isBefore(limit)) {
			return this.startDate;
		}
		long months = this.period.toTotalMonths();
		int days = this.period.getDays();
		if (months == 0) {
			return this.startDate.plusDays(ChronoUnit.DAYS.between(this.startDate, limit) / days * days);
		}
		if (days == 0) {
			long startIndex = this.startDate.getYear() * 12L + this.startDate.getMonthValue() - 1;
			long limitIndex = limit.getYear() * 12L + limit.getMonthValue() - 1;
			for (long index = startIndex + (limitIndex - startIndex) / months * months; index > startIndex; index -= months) {
				YearMonth month = monthAt(index);
				if (month.isValidDay(this.startDate.getDayOfMonth())) {
					return month.atDay(this.startDate.getDayOfMonth());
				}
			}
		}
		return this.startDate;
	}

	/** Returns the month with the given index, counted from January of year 0. */
	private static YearMonth monthAt(long index) {
		return YearMonth.of((int) Math.floorDiv(index, 12), (int) Math.floorMod(index, 12) + 1);
	}

	@Override
	public String toString() {
		return "calendarinterval[" + this.period + " at " + this.timeOfDay + " from " + this.startDate
				+ ((this.endDate != null) ? " to " + this.endDate : "") + ", " + this.zone + "]";
	}

}
