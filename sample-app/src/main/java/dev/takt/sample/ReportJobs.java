package dev.takt.sample;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.takt.scheduler.JobContext;
import dev.takt.scheduler.boot.annotation.ScheduledJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Jobs declared on bean methods: a cron job on the default instance, and a weekly report on the
 * {@code report} instance with retries.
 */
@Component
public class ReportJobs {

	private static final Logger logger = LoggerFactory.getLogger(ReportJobs.class);

	private final AtomicLong heartbeats = new AtomicLong();

	/**
	 * Logs a heartbeat at the start of every minute (a crontab string: minute hour day month
	 * weekday).
	 */
	@ScheduledJob(id = "heartbeat", cron = "${sample.heartbeat-cron:* * * * *}")
	public void heartbeat() {
		logger.info("Heartbeat {}", this.heartbeats.incrementAndGet());
	}

	/**
	 * Builds the weekly report on Monday at 07:00 on the {@code report} instance; a failed attempt
	 * is tried again up to three times, a minute apart and then longer.
	 * @param context the run
	 * @return the report's summary, kept in the run history
	 */
	@ScheduledJob(id = "weekly-report", scheduler = "report", cron = "0 7 * * mon", retryMaxAttempts = "3",
			retryDelay = "1m", retryMultiplier = "2")
	public Map<String, Object> weeklyReport(JobContext context) {
		logger.info("Building the weekly report for {}", context.scheduledFireTime());
		return Map.of("period-end", context.scheduledFireTime().toString(), "built-at", Instant.now().toString());
	}

	/**
	 * Returns how many heartbeats were logged.
	 * @return the number of heartbeats
	 */
	public long heartbeats() {
		return this.heartbeats.get();
	}

}
