package dev.takt.scheduler.store.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
import static org.awaitility.Awaitility.await;

/**
 * What the JDBC store adds to the contract, on one database (a subclass per database): several
 * nodes sharing the tables (leases, heartbeats, recovery, release, max instances, one claim per
 * fire under contention), retries kept across a restart, unreadable rows, the caller's
 * transaction and the run history.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcClusterTests {

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
		this.dataSource = TestDatabases.dataSource(database(), "cluster-" + database().id(), 8);
		this.schema = JdbcSchema.of(database(), "cluster_" + database().id() + "_");
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

	/** Runs the job's next run time unless it has its maximum of runs, and moves it by a day. */
	private static final FirePlanner DAILY = (job, running, now) -> (running >= job.maxInstances())
			? new FirePlan(List.of(), List.of(), List.of(job.nextRunTime()), job.nextRunTime().plus(Duration.ofDays(1)), false)
			: new FirePlan(List.of(job.nextRunTime()), List.of(), List.of(), job.nextRunTime().plus(Duration.ofDays(1)),
					false);

	private Run claimOne(JdbcJobStore store, String jobId) {
		store.add(job(jobId, past(0)));
		List<Claim> claims = store.acquireDue(Instant.now(), 10, ONCE);
		assertThat(claims).singleElement().satisfies((claim) -> assertThat(claim.run()).isNotNull());
		return claims.get(0).run();
	}

	// --- leases ---

	@Test
	void anotherNodeTakesOverARunWhoseLeaseExpired() {
		JdbcJobStore dying = node("dying");
		JdbcJobStore survivor = node("survivor");
		Run run = claimOne(dying, "once");
		assertThat(survivor.recoverExpired(Instant.now(), 10)).isEmpty();
		List<Run> recovered = await().atMost(Duration.ofSeconds(5))
			.until(() -> survivor.recoverExpired(Instant.now(), 10), (runs) -> !runs.isEmpty());
		assertThat(recovered).singleElement().satisfies((taken) -> {
			assertThat(taken.id()).isEqualTo(run.id());
			assertThat(taken.job().id()).isEqualTo("once");
			assertThat(taken.runTimes()).isEqualTo(run.runTimes());
			assertThat(taken.attempt()).as("the interrupted attempt counts").isEqualTo(2);
		});
		assertThat(owners()).containsExactly("survivor");
		assertThat(dying.heartbeat(List.of(run))).containsExactly(run.id());
		dying.complete(run);
		assertThat(survivor.counts().runs()).as("a late completion by the old owner changes nothing").isEqualTo(1);
		survivor.complete(recovered.get(0));
		assertThat(survivor.counts().runs()).isZero();
	}

	@Test
	void heartbeatsKeepTheLease() {
		JdbcJobStore busy = node("busy");
		JdbcJobStore other = node("other");
		Run run = claimOne(busy, "long");
		Instant end = Instant.now().plus(LEASE.multipliedBy(3));
		while (Instant.now().isBefore(end)) {
			assertThat(busy.heartbeat(List.of(run))).isEmpty();
			assertThat(other.recoverExpired(Instant.now(), 10)).isEmpty();
			await().pollDelay(LEASE.dividedBy(4)).until(() -> true);
		}
		assertThat(owners()).containsExactly("busy");
	}

	@Test
	void aNodeDoesNotRecoverItsOwnRuns() {
		JdbcJobStore node = node("self");
		claimOne(node, "mine");
		await().pollDelay(LEASE.plusMillis(200)).until(() -> true);
		assertThat(node.recoverExpired(Instant.now(), 10)).isEmpty();
		assertThat(node("other").recoverExpired(Instant.now(), 10)).hasSize(1);
	}

	@Test
	void releasedRunsAreDueAtOnceForAnyNodeWithTheirAttempt() {
		JdbcJobStore leaving = node("leaving");
		JdbcJobStore staying = node("staying");
		Run run = claimOne(leaving, "handed-over");
		leaving.release(List.of(run));
		assertThat(leaving.counts().pendingRetries()).isEqualTo(1);
		List<Claim> claims = staying.acquireDue(Instant.now(), 10, ONCE);
		assertThat(claims).singleElement().satisfies((claim) -> {
			assertThat(claim.run().id()).isEqualTo(run.id());
			assertThat(claim.run().attempt()).isEqualTo(1);
			assertThat(claim.job().id()).isEqualTo("handed-over");
		});
		assertThat(owners()).containsExactly("staying");
	}

	// --- max instances and contention ---

	@Test
	void maxInstancesHoldsAcrossNodes() {
		JdbcJobStore first = node("first");
		JdbcJobStore second = node("second");
		first.add(job("single", past(0)).withTrigger(DateTrigger.at(past(0))));
		List<Claim> claimed = first.acquireDue(Instant.now(), 10, DAILY);
		assertThat(claimed.get(0).run()).isNotNull();
		first.update("single", (job) -> job.withNextRunTime(past(1)));
		List<Claim> blocked = second.acquireDue(Instant.now(), 10, DAILY);
		assertThat(blocked).singleElement().satisfies((claim) -> {
			assertThat(claim.run()).isNull();
			assertThat(claim.blockedRunTimes()).containsExactly(past(1));
		});
		first.complete(claimed.get(0).run());
		second.update("single", (job) -> job.withNextRunTime(past(2)));
		assertThat(second.acquireDue(Instant.now(), 10, DAILY).get(0).run()).isNotNull();
	}

	@Test
	void concurrentNodesClaimEachFireOnce() throws Exception {
		int jobs = 300;
		JdbcJobStore loader = node("loader");
		new TransactionTemplate(new DataSourceTransactionManager(this.dataSource)).executeWithoutResult((status) -> {
			for (int i = 0; i < jobs; i++) {
				loader.add(job(String.format("job-%04d", i), past(i % 60)));
			}
		});
		int nodes = 3;
		ExecutorService threads = Executors.newFixedThreadPool(nodes);
		try {
			List<Future<List<String>>> results = new ArrayList<>();
			for (int n = 0; n < nodes; n++) {
				JdbcJobStore store = node("node-" + n);
				results.add(threads.submit(() -> {
					List<String> claimed = new ArrayList<>();
					List<Claim> batch;
					while (!(batch = store.acquireDue(Instant.now(), 16, ONCE)).isEmpty()) {
						for (Claim claim : batch) {
							claimed.add(claim.job().id());
							store.complete(claim.run());
						}
					}
					return claimed;
				}));
			}
			List<String> all = new ArrayList<>();
			for (Future<List<String>> result : results) {
				all.addAll(result.get());
			}
			assertThat(all).hasSize(jobs).doesNotHaveDuplicates();
			assertThat(loader.counts().jobs()).isZero();
			assertThat(loader.counts().runs()).isZero();
		}
		finally {
			threads.shutdownNow();
		}
	}

	// --- retries across a restart ---

	@Test
	void aWaitingRetrySurvivesARestart() {
		JdbcJobStore before = node("before-restart");
		Run run = claimOne(before, "flaky");
		before.retryLater(run.retry(0, 1), Instant.now().plusMillis(300));
		JdbcJobStore after = node("after-restart");
		assertThat(after.counts().pendingRetries()).isEqualTo(1);
		assertThat(after.nextRunTime()).hasValueSatisfying((next) -> assertThat(next).isAfter(this.now));
		List<Claim> claims = await().atMost(Duration.ofSeconds(5))
			.until(() -> after.acquireDue(Instant.now(), 10, ONCE), (found) -> !found.isEmpty());
		assertThat(claims).singleElement().satisfies((claim) -> {
			assertThat(claim.run().id()).isEqualTo(run.id());
			assertThat(claim.run().attempt()).isEqualTo(2);
			assertThat(claim.job()).isEqualTo(run.job());
		});
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

	private List<String> owners() {
		List<String> owners = this.jdbc.queryForList("SELECT owner FROM " + this.schema.runsTable(), String.class);
		Set<String> distinct = new HashSet<>(owners);
		List<String> sorted = new ArrayList<>(distinct);
		Collections.sort(sorted);
		return sorted;
	}

}
