package dev.takt.scheduler.store.jdbc;

/**
 * {@link JdbcJobStore} on embedded H2 against the store contract.
 */
class H2JobStoreContractTests extends JdbcJobStoreContractTests {

	@Override
	protected JdbcDatabase database() {
		return JdbcDatabase.H2;
	}

}
