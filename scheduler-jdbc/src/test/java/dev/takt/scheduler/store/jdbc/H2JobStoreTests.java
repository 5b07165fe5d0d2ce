package dev.takt.scheduler.store.jdbc;

/**
 * The JDBC store's own behaviour on one embedded H2 database.
 */
class H2JobStoreTests extends JdbcJobStoreTests {

	@Override
	protected JdbcDatabase database() {
		return JdbcDatabase.H2;
	}

}
