package dev.takt.scheduler.trigger;

/**
 * How the numbers of a crontab string's weekday field are read.
 */
public enum WeekdayNumbering {

	/**
	 * Standard cron: 0 and 7 are Sunday, 1 to 6 Monday to Saturday ({@code 1-5} is Monday to
	 * Friday). The default for crontab strings.
	 */
	STANDARD,

	/**
	 * APScheduler 3's {@code CronTrigger.from_crontab}: 0 is Monday ... 6 is Sunday, 7 is rejected
	 * ({@code 1-5} is Tuesday to Saturday).
	 */
	APSCHEDULER

}
