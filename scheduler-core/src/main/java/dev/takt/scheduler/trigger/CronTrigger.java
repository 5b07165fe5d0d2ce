package dev.takt.scheduler.trigger;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Fires at the local date-times that match APScheduler's cron fields.
 */
public final class CronTrigger implements Trigger {

	private CronTrigger() {
	}

	/**
	 * Returns a trigger for a 5-field crontab string with standard weekday numbering.
	 * @param expression the crontab string
	 * @param zone the time zone
	 * @return the trigger
	 */
	public static CronTrigger fromCrontab(String expression, ZoneId zone) {
		throw new UnsupportedOperationException("CronTrigger is being written");
	}

	@Override
	public Optional<Instant> nextFireTime(@Nullable Instant previousFireTime, Instant now) {
		throw new UnsupportedOperationException("CronTrigger is being written");
	}

}
