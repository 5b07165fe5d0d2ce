package dev.takt.scheduler.store.jdbc;

import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The databases the tests run on: H2 and SQLite in-process, PostgreSQL and MariaDB on this
 * machine's servers (started by {@code bash scripts/start-services.sh}). The server URLs can be
 * changed with the system properties {@code takt.test.postgresql.url} and
 * {@code takt.test.mariadb.url}.
 */
public final class TestDatabases {

	/** The PostgreSQL server's JDBC URL. */
	public static final String POSTGRESQL_URL = System.getProperty("takt.test.postgresql.url",
			"jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

	/** The MariaDB server's JDBC URL. */
	public static final String MARIADB_URL = System.getProperty("takt.test.mariadb.url",
			"jdbc:mariadb://127.0.0.1:3306/test?user=root");

	private static final Map<JdbcDatabase, String> problems = new ConcurrentHashMap<>();

	private TestDatabases() {
	}

	/** Returns the JDBC URL of a database for a test of the given name. */
	public static String url(JdbcDatabase database, String name) {
		return switch (database) {
			case H2 -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
			case SQLITE -> {
				File dir = new File("target/sqlite");
				dir.mkdirs();
				yield "jdbc:sqlite:" + new File(dir, name + ".db").getPath() + "?journal_mode=WAL&synchronous=NORMAL";
			}
			case POSTGRESQL -> POSTGRESQL_URL;
			case MARIADB -> MARIADB_URL;
		};
	}

	/** Returns a pool on a database for a test of the given name. */
	static HikariDataSource dataSource(JdbcDatabase database, String name, int poolSize) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url(database, name));
		config.setPoolName(name);
		// SQLite has one writer: one connection, so that threads wait for it rather than fail busy
		config.setMaximumPoolSize((database == JdbcDatabase.SQLITE) ? 1 : poolSize);
		config.setMinimumIdle(0);
		config.setConnectionTimeout(10_000);
		config.setInitializationFailTimeout(-1);
		return new HikariDataSource(config);
	}

	/** Returns why a server database cannot be reached, or null when it can (embedded ones always can). */
	static String problem(JdbcDatabase database) {
		if (database == JdbcDatabase.H2 || database == JdbcDatabase.SQLITE) {
			return null;
		}
		String problem = problems.computeIfAbsent(database, (key) -> {
			DriverManager.setLoginTimeout(3);
			try (Connection connection = DriverManager.getConnection(url(key, "probe"))) {
				return "";
			}
			catch (SQLException ex) {
				return describe(key) + " is not reachable (" + ex.getMessage() + "); start it with"
						+ " `bash scripts/start-services.sh`";
			}
		});
		return problem.isEmpty() ? null : problem;
	}

	static String describe(JdbcDatabase database) {
		return switch (database) {
			case POSTGRESQL -> "PostgreSQL at " + POSTGRESQL_URL;
			case MARIADB -> "MariaDB at " + MARIADB_URL;
			default -> database.name();
		};
	}

}
