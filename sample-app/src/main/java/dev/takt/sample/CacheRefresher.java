package dev.takt.sample;

import java.util.concurrent.atomic.AtomicLong;

import dev.takt.scheduler.boot.annotation.ScheduledJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * An interval job: refreshes a cache every 30 seconds ({@code sample.refresh-interval}), with up
 * to 5 seconds of jitter so that several nodes do not all refresh at once.
 */
@Component
public class CacheRefresher {

	private static final Logger logger = LoggerFactory.getLogger(CacheRefresher.class);

	private final AtomicLong refreshes = new AtomicLong();

	/**
	 * Refreshes the cache.
	 * @return the number of refreshes so far, kept as the run's result
	 */
	@ScheduledJob(id = "cache-refresh", interval = "${sample.refresh-interval:30s}", jitter = "${sample.refresh-jitter:5s}")
	public long refresh() {
		long count = this.refreshes.incrementAndGet();
		logger.debug("Cache refreshed ({} times)", count);
		return count;
	}

	/**
	 * Returns how many times the cache was refreshed.
	 * @return the number of refreshes
	 */
	public long refreshes() {
		return this.refreshes.get();
	}

}
