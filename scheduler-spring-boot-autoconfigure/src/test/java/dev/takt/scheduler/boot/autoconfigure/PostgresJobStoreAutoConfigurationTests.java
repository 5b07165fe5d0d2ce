package dev.takt.scheduler.boot.autoconfigure;

import java.util.List;

import dev.takt.scheduler.store.jdbc.JdbcDatabase;
import dev.takt.scheduler.store.jdbc.RequiresDatabase;

/**
 * The SQL job store's auto-configuration on this machine's PostgreSQL server.
 */
@RequiresDatabase(JdbcDatabase.POSTGRESQL)
class PostgresJobStoreAutoConfigurationTests extends ServerJobStoreAutoConfigurationTests {

	@Override
	protected JdbcDatabase database() {
		return JdbcDatabase.POSTGRESQL;
	}

	@Override
	protected List<String> schemes() {
		return List.of("postgresql", "postgresql+psycopg2", "postgres");
	}

	@Override
	protected String jdbcUrlStart() {
		return "jdbc:postgresql://";
	}

	@Override
	protected String displayName() {
		return "PostgreSQL";
	}

}
