package dev.takt.scheduler.trigger;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.Arrays;

/**
 * Named factories for the built-in triggers, the shortest way to write a schedule:
 * {@code Triggers.cron("0 9 * * 1-5")}, {@code Triggers.interval(Duration.ofMinutes(10))},
 * {@code Triggers.jitter(Triggers.cron("0 3 * * *"), Duration.ofMinutes(5))}.
 */
public final class Triggers {

	private Triggers() {
	}

	/**
	 * Returns a cron trigger in the system default time zone, as Spring's {@code @Scheduled(cron)}
	 * and APScheduler without a {@code timezone} do. Takes a 5-field crontab string (standard
	 * weekday numbering: 0 and 7 are Sunday), a 6-field string with seconds first, or a macro such
	 * as {@code @daily}; see {@link CronTrigger#parse(String, ZoneId)}.
	 * @param expression the cron expression
	 * @return the trigger
	 * @throws InvalidTriggerException if the expression is not valid
	 */
	public static CronTrigger cron(String expression) {
		return CronTrigger.parse(expression, ZoneId.systemDefault());
	}

	/**
	 * Returns a cron trigger in the given time zone; see {@link #cron(String)}.
	 * @param expression the cron expression
	 * @param zone the time zone
	 * @return the trigger
	 * @throws InvalidTriggerException if the expression is not valid
	 */
	public static CronTrigger cron(String expression, ZoneId zone) {
		return CronTrigger.parse(expression, zone);
	}

	/**
	 * Returns a trigger that fires every {@code interval}, first one interval from now.
	 * @param interval the time between fires
	 * @return the trigger
	 * @see IntervalTrigger#withStartDate(Instant)
	 */
	public static IntervalTrigger interval(Duration interval) {
		return IntervalTrigger.every(interval);
	}

	/**
	 * Returns a trigger that fires once, at the given instant.
	 * @param runDate the instant to fire at
	 * @return the trigger
	 */
	public static DateTrigger date(Instant runDate) {
		return DateTrigger.at(runDate);
	}

	/**
	 * Returns a trigger that fires every {@code period} at the same wall-clock time.
	 * @param period the calendar interval, e.g. {@code Period.ofMonths(1)}
	 * @param timeOfDay the local time to fire at
	 * @param startDate the first fire date
	 * @param zone the time zone
	 * @return the trigger
	 */
	public static CalendarIntervalTrigger calendarInterval(Period period, LocalTime timeOfDay, LocalDate startDate,
			ZoneId zone) {
		return CalendarIntervalTrigger.every(period, timeOfDay, startDate, zone);
	}

	/**
	 * Returns a trigger that fires when all of the given triggers fire at the same time.
	 * @param triggers the triggers, at least one
	 * @return the trigger
	 */
	public static AndTrigger and(Trigger... triggers) {
		return new AndTrigger(Arrays.asList(triggers));
	}

	/**
	 * Returns a trigger that fires whenever any of the given triggers fires.
	 * @param triggers the triggers, at least one
	 * @return the trigger
	 */
	public static OrTrigger or(Trigger... triggers) {
		return new OrTrigger(Arrays.asList(triggers));
	}

	/**
	 * Returns a trigger that delays each fire time of the given one by a random amount of up to
	 * {@code maxJitter}, as APScheduler's {@code jitter}.
	 * @param trigger the trigger to delay
	 * @param maxJitter the largest delay, positive
	 * @return the trigger
	 */
	public static JitterTrigger jitter(Trigger trigger, Duration maxJitter) {
		return JitterTrigger.of(trigger, maxJitter);
	}

}
