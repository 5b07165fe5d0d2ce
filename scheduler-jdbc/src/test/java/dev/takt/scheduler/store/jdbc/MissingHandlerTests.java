package dev.takt.scheduler.store.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import dev.takt.scheduler.Job;
import dev.takt.scheduler.JobHandler;
import dev.takt.scheduler.JobResult;
import dev.takt.scheduler.JobSpec;
import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.SimpleHandlerRegistry;
import dev.takt.scheduler.retry.RetryPolicy;
import dev.takt.scheduler.trigger.DateTrigger;
import dev.takt.scheduler.trigger.IntervalTrigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stored job whose handler this node no longer has (a handler removed in a new version, or a
 * rolling deployment where an older node meets a newer job): it is reported and left in the store
 * untouched, the loop goes on with the other jobs, and a node that has the handler runs it;
 * whether the scheduler's planner skips the job or the store, given the handlers, filters it out.
 */
class MissingHandlerTests {

	private HikariDataSource dataSource;

	private JdbcSchema schema;

	private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

	@BeforeEach
	void createTables() {
		this.dataSource = TestDatabases.dataSource(JdbcDatabase.H2, "missing-handler", 8);
		this.schema = JdbcSchema.of(JdbcDatabase.H2, "missing_");
		this.schema.drop(this.dataSource);
		this.schema.create(this.dataSource);
	}

	@AfterEach
	void dropTables() {
		this.schema.drop(this.dataSource);
		this.dataSource.close();
	}

	private JobHandler counting() {
		return (context) -> {
			this.runs.computeIfAbsent(context.jobId(), (id) -> new AtomicInteger()).incrementAndGet();
			return JobResult.success();
		};
	}

	private JdbcJobStore store(SimpleHandlerRegistry handlers, boolean storeFilters) {
		JdbcJobStore.Builder builder = JdbcJobStore.builder(this.dataSource)
			.database(JdbcDatabase.H2)
			.tablePrefix(this.schema.tablePrefix());
		return storeFilters ? builder.handlers(handlers).build() : builder.build();
	}

	private static Job job(String id, String handler, dev.takt.scheduler.trigger.Trigger trigger, Instant next) {
		return new Job(id, id, handler, null, List.of("arg"), Map.of(), trigger, "default", true, 1, null,
				RetryPolicy.none(), null, next);
	}

	@ParameterizedTest(name = "handlers given to the store: {0}")
	@ValueSource(booleans = { false, true })
	void aJobWhoseHandlerIsGoneIsReportedAndLeftForANodeThatHasIt(boolean storeFilters) {
		Instant now = Instant.now();
		JdbcJobStore setup = store(new SimpleHandlerRegistry(), false);
		setup.add(job("report-once", "report", DateTrigger.at(now), now));
		setup.add(job("report-often", "report", IntervalTrigger.every(Duration.ofMillis(200)).withStartDate(now), now));
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		String rowsSql = "SELECT * FROM " + this.schema.jobsTable() + " WHERE handler = 'report' ORDER BY id";
		List<Map<String, Object>> stored = jdbc.queryForList(rowsSql);

		SimpleHandlerRegistry oldHandlers = new SimpleHandlerRegistry().register("ping", counting());
		JdbcJobStore oldStore = store(oldHandlers, storeFilters);
		Scheduler oldNode = Scheduler.builder().name("old").jobStore(oldStore).handlers(oldHandlers)
			.maxWait(Duration.ofMillis(100)).build();
		oldNode.start();
		try {
			oldNode.addJob(JobSpec.builder("ping").id("ping").trigger(IntervalTrigger.every(Duration.ofMillis(100))).build(),
					false);
			await().atMost(Duration.ofSeconds(10)).until(() -> this.runs.containsKey("ping") && this.runs.get("ping").get() >= 5);
			assertThat(this.runs).containsOnlyKeys("ping");
			assertThat(jdbc.queryForList(rowsSql)).as("left untouched").isEqualTo(stored);
			assertThat(oldStore.skippedJobs()).containsOnlyKeys("report-once", "report-often");
			if (storeFilters) {
				assertThat(oldStore.skippedJobs()).allSatisfy((id, reason) -> assertThat(reason).contains("'report'"));
			}
			else {
				assertThat(oldNode.status().missingHandlers()).containsOnlyKeys("report-once", "report-often")
					.containsValue("report");
			}

			SimpleHandlerRegistry newHandlers = new SimpleHandlerRegistry().register("report", counting())
				.register("ping", counting());
			Scheduler newNode = Scheduler.builder().name("new").jobStore(store(newHandlers, storeFilters))
				.handlers(newHandlers)
				.maxWait(Duration.ofMillis(100)).build();
			newNode.start();
			try {
				await().atMost(Duration.ofSeconds(10)).until(() -> this.runs.containsKey("report-once")
						&& this.runs.containsKey("report-often") && this.runs.get("report-often").get() >= 2);
				assertThat(this.runs.get("report-once").get()).isEqualTo(1);
				assertThat(oldNode.getJob("report-once")).isEmpty();
			}
			finally {
				newNode.shutdown(Duration.ofSeconds(5));
			}
		}
		finally {
			oldNode.shutdown(Duration.ofSeconds(5));
		}
	}

}
