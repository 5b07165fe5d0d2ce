package dev.takt.scheduler.store.jdbc;

/**
 * The JDBC store's own behaviour on one MariaDB server.
 */
@RequiresDatabase(JdbcDatabase.MARIADB)
class MariaDbJobStoreTests extends JdbcJobStoreTests {

	@Override
	protected JdbcDatabase database() {
		return JdbcDatabase.MARIADB;
	}

}
