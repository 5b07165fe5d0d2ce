package dev.takt.scheduler.store.jdbc;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The store's clock: the database server's, so that nodes whose clocks differ agree on when a job
 * is due and when a lease ends. It keeps the offset of the server's clock from this node's,
 * measured as NTP does (the server's time against the middle of the round trip, the best of a
 * few tries) and measured again every minute; it moves only when the offset changes by more
 * than {@value #SETTLE_MICROS} µs, so that times converted back and forth stay equal. An embedded
 * database shares this node's clock: its offset is zero.
 */
final class StoreClock {

	private static final Logger logger = LoggerFactory.getLogger(StoreClock.class);

	private static final long REFRESH_NANOS = 60_000_000_000L;

	private static final long RETRY_NANOS = 1_000_000_000L;

	private static final long SETTLE_MICROS = 2_000;

	private final @Nullable String query;

	private final JdbcTemplate jdbc;

	private volatile long offset;

	private volatile long nextMeasure = System.nanoTime();

	private volatile boolean measured;

	StoreClock(@Nullable String query, JdbcTemplate jdbc) {
		this.query = query;
		this.jdbc = jdbc;
	}

	/** Returns the store's time for a time of this node's clock. */
	long toStore(Instant local) {
		return Micros.of(local) + offset();
	}

	/** Returns the store's current time. */
	long now() {
		return toStore(Instant.now());
	}

	/** Returns this node's time for a time of the store's clock. */
	Instant toLocal(long store) {
		return Micros.instant(store - offset());
	}

	/** Returns how far the store's clock is ahead of this node's, in microseconds. */
	long offset() {
		if (this.query != null && System.nanoTime() - this.nextMeasure >= 0) {
			measure(this.query);
		}
		return this.offset;
	}

	private synchronized void measure(String sql) {
		if (System.nanoTime() - this.nextMeasure < 0) {
			return;
		}
		try {
			long bestRoundTrip = Long.MAX_VALUE;
			long bestOffset = 0;
			for (int i = 0; i < 3; i++) {
				long before = Micros.of(Instant.now());
				Long server = this.jdbc.queryForObject(sql, Long.class);
				long after = Micros.of(Instant.now());
				if (server != null && after - before < bestRoundTrip) {
					bestRoundTrip = after - before;
					bestOffset = server - (before + after) / 2;
				}
			}
			if (!this.measured || Math.abs(bestOffset - this.offset) > SETTLE_MICROS) {
				if (Math.abs(bestOffset) > SETTLE_MICROS) {
					logger.info("The database clock is {} ms {} this node's; the job store keeps to the database's",
							Math.abs(bestOffset) / 1000, (bestOffset > 0) ? "ahead of" : "behind");
				}
				this.offset = (Math.abs(bestOffset) > SETTLE_MICROS) ? bestOffset : 0;
			}
			this.measured = true;
			this.nextMeasure = System.nanoTime() + REFRESH_NANOS;
		}
		catch (DataAccessException ex) {
			logger.debug("Could not read the database clock; trying again shortly", ex);
			this.nextMeasure = System.nanoTime() + RETRY_NANOS;
		}
	}

}
