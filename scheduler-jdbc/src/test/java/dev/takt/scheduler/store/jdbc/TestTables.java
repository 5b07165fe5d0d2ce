package dev.takt.scheduler.store.jdbc;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Empties a schema's tables between tests.
 */
final class TestTables {

	private TestTables() {
	}

	static void clear(DataSource dataSource, JdbcSchema schema) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		jdbc.update("DELETE FROM " + schema.historyTable());
		jdbc.update("DELETE FROM " + schema.runsTable());
		jdbc.update("DELETE FROM " + schema.jobsTable());
	}

}
