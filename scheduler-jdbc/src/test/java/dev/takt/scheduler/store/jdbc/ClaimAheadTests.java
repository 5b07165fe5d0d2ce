package dev.takt.scheduler.store.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import dev.takt.scheduler.Job;
import dev.takt.scheduler.JobResult;
import dev.takt.scheduler.JobSpec;
import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.SchedulerState;
import dev.takt.scheduler.retry.RetryPolicy;
import dev.takt.scheduler.store.JobStore;
import dev.takt.scheduler.trigger.DateTrigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A scheduler on the SQL store claims jobs ahead of their time and holds their runs: a run is
 * claimed (its one-off job gone from the jobs table, its run row written) before its run time,
 * starts at its run time and not before, and a run still held when the scheduler pauses or shuts
 * down goes back to the store, to run once, later, rather than be lost or run twice.
 */
class ClaimAheadTests {

	private HikariDataSource dataSource;

	private JdbcSchema schema;

	private JdbcTemplate jdbc;

	private final Queue<Instant[]> started = new ConcurrentLinkedQueue<>();

	private final Queue<Scheduler> schedulers = new ConcurrentLinkedQueue<>();

	@BeforeEach
	void createTables() {
		this.dataSource = TestDatabases.dataSource(JdbcDatabase.H2, "claim-ahead", 8);
		this.schema = JdbcSchema.of(JdbcDatabase.H2, "ahead_");
		this.schema.drop(this.dataSource);
		this.schema.create(this.dataSource);
		this.jdbc = new JdbcTemplate(this.dataSource);
	}

	@AfterEach
	void dropTables() {
		for (Scheduler scheduler : this.schedulers) {
			if (scheduler.state() == SchedulerState.RUNNING
					|| scheduler.state() == SchedulerState.PAUSED) {
				scheduler.shutdown(Duration.ofSeconds(5));
			}
		}
		this.schema.drop(this.dataSource);
		this.dataSource.close();
	}

	private JdbcJobStore store(String owner) {
		return JdbcJobStore.builder(this.dataSource)
			.database(JdbcDatabase.H2)
			.tablePrefix(this.schema.tablePrefix())
			.owner(owner)
			.build();
	}

	private Scheduler scheduler(String owner, Duration claimAhead) {
		return scheduler(store(owner), claimAhead, Duration.ofMillis(50));
	}

	/** A scheduler whose handler {@code record} records each run's start and scheduled time. */
	private Scheduler scheduler(JobStore store, Duration claimAhead, Duration maxWait) {
		Scheduler scheduler = Scheduler.builder()
			.name("node")
			.jobStore(store)
			.claimAhead(claimAhead)
			.maxWait(maxWait)
			.handler("record", (context) -> {
				this.started.add(new Instant[] { Instant.now(), context.scheduledFireTime() });
				return JobResult.success();
			})
			.build();
		this.schedulers.add(scheduler);
		return scheduler;
	}

	private static Job oneOff(String id, Instant at) {
		return new Job(id, id, "record", null, List.of(), Map.of(), DateTrigger.at(at), "default", true, 1, null,
				RetryPolicy.none(), null, at);
	}

