package dev.takt.scheduler.boot.autoconfigure;

import java.sql.SQLException;
import java.util.Set;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import org.jspecify.annotations.Nullable;

/**
 * Creates the HikariCP pools of {@code jobstore-url}s; the only class that names HikariCP, loaded
 * only when it is on the class path.
 */
final class HikariPools {

	static final String DATA_SOURCE_CLASS = "com.zaxxer.hikari.HikariDataSource";

	/**
	 * How long a caller waits for a connection: while the database is away, a store call (the
	 * loop's, a heartbeat, a health check) fails after this rather than HikariCP's 30 seconds.
	 */
	static final long CONNECTION_TIMEOUT_MILLIS = 5_000;

	private HikariPools() {
	}

	/**
	 * Returns a pool that opens no connection until one is asked for, so that start-up can report
	 * a database it cannot reach with the property that names it, and that gives up on a
	 * connection after {@value #CONNECTION_TIMEOUT_MILLIS} ms.
	 * @param name the pool name
	 * @param jdbcUrl the JDBC URL
	 * @param driverClassName the driver class
	 * @param username the user, or {@code null}
	 * @param password the password, or {@code null}
	 * @param maximumSize the most connections
	 * @param inMemory whether the database lives only as long as a connection to it, so that the
	 * pool never retires its connections
	 * @return the pool
	 */
	static HikariDataSource create(String name, String jdbcUrl, String driverClassName, @Nullable String username,
			@Nullable String password, int maximumSize, boolean inMemory) {
		HikariConfig config = new HikariConfig();
		config.setPoolName(name);
		config.setJdbcUrl(jdbcUrl);
		config.setDriverClassName(driverClassName);
		config.setUsername(username);
		config.setPassword(password);
		config.setMaximumPoolSize(maximumSize);
		config.setInitializationFailTimeout(-1);
		config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
		if (inMemory) {
			config.setMinimumIdle(maximumSize);
			config.setMaxLifetime(0);
			config.setIdleTimeout(0);
		}
		if (jdbcUrl.startsWith("jdbc:h2:")) {
			config.setExceptionOverride(new H2ConnectionLoss());
		}
		return new HikariDataSource(config);
	}

	/**
	 * Retires a pooled H2 connection whose session is gone. H2 reports a lost server or a closed
	 * database with its own SQL states rather than the {@code 08} class that HikariCP retires
	 * connections on, and a connection in steady use is handed out again without a validity check
	 * (HikariCP checks only connections idle longer than its bypass window). Without this a pool
	 * kept failing with its dead connections after an H2 server came back, and the store never
	 * recovered.
	 */
	static final class H2ConnectionLoss implements SQLExceptionOverride {

		/**
		 * H2's error codes of a lost session: the connection is broken (90067), the database is
		 * closed (90098), the database is already closed (90121, also what a connection answers
		 * once H2 has seen its session break).
		 */
		private static final Set<Integer> CONNECTION_LOST = Set.of(90067, 90098, 90121);

		// the interface's nested enum Override hides java.lang.Override in this class
		@java.lang.Override
		public SQLExceptionOverride.Override adjudicate(SQLException ex) {
			return CONNECTION_LOST.contains(ex.getErrorCode()) ? SQLExceptionOverride.Override.MUST_EVICT
					: SQLExceptionOverride.Override.CONTINUE_EVICT;
		}

	}

}
