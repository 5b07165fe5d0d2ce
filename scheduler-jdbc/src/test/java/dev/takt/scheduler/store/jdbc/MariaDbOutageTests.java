package dev.takt.scheduler.store.jdbc;

/**
 * MariaDB goes away and comes back.
 */
@RequiresDatabase(JdbcDatabase.MARIADB)
class MariaDbOutageTests extends DatabaseOutageTests {

	@Override
	protected JdbcDatabase database() {
		return JdbcDatabase.MARIADB;
	}

	@Override
	protected int serverPort() {
		return 3306;
	}

}
