package dev.takt.scheduler.store.jdbc;

import java.time.Duration;
import java.time.Instant;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link StoreClock}: the database's clock as the reference, from an H2 query that plays a server
 * whose clock is an hour ahead of this node's.
 */
class StoreClockTests {

	private static final String HOUR_AHEAD = "SELECT DATEDIFF('MICROSECOND', TIMESTAMP WITH TIME ZONE"
			+ " '1970-01-01 00:00:00+00', CURRENT_TIMESTAMP(6)) + 3600000000";

	private final HikariDataSource dataSource = TestDatabases.dataSource(JdbcDatabase.H2, "clock", 2);

	@AfterEach
	void close() {
		this.dataSource.close();
	}

	@Test
	void convertsBetweenThisNodesClockAndTheDatabases() {
		StoreClock clock = new StoreClock(HOUR_AHEAD, new JdbcTemplate(this.dataSource));
		Instant local = Instant.parse("2025-06-01T12:00:00.123456Z");
		long store = clock.toStore(local);
		assertThat(Micros.instant(store)).isCloseTo(local.plus(Duration.ofHours(1)), within(Duration.ofMillis(100)));
		assertThat(clock.toLocal(store)).as("back and forth is exact").isEqualTo(local);
		assertThat(Micros.instant(clock.now())).isCloseTo(Instant.now().plus(Duration.ofHours(1)),
				within(Duration.ofMillis(100)));
	}

	@Test
	void anEmbeddedDatabaseSharesThisNodesClock() {
		StoreClock clock = new StoreClock(null, new JdbcTemplate(this.dataSource));
		Instant local = Instant.parse("2025-06-01T12:00:00.123456Z");
		assertThat(clock.toStore(local)).isEqualTo(Micros.of(local));
		assertThat(clock.offset()).isZero();
	}

	@Test
	void microsecondsRoundTripBeforeAndAfterTheEpoch() {
		for (String text : new String[] { "1969-12-31T23:59:59.999999Z", "1970-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z" }) {
			Instant instant = Instant.parse(text);
			assertThat(Micros.instant(Micros.of(instant))).isEqualTo(instant);
		}
	}

}