	private long jobRows() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM " + this.schema.jobsTable(), Long.class);
	}

	private List<Map<String, Object>> runRows() {
		return this.jdbc.queryForList("SELECT owner, retry_at FROM " + this.schema.runsTable());
	}

	/**
	 * Adds a one-off job due {@code millis} from now, starts the scheduler and waits until it has
	 * claimed the job (the job's row gone for a run row); returns the job's run time.
	 */
	private Instant startAndClaim(Scheduler scheduler, String jobId, long millis) {
		Instant at = Instant.now().plusMillis(millis).truncatedTo(ChronoUnit.MICROS);
		store("setup").add(oneOff(jobId, at));
		scheduler.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> jobRows() == 0);
		return at;
	}

	@Test
	void aRunClaimedAheadStartsAtItsRunTimeAndNotBefore() {
		Instant at = startAndClaim(scheduler("node-a", Duration.ofSeconds(5)), "soon", 1500);

		// claimed: the one-off job left the jobs table for a run row held by this node, early
		assertThat(Instant.now()).isBefore(at);
		assertThat(runRows()).singleElement().satisfies((row) -> assertThat(row.get("owner")).isEqualTo("node-a"));
		assertThat(this.started).isEmpty();

		await().atMost(Duration.ofSeconds(10)).until(() -> this.started.size() == 1);
		Instant[] run = this.started.peek();
		assertThat(run[1]).isEqualTo(at);
		assertThat(run[0]).isAfterOrEqualTo(at);
		await().atMost(Duration.ofSeconds(5)).until(() -> runRows().isEmpty());
	}

	@Test
	void aRunHeldWhenTheSchedulerShutsDownStartsIfItsTimeComesWithinTheWait() {
		Scheduler scheduler = scheduler("node-a", Duration.ofSeconds(30));
		Instant at = startAndClaim(scheduler, "soon", 1500);

		scheduler.shutdown(Duration.ofSeconds(10));
		assertThat(this.started).hasSize(1);
		assertThat(this.started.peek()[0]).isAfterOrEqualTo(at);
		assertThat(runRows()).isEmpty();
	}

	@Test
	void aRunHeldPastTheShutdownWaitGoesBackToTheStoreAndRunsOnceOnAnotherNodeAtItsTime() {
		Scheduler first = scheduler("node-a", Duration.ofSeconds(30));
		Instant at = startAndClaim(first, "later", 2500);

		first.shutdown(Duration.ofMillis(100));
		assertThat(this.started).isEmpty();
		// released: held by no node, due again
		assertThat(runRows()).singleElement().satisfies((row) -> {
			assertThat(row.get("owner")).isNull();
			assertThat(row.get("retry_at")).isNotNull();
		});

		scheduler("node-b", Duration.ofSeconds(30)).start();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.started.size() == 1);
		assertThat(this.started.peek()[1]).isEqualTo(at);
		assertThat(this.started.peek()[0]).isAfterOrEqualTo(at);
		await().atMost(Duration.ofSeconds(5)).until(() -> runRows().isEmpty());
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> this.started.size() == 1);
	}

	@Test
	void aRunHeldWhenTheSchedulerPausesRunsOnceAfterItResumes() {
		Scheduler scheduler = scheduler("node-a", Duration.ofSeconds(5));
		Instant at = startAndClaim(scheduler, "paused", 1500);
		scheduler.pause();

		// its time comes while paused: given back to the store instead of started
		await().atMost(Duration.ofSeconds(10))
			.until(() -> runRows().size() == 1 && runRows().get(0).get("owner") == null);
		assertThat(Instant.now()).isAfterOrEqualTo(at);
		assertThat(this.started).isEmpty();

		scheduler.resume();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.started.size() == 1);
		assertThat(this.started.peek()[1]).isEqualTo(at);
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> this.started.size() == 1);
	}

	@Test
	void jobsComingDueOneAfterAnotherAreClaimedManyAtATimeAndAllRunOnce() {
		JdbcJobStore jdbcStore = store("node-a");
		AtomicInteger claims = new AtomicInteger();
		JobStore counting = counting(jdbcStore, claims);
		Scheduler scheduler = scheduler(counting, Duration.ofMillis(400), Duration.ofSeconds(1));
		// 80 one-off jobs, one every 25 ms over two seconds
		Instant first = Instant.now().plusMillis(500).truncatedTo(ChronoUnit.MICROS);
		JdbcJobStore setup = store("setup");
		for (int i = 0; i < 80; i++) {
			setup.add(oneOff("job-" + i, first.plusMillis(25L * i)));
		}
		scheduler.start();
		await().atMost(Duration.ofSeconds(15)).until(() -> this.started.size() == 80);

		assertThat(this.started).allSatisfy((run) -> assertThat(run[0]).isAfterOrEqualTo(run[1]));
		assertThat(this.started.stream().map((run) -> run[1]).distinct()).hasSize(80);
		// a claim a job would be 80 claims; one every quarter of the window is about 25
		assertThat(claims.get()).isLessThan(40);
	}

	@Test
	void aJobAddedThroughTheSchedulerWithinTheWindowIsClaimedAtOnce() {
		Scheduler scheduler = scheduler(store("node-a"), Duration.ofSeconds(4), Duration.ofSeconds(30));
		Instant later = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.MICROS);
		store("setup").add(oneOff("later", later));
		scheduler.start();
		// the loop sleeps until four seconds before "later"
		await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> jobRows() == 1);

		Instant soon = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.MICROS);
		scheduler.addJob(JobSpec.builder("record").id("soon").trigger(DateTrigger.at(soon)).build());
		// inside the window at once, though due after the time the loop sleeps until
		await().atMost(Duration.ofSeconds(2)).until(() -> this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM " + this.schema.jobsTable() + " WHERE id = 'soon'", Long.class) == 0);
		assertThat(Instant.now()).isBefore(later.minusSeconds(4));
		scheduler.shutdown(Duration.ZERO);
	}

	@Test
	void withoutClaimAheadAJobIsClaimedOnlyOnceDue() {
		Scheduler scheduler = scheduler("node-a", Duration.ZERO);
		Instant at = Instant.now().plusMillis(1200).truncatedTo(ChronoUnit.MICROS);
		store("setup").add(oneOff("due", at));
		scheduler.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> jobRows() == 0);
		assertThat(Instant.now()).isAfterOrEqualTo(at);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.started.size() == 1);
	}

	/** Returns the store as a {@link JobStore} that counts the loop's claims. */
	private static JobStore counting(JdbcJobStore store, AtomicInteger claims) {
		return (JobStore) Proxy.newProxyInstance(JobStore.class.getClassLoader(), new Class<?>[] { JobStore.class },
				(proxy, method, args) -> {
					if (method.getName().equals("acquireDue")) {
						claims.incrementAndGet();
					}
					try {
						return method.invoke(store, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

}
