package dev.takt.scheduler.store.jdbc;

/**
 * Several nodes on one embedded H2 database.
 */
class H2ClusterTests extends JdbcClusterTests {

	@Override
	protected JdbcDatabase database() {
		return JdbcDatabase.H2;
	}

}
