package dev.takt.scheduler.store.jdbc;

import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;
import dev.takt.scheduler.store.ClusteredJobStore;
import dev.takt.scheduler.store.ClusteredJobStoreContractTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link JdbcJobStore} against the clustered store contract (and with it the store contract), on
 * one database; a subclass per database. Each class has tables of its own prefix, emptied before
 * each test; the nodes are stores on the same tables.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcJobStoreContractTests extends ClusteredJobStoreContractTests {

	private HikariDataSource dataSource;

	private JdbcSchema schema;

	/**
	 * Returns the database under test.
	 * @return the database
	 */
	protected abstract JdbcDatabase database();

	@BeforeAll
	void createTables() {
		String prefix = "contract_" + database().id() + "_";
		this.dataSource = TestDatabases.dataSource(database(), "contract-" + database().id(), 4);
		this.schema = JdbcSchema.of(database(), prefix);
		this.schema.drop(this.dataSource);
		this.schema.create(this.dataSource);
	}

	@AfterAll
	void dropTables() {
		if (this.dataSource != null) {
			this.schema.drop(this.dataSource);
			this.dataSource.close();
		}
	}

	@Override
	protected ClusteredJobStore createNode(String owner, Duration leaseTime) {
		return JdbcJobStore.builder(this.dataSource)
			.database(database())
			.tablePrefix(this.schema.tablePrefix())
			.owner(owner)
			.leaseTime(leaseTime)
			.build();
	}

	@Override
	protected void clearSharedStore() {
		TestTables.clear(this.dataSource, this.schema);
	}

}
