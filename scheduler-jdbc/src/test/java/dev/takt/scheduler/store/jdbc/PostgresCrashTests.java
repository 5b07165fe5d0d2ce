package dev.takt.scheduler.store.jdbc;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import dev.takt.scheduler.Job;
import dev.takt.scheduler.JobDefaults;
import dev.takt.scheduler.retry.RetryPolicy;
import dev.takt.scheduler.trigger.DateTrigger;
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
 * Two scheduler nodes in two JVMs on PostgreSQL; one is killed ({@code kill -9}) while it runs a
 * one-off job. The other takes the run over once its lease expires and finishes it, and runs the
 * dead node's share of the other jobs: nothing is lost, and nothing runs twice except runs the
 * dead node had started.
 */
@RequiresDatabase(JdbcDatabase.POSTGRESQL)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresCrashTests {

	private static final String PREFIX = "crash_";

	private static final long LEASE_MILLIS = 1500;

	private static final int QUICK_JOBS = 400;

	private HikariDataSource dataSource;

	private JdbcSchema schema;

	private JdbcTemplate jdbc;

	private final List<Process> processes = new ArrayList<>();

	@BeforeAll
	void createTables() {
		this.dataSource = TestDatabases.dataSource(JdbcDatabase.POSTGRESQL, "crash", 4);
		this.schema = JdbcSchema.of(JdbcDatabase.POSTGRESQL, PREFIX);
		this.schema.drop(this.dataSource);
		this.schema.create(this.dataSource);
		this.jdbc = new JdbcTemplate(this.dataSource);
		this.jdbc.execute("DROP TABLE IF EXISTS " + PREFIX + "executions");
		this.jdbc.execute("CREATE TABLE " + PREFIX + "executions (job_id VARCHAR(191) NOT NULL, node VARCHAR(20) NOT NULL,"
				+ " attempt INTEGER NOT NULL, event VARCHAR(20) NOT NULL, at BIGINT NOT NULL)");
	}

	@AfterAll
	void dropTables() {
		this.processes.forEach(Process::destroyForcibly);
		if (this.dataSource != null) {
			this.jdbc.execute("DROP TABLE IF EXISTS " + PREFIX + "executions");
			this.schema.drop(this.dataSource);
			this.dataSource.close();
		}
	}

	@Test
	void aNodeKilledMidRunHasItsRunFinishedByTheOtherAndNothingElseRunsTwice() throws Exception {
		JdbcJobStore store = JdbcJobStore.builder(this.dataSource).database(JdbcDatabase.POSTGRESQL).tablePrefix(PREFIX).build();
		Process doomed = startNode("doomed");
		store.add(job("slow", "slow", Instant.now()));
		await().atMost(Duration.ofSeconds(20)).until(() -> events("slow", "started").size() == 1);
		Process survivor = startNode("survivor");

		Instant first = Instant.now();
		new TransactionTemplate(new DataSourceTransactionManager(this.dataSource)).executeWithoutResult((status) -> {
			for (int i = 0; i < QUICK_JOBS; i++) {
				store.add(job(String.format("quick-%03d", i), "quick", first.plusMillis(i * 5L)));
			}
		});
		await().pollDelay(Duration.ofMillis(700)).until(() -> true);
		Instant killedAt = Instant.now();
		doomed.destroyForcibly().waitFor();
		assertThat(doomed.exitValue()).as("killed by SIGKILL").isEqualTo(137);

		await().atMost(Duration.ofSeconds(30)).until(() -> events("slow", "finished").size() == 1
				&& this.jdbc.queryForObject("SELECT COUNT(DISTINCT job_id) FROM " + PREFIX + "executions WHERE event = 'ran'",
						Long.class) == QUICK_JOBS);

		List<Map<String, Object>> slowStarts = events("slow", "started");
		assertThat(slowStarts).extracting((row) -> row.get("node") + "#" + row.get("attempt"))
			.containsExactly("doomed#1", "survivor#1");
		assertThat(events("slow", "finished")).extracting((row) -> row.get("node")).containsExactly("survivor");
		long recoveredAfter = ((Number) slowStarts.get(1).get("at")).longValue() - Micros.of(killedAt);
		assertThat(recoveredAfter).as("µs from the kill to the take-over").isLessThan(10_000_000L);

		List<Map<String, Object>> twice = this.jdbc.queryForList("SELECT job_id FROM " + PREFIX + "executions"
				+ " WHERE event = 'ran' GROUP BY job_id HAVING COUNT(*) > 1");
		for (Map<String, Object> row : twice) {
			// a quick run the doomed node had started: its second execution is the take-over
			assertThat(events((String) row.get("job_id"), "ran")).extracting((e) -> e.get("node"))
				.containsExactly("doomed", "survivor");
		}
		long ranOnDoomed = this.jdbc.queryForObject("SELECT COUNT(*) FROM " + PREFIX + "executions WHERE node = 'doomed'"
				+ " AND event = 'ran'", Long.class);
		System.out.printf("crash: took over the slow run %d ms after the kill; %d quick jobs ran on the killed node"
				+ " before it died, %d ran twice%n", recoveredAfter / 1000, ranOnDoomed, twice.size());
		assertThat(twice.size()).isLessThanOrEqualTo(10);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc.queryForObject("SELECT COUNT(*) FROM " + this.schema.runsTable(), Long.class) == 0);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM " + this.schema.jobsTable(), Long.class)).isZero();
		survivor.destroy();
		survivor.waitFor();
	}

	private List<Map<String, Object>> events(String jobId, String event) {
		return this.jdbc.queryForList("SELECT node, attempt, at FROM " + PREFIX + "executions WHERE job_id = ? AND event = ?"
				+ " ORDER BY at", jobId, event);
	}

	private Process startNode(String name) throws IOException, InterruptedException {
		File log = new File("target/crash-" + name + ".log");
		String java = ProcessHandle.current().info().command().orElse("java");
		ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
				"-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
				CrashTestNode.class.getName(), TestDatabases.POSTGRESQL_URL, PREFIX, name, Long.toString(LEASE_MILLIS))
			.redirectErrorStream(true)
			.redirectOutput(log);
		Process process = builder.start();
		this.processes.add(process);
		await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive()
				|| Files.readString(log.toPath(), StandardCharsets.UTF_8).contains("READY " + name));
		assertThat(process.isAlive()).as("node " + name + " started; see " + log).isTrue();
		return process;
	}

	private static Job job(String id, String handler, Instant at) {
		// the default grace time: a run taken over seconds after its fire time still runs, as it was claimed in time
		return new Job(id, id, handler, null, List.of(), Map.of(), DateTrigger.at(at), "default", true, 1,
				JobDefaults.DEFAULT_MISFIRE_GRACE_TIME, RetryPolicy.none(), null, at);
	}

}
