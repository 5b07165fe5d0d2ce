package dev.takt.scheduler.store.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.zaxxer.hikari.HikariDataSource;
import dev.takt.scheduler.Job;
import dev.takt.scheduler.JobPersistenceException;
import dev.takt.scheduler.JobResult;
import dev.takt.scheduler.history.RunRecord;
import dev.takt.scheduler.retry.RetryPolicy;
import dev.takt.scheduler.store.Claim;
import dev.takt.scheduler.store.FirePlan;
import dev.takt.scheduler.store.FirePlanner;
import dev.takt.scheduler.store.Run;
import dev.takt.scheduler.trigger.DateTrigger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * What the JDBC store adds to the clustered contract, on one database (a subclass per database):
 * a node leaves its own expired runs alone, unreadable rows are reported and left untouched, the
 * caller's transaction, and the run history.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcJobStoreTests {

	private static final Duration LEASE = Duration.ofMillis(600);

	private HikariDataSource dataSource;

	private JdbcSchema schema;

	private JdbcTemplate jdbc;

	private Instant now;

	/**
	 * Returns the database under test.
	 * @return the database
	 */
	protected abstract JdbcDatabase database();

	@BeforeAll
	void createTables() {
		this.dataSource = TestDatabases.dataSource(database(), "store-" + database().id(), 8);
		this.schema = JdbcSchema.of(database(), "store_" + database().id() + "_");
		this.schema.drop(this.dataSource);
		this.schema.create(this.dataSource);
		this.jdbc = new JdbcTemplate(this.dataSource);
	}

	@AfterAll
	void dropTables() {
		if (this.dataSource != null) {
			this.schema.drop(this.dataSource);
			this.dataSource.close();
		}
	}

	@BeforeEach
	void clearTables() {
		TestTables.clear(this.dataSource, this.schema);
		this.now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
	}

	private JdbcJobStore node(String owner) {
		return JdbcJobStore.builder(this.dataSource)
			.database(database())
			.tablePrefix(this.schema.tablePrefix())
			.owner(owner)
			.leaseTime(LEASE)
			.build();
	}

	private Job job(String id, Instant nextRunTime) {
		return new Job(id, "Job " + id, "handler", null, List.of(), Map.of(), DateTrigger.at(nextRunTime), "default",
				true, 1, null, RetryPolicy.none(), null, nextRunTime);
	}

	private Instant past(int seconds) {
		return this.now.minus(Duration.ofHours(1)).plusSeconds(seconds);
	}

	/** Runs the job's next run time once and removes the job, as for a one-off job. */
	private static final FirePlanner ONCE = (job, running, now) -> new FirePlan(List.of(job.nextRunTime()), List.of(),
			List.of(), null, true);

	private Run claimOne(JdbcJobStore store, String jobId) {
		store.add(job(jobId, past(0)));
		List<Claim> claims = store.acquireDue(Instant.now(), 10, ONCE);
		assertThat(claims).singleElement().satisfies((claim) -> assertThat(claim.run()).isNotNull());
		return claims.get(0).run();
	}

	// --- leases ---

	@Test
	void aNodeDoesNotRecoverItsOwnRuns() {
		JdbcJobStore node = node("self");
		claimOne(node, "mine");
		await().pollDelay(LEASE.plusMillis(200)).until(() -> true);
		assertThat(node.recoverExpired(Instant.now(), 10)).isEmpty();
		assertThat(node("other").recoverExpired(Instant.now(), 10)).hasSize(1);
	}

	// --- claims ahead ---

	@Test
	void aClaimAheadTakesTheJobsDueWithinTheWindowEachPlannedAtItsOwnTime() {
		JdbcJobStore store = node("ahead");
		Instant soon = this.now.plusSeconds(3);
		store.add(job("due", past(0)));
		store.add(job("soon", soon));
		store.add(job("later", this.now.plusSeconds(120)));
		Map<String, Instant> planTimes = new ConcurrentHashMap<>();
		FirePlanner recording = (job, running, planTime) -> {
			planTimes.put(job.id(), planTime);
			return ONCE.plan(job, running, planTime);
		};

		assertThat(store.claimsAhead()).isTrue();
		List<Claim> claims = store.acquireDue(Instant.now(), Duration.ofSeconds(30), 10, recording);

		assertThat(claims).extracting((claim) -> claim.job().id()).containsExactly("due", "soon");
		assertThat(claims.get(1).run().runTimes()).containsExactly(soon);
		assertThat(planTimes.get("soon")).isEqualTo(soon);
		// a due job is planned at the store's now, as by a claim that does not look ahead
		assertThat(planTimes.get("due")).isCloseTo(Instant.now(), within(5, ChronoUnit.SECONDS));
		assertThat(store.get("later")).isPresent();
		assertThat(store.acquireDue(Instant.now(), Duration.ofSeconds(30), 10, recording)).isEmpty();
	}

	@Test
	void aJobWithItsMaxInstancesRunningIsNotClaimedAheadButAtItsTime() {
		JdbcJobStore store = node("busy");
		Instant soon = this.now.plusSeconds(3);
		store.add(job("busy", past(0)));
		// the first fire starts a run that is still going on; the next fire is soon
		FirePlanner thenSoon = (job, running, planTime) -> new FirePlan(List.of(job.nextRunTime()), List.of(), List.of(),
				soon, false);
		Run first = store.acquireDue(Instant.now(), 10, thenSoon).get(0).run();
		Map<String, Integer> offered = new ConcurrentHashMap<>();
		FirePlanner recording = (job, running, planTime) -> {
			offered.merge(job.id(), running, Integer::sum);
			return ONCE.plan(job, running, planTime);
		};

		assertThat(store.acquireDue(Instant.now(), Duration.ofSeconds(30), 10, recording)).isEmpty();
		assertThat(offered).isEmpty();
		assertThat(store.get("busy")).hasValueSatisfying((job) -> assertThat(job.nextRunTime()).isEqualTo(soon));

		store.complete(first);
		assertThat(store.acquireDue(Instant.now(), Duration.ofSeconds(30), 10, recording))
			.singleElement()
			.satisfies((claim) -> assertThat(claim.run().runTimes()).containsExactly(soon));
		assertThat(offered).containsEntry("busy", 0);
	}

	@Test
	void aClaimThatDoesNotLookAheadLeavesJobsThatAreNotDue() {
		JdbcJobStore store = node("due-only");
		store.add(job("soon", this.now.plusSeconds(30)));
		assertThat(store.acquireDue(Instant.now(), Duration.ZERO, 10, ONCE)).isEmpty();
		assertThat(store.acquireDue(Instant.now(), 10, ONCE)).isEmpty();
		assertThat(store.get("soon")).isPresent();
	}

	@Test
	void aNegativeWindowIsRefusedAndNamed() {
		JdbcJobStore store = node("negative");
		store.add(job("due", past(0)));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> store.acquireDue(Instant.now(), Duration.ofMillis(-5), 10, ONCE))
			.withMessageContaining("PT-0.005S");
		assertThat(store.get("due")).isPresent();
	}

	// --- bad rows ---

	@Test
	void anUnreadableJobIsReportedLeftUntouchedAndSkipped() {
		JdbcJobStore store = node("reader");
		store.add(job("broken", past(0)));
		store.add(job("fine", past(1)));
		this.jdbc.update("UPDATE " + this.schema.jobsTable() + " SET job_data = REPLACE(job_data, '\"date\"', '\"moon\"')"
				+ " WHERE id = 'broken'");
		Map<String, Object> before = this.jdbc.queryForMap("SELECT * FROM " + this.schema.jobsTable() + " WHERE id = 'broken'");
		List<Claim> claims = store.acquireDue(Instant.now(), 10, ONCE);
		assertThat(claims).extracting((claim) -> claim.job().id()).containsExactly("fine");
		assertThat(store.skippedJobs()).containsOnlyKeys("broken");
		assertThat(store.skippedJobs().get("broken")).contains("moon");
		assertThat(this.jdbc.queryForMap("SELECT * FROM " + this.schema.jobsTable() + " WHERE id = 'broken'"))
			.isEqualTo(before);
		assertThat(store.acquireDue(Instant.now(), 10, ONCE)).isEmpty();
		assertThat(store.nextRunTime()).as("not due again and again").isEmpty();
		assertThat(store.list()).isEmpty();
		assertThat(store.counts().jobs()).isEqualTo(1);
		assertThatExceptionOfType(JobPersistenceException.class).isThrownBy(() -> store.get("broken"))
			.withMessageContaining("broken");
		store.remove("broken");
		assertThat(store.skippedJobs()).isEmpty();
		assertThat(store.counts().jobs()).isZero();
	}

	// --- the caller's transaction ---

	@Test
	void aJobAddedInTheCallersTransactionCommitsOrRollsBackWithIt() {
		JdbcJobStore store = node("app");
		TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(this.dataSource));
		transaction.executeWithoutResult((status) -> {
			store.add(job("rolled-back", past(0)));
			assertThat(store.get("rolled-back")).isPresent();
			status.setRollbackOnly();
		});
		assertThat(store.get("rolled-back")).isEmpty();
		transaction.executeWithoutResult((status) -> store.add(job("committed", past(0))));
		assertThat(store.get("committed")).isPresent();
	}

	// --- run history ---

	@Test
	void runHistoryKeepsRecordsAcrossNodesAndDropsThemAfterTheRetention() {
		try (JdbcRunHistory history = JdbcRunHistory.builder(this.dataSource)
			.database(database())
			.tablePrefix(this.schema.tablePrefix())
			.retention(Duration.ofHours(1))
			.node("node-a")
			.build();
				JdbcRunHistory other = JdbcRunHistory.builder(this.dataSource)
					.database(database())
					.tablePrefix(this.schema.tablePrefix())
					.build()) {
			Instant start = this.now.minusSeconds(5);
			history.record(new RunRecord("a", "Job a", past(0),
					JobResult.success(Map.of("rows", 42)).withRun(1, start, Duration.ofMillis(1500))));
			history.record(new RunRecord("b", "Job b", past(1),
					JobResult.failure(new IllegalStateException("no disk")).withRun(3, start, Duration.ofMillis(20))));
			history.record(new RunRecord("a", "Job a", past(2), JobResult.success()));
			assertThat(history.recent(10)).hasSize(3);
			assertThat(other.recent(10)).extracting(RunRecord::jobId).containsExactly("a", "b", "a");
			List<RunRecord> runsOfA = other.runs("a", 10);
			assertThat(runsOfA).extracting(RunRecord::scheduledRunTime).containsExactly(past(2), past(0));
			RunRecord first = runsOfA.get(1);
			assertThat(first.jobName()).isEqualTo("Job a");
			assertThat(first.result().successful()).isTrue();
			assertThat(first.result().data()).isEqualTo(Map.of("rows", 42));
			assertThat(first.result().attempts()).isEqualTo(1);
			assertThat(first.result().start()).isEqualTo(start);
			assertThat(first.result().duration()).isEqualTo(Duration.ofMillis(1500));
			RunRecord failed = other.runs("b", 1).get(0);
			assertThat(failed.result().isFailure()).isTrue();
			assertThat(failed.result().message()).contains("no disk");
			assertThat(failed.result().attempts()).isEqualTo(3);
			assertThat(other.recent(2)).hasSize(2);
			this.jdbc.update("UPDATE " + this.schema.historyTable() + " SET recorded_at = recorded_at - ? WHERE job_id = 'b'",
					Duration.ofHours(2).toNanos() / 1000);
			assertThat(history.purge()).isEqualTo(1);
			assertThat(other.recent(10)).extracting(RunRecord::jobId).containsExactly("a", "a");
		}
	}

}
