package dev.takt.scheduler.boot.autoconfigure;

import java.util.List;

import dev.takt.scheduler.store.jdbc.JdbcDatabase;
import dev.takt.scheduler.store.jdbc.RequiresDatabase;

/**
 * The SQL job store's auto-configuration on this machine's MariaDB server, through the MySQL
 * URLs of SQLAlchemy too.
 */
@RequiresDatabase(JdbcDatabase.MARIADB)
class MariaDbJobStoreAutoConfigurationTests extends ServerJobStoreAutoConfigurationTests {

	@Override
	protected JdbcDatabase database() {
		return JdbcDatabase.MARIADB;
	}

	@Override
	protected List<String> schemes() {
		return List.of("mysql", "mysql+pymysql", "mariadb");
	}

	@Override
	protected String jdbcUrlStart() {
		return "jdbc:mariadb://";
	}

	@Override
	protected String displayName() {
		return "MariaDB/MySQL";
	}

}
