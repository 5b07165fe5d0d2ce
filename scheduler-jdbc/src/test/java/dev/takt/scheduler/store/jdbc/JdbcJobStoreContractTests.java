package dev.takt.scheduler.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.takt.scheduler.store.JobStore;
import dev.takt.scheduler.store.JobStoreContractTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link JdbcJobStore} against the store contract, on one database; a subclass per database.
 * Each class has tables of its own prefix, emptied before each test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcJobStoreContractTests extends JobStoreContractTests {

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
	protected JobStore createStore() {
		TestTables.clear(this.dataSource, this.schema);
		return JdbcJobStore.builder(this.dataSource).database(database()).tablePrefix(this.schema.tablePrefix()).build();
	}

}
