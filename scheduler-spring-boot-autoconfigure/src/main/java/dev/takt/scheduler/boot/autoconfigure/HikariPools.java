package dev.takt.scheduler.boot.autoconfigure;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;

/**
 * Creates the HikariCP pools of {@code jobstore-url}s; the only class that names HikariCP, loaded
 * only when it is on the class path.
 */
final class HikariPools {

	static final String DATA_SOURCE_CLASS = "com.zaxxer.hikari.HikariDataSource";

	private HikariPools() {
	}

	/**
	 * Returns a pool that opens no connection until one is asked for, so that start-up can report
	 * a database it cannot reach with the property that names it.
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
		if (inMemory) {
			config.setMinimumIdle(maximumSize);
			config.setMaxLifetime(0);
			config.setIdleTimeout(0);
		}
		return new HikariDataSource(config);
	}

}
