package dev.takt.scheduler.store.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import dev.takt.scheduler.Job;
import dev.takt.scheduler.JobResult;
import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.retry.RetryPolicy;
import dev.takt.scheduler.trigger.DateTrigger;
import dev.takt.scheduler.trigger.IntervalTrigger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three scheduler nodes, each with its own connection pool, on one database: 20,000 one-off jobs
 * due at once and a few recurring jobs that neither coalesce nor miss. Every run inserts a row
 * into a table of fires; each one-off job fires exactly once, each recurring job's fire times
 * follow one another with no gap and no repeat, and every node does its share. A subclass per
 * server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ClusterExactlyOnceTests {

	private static final int ONE_OFF_JOBS = 20_000;

	private static final int RECURRING_JOBS = 5;

	private static final Duration INTERVAL = Duration.ofMillis(250);

	private static final int NODES = 3;

	private HikariDataSource setup;

	private JdbcSchema schema;

	private String fires;

	/**
	 * Returns the database under test, a server.
	 * @return the database
	 */
	protected abstract JdbcDatabase database();

	@BeforeAll
	void createTables() {
		this.setup = TestDatabases.dataSource(database(), "exactly-once-setup-" + database().id(), 2);
		this.schema = JdbcSchema.of(database(), "once_" + database().id() + "_");
		this.fires = this.schema.tablePrefix() + "fires";
		this.schema.drop(this.setup);
		this.schema.create(this.setup);
		JdbcTemplate jdbc = new JdbcTemplate(this.setup);
		jdbc.execute("DROP TABLE IF EXISTS " + this.fires);
		jdbc.execute("CREATE TABLE " + this.fires + " (job_id VARCHAR(191) NOT NULL, fire_time BIGINT NOT NULL,"
				+ " node VARCHAR(20) NOT NULL)");
	}

	@AfterAll
	void dropTables() {
		if (this.setup != null) {
			new JdbcTemplate(this.setup).execute("DROP TABLE IF EXISTS " + this.fires);
			this.schema.drop(this.setup);
			this.setup.close();
		}
	}

	@Test
	void everyFireRunsExactlyOnceAcrossThreeNodes() {
		Instant start = Instant.now();
		addJobs(start);
		Instant loaded = Instant.now();
		List<HikariDataSource> pools = new ArrayList<>();
		List<Scheduler> nodes = new ArrayList<>();
		try {
			for (int n = 0; n < NODES; n++) {
				String node = "node-" + n;
				HikariDataSource pool = TestDatabases.dataSource(database(), "exactly-once-" + node, 13);
				pools.add(pool);
				JdbcTemplate jdbc = new JdbcTemplate(pool);
				String insert = "INSERT INTO " + this.fires + " (job_id, fire_time, node) VALUES (?, ?, ?)";
				Scheduler scheduler = Scheduler.builder()
					.name(node)
					.jobStore(JdbcJobStore.builder(pool)
						.database(database())
						.tablePrefix(this.schema.tablePrefix())
						.owner(node)
						.build())
					.handler("fire", (context) -> {
						jdbc.update(insert, context.jobId(), Micros.of(context.scheduledFireTime()), node);
						return JobResult.success();
					})
					.maxWait(Duration.ofMillis(200))
					.build();
				nodes.add(scheduler);
				scheduler.start();
			}
			JdbcTemplate check = new JdbcTemplate(this.setup);
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> check.queryForObject(
					"SELECT COUNT(*) FROM " + this.fires + " WHERE job_id LIKE 'once-%'", Long.class) >= ONE_OFF_JOBS);
			Duration took = Duration.between(loaded, Instant.now());
			for (int i = 0; i < RECURRING_JOBS; i++) {
				nodes.get(0).pauseJob("every-" + i);
			}
			System.out.printf("%s: %d one-off jobs added in %d ms, ran on %d nodes in %d ms%n", database(), ONE_OFF_JOBS,
					Duration.between(start, loaded).toMillis(), NODES, took.toMillis());
		}
		finally {
			for (Scheduler scheduler : nodes) {
				scheduler.shutdown(Duration.ofSeconds(10));
			}
			pools.forEach(HikariDataSource::close);
		}
		JdbcTemplate check = new JdbcTemplate(this.setup);
		assertThat(check.queryForList("SELECT job_id, fire_time FROM " + this.fires
				+ " GROUP BY job_id, fire_time HAVING COUNT(*) > 1")).as("fires run more than once").isEmpty();
		assertThat(check.queryForObject("SELECT COUNT(DISTINCT job_id) FROM " + this.fires + " WHERE job_id LIKE 'once-%'",
				Long.class)).isEqualTo(ONE_OFF_JOBS);
		for (int i = 0; i < RECURRING_JOBS; i++) {
			List<Long> times = check.queryForList("SELECT fire_time FROM " + this.fires + " WHERE job_id = ? ORDER BY fire_time",
					Long.class, "every-" + i);
			assertThat(times).as("fires of every-" + i).isNotEmpty();
			assertThat(times.get(0)).isEqualTo(Micros.of(start));
			for (int k = 1; k < times.size(); k++) {
				assertThat(times.get(k) - times.get(k - 1)).as("gap after fire " + k + " of every-" + i)
					.isEqualTo(INTERVAL.toNanos() / 1000);
			}
		}
		List<Map<String, Object>> perNode = check.queryForList("SELECT node, COUNT(*) AS fires FROM " + this.fires
				+ " GROUP BY node");
		System.out.println(database() + ": fires per node " + perNode);
		assertThat(perNode).hasSize(NODES).allSatisfy((row) -> assertThat(((Number) row.get("fires")).longValue())
			.as("fires on " + row.get("node")).isGreaterThan(ONE_OFF_JOBS / 10));
		assertThat(check.queryForList("SELECT job_id, owner, retry_at, attempt, claimed_at FROM " + this.schema.runsTable()))
			.as("runs left in the store").isEmpty();
		assertThat(check.queryForObject("SELECT COUNT(*) FROM " + this.schema.jobsTable() + " WHERE id LIKE 'once-%'",
				Long.class)).isZero();
	}

	private void addJobs(Instant start) {
		JdbcJobStore loader = JdbcJobStore.builder(this.setup)
			.database(database())
			.tablePrefix(this.schema.tablePrefix())
			.build();
		TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(this.setup));
		for (int batch = 0; batch < ONE_OFF_JOBS; batch += 1000) {
			int first = batch;
			transaction.executeWithoutResult((status) -> {
				for (int i = first; i < first + 1000; i++) {
					loader.add(job(String.format("once-%05d", i), DateTrigger.at(start), start));
				}
			});
		}
		for (int i = 0; i < RECURRING_JOBS; i++) {
			// neither coalesced nor blocked: runs may overlap when a node is busy, each fire must run once
			loader.add(job("every-" + i, IntervalTrigger.every(INTERVAL).withStartDate(start), start).withCoalesce(false)
				.withMaxInstances(1_000));
		}
	}

	private static Job job(String id, dev.takt.scheduler.trigger.Trigger trigger, Instant next) {
		// run however late, so that every fire runs even when the cluster is behind
		return new Job(id, id, "fire", null, List.of(), Map.of(), trigger, "default", true, 1, null, RetryPolicy.none(),
				null, next);
	}

}
