package dev.takt.scheduler.store.jdbc;

/**
 * Three nodes on one MariaDB server, each fire once.
 */
@RequiresDatabase(JdbcDatabase.MARIADB)
class MariaDbExactlyOnceTests extends ClusterExactlyOnceTests {

	@Override
	protected JdbcDatabase database() {
		return JdbcDatabase.MARIADB;
	}

}
