package dev.takt.scheduler.store.jdbc;

/**
 * Several nodes on one MariaDB server.
 */
@RequiresDatabase(JdbcDatabase.MARIADB)
class MariaDbClusterTests extends JdbcClusterTests {

	@Override
	protected JdbcDatabase database() {
		return JdbcDatabase.MARIADB;
	}

}
