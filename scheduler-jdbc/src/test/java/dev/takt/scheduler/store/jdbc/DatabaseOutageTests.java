package dev.takt.scheduler.store.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.takt.scheduler.JobPersistenceException;
import dev.takt.scheduler.JobResult;
import dev.takt.scheduler.JobSpec;
import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.SchedulerState;
import dev.takt.scheduler.SchedulerStatus;
import dev.takt.scheduler.trigger.DateTrigger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The database goes away while a scheduler runs on it (a proxy in front of the server drops every
 * connection and refuses new ones; the shared server itself keeps running): the loop keeps going,
 * reports the failure and tries again, and once the database is back every job that came due
 * meanwhile runs, once, and nothing stored is lost. A subclass per server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DatabaseOutageTests {

	private HikariDataSource direct;

	private JdbcSchema schema;

	/**
	 * Returns the database under test, a server.
	 * @return the database
	 */
	protected abstract JdbcDatabase database();

	/**
	 * Returns the port of the server.
	 * @return the port
	 */
	protected abstract int serverPort();

	@BeforeAll
	void createTables() {
		this.direct = TestDatabases.dataSource(database(), "outage-direct-" + database().id(), 2);
		this.schema = JdbcSchema.of(database(), "outage_" + database().id() + "_");
		this.schema.drop(this.direct);
		this.schema.create(this.direct);
	}

	@AfterAll
	void dropTables() {
		if (this.direct != null) {
			this.schema.drop(this.direct);
			this.direct.close();
		}
	}

	private HikariDataSource throughProxy(TcpProxy proxy) {
		String url = TestDatabases.url(database(), "outage").replace(":" + serverPort() + "/", ":" + proxy.port() + "/");
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		config.setPoolName("outage-proxied");
		config.setMaximumPoolSize(6);
		config.setConnectionTimeout(500);
		config.setValidationTimeout(250);
		config.setInitializationFailTimeout(-1);
		return new HikariDataSource(config);
	}

	@Test
	void theLoopKeepsGoingThroughAnOutageAndRunsEveryDueJobOnceAfterIt() throws Exception {
		Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
		CountDownLatch slowStarted = new CountDownLatch(1);
		CountDownLatch slowMayEnd = new CountDownLatch(1);
		try (TcpProxy proxy = TcpProxy.to(serverPort()); HikariDataSource proxied = throughProxy(proxy)) {
			JdbcJobStore store = JdbcJobStore.builder(proxied)
				.database(database())
				.tablePrefix(this.schema.tablePrefix())
				.leaseTime(Duration.ofSeconds(2))
				.build();
			Scheduler scheduler = Scheduler.builder()
				.name("outage")
				.jobStore(store)
				.storeRetryInterval(Duration.ofMillis(200))
				.maxWait(Duration.ofMillis(200))
				.handler("count", (context) -> {
					runs.computeIfAbsent(context.jobId(), (id) -> new AtomicInteger()).incrementAndGet();
					if (context.jobId().equals("slow")) {
						slowStarted.countDown();
						slowMayEnd.await(10, TimeUnit.SECONDS);
					}
					return JobResult.success();
				})
				.build();
			scheduler.start();
			try {
				for (int i = 0; i < 20; i++) {
					scheduler.addJob(oneOff("before-" + i, Instant.now()), false);
				}
				await().atMost(Duration.ofSeconds(10)).until(() -> count(runs, "before-") == 20);
				scheduler.addJob(oneOff("slow", Instant.now()), false);
				assertThat(slowStarted.await(10, TimeUnit.SECONDS)).isTrue();
				Instant dueDuringOutage = Instant.now().plusMillis(1500);
				for (int i = 0; i < 30; i++) {
					scheduler.addJob(oneOff("during-" + i, dueDuringOutage), false);
				}

				proxy.cut();
				slowMayEnd.countDown(); // its completion meets the outage
				assertThatExceptionOfType(JobPersistenceException.class)
					.isThrownBy(() -> scheduler.addJob(oneOff("refused", Instant.now()), false));
				await().atMost(Duration.ofSeconds(10)).until(() -> !scheduler.status().storeAvailable());
				await().pollDelay(Duration.ofMillis(2500)).until(() -> true);
				SchedulerStatus down = scheduler.status();
				assertThat(down.state()).isEqualTo(SchedulerState.RUNNING);
				assertThat(down.loopAlive()).isTrue();
				assertThat(down.storeAvailable()).isFalse();
				assertThat(count(runs, "during-")).as("nothing runs while the database is away").isZero();

				proxy.restore();
				await().atMost(Duration.ofSeconds(20)).until(() -> count(runs, "during-") == 30);
				await().atMost(Duration.ofSeconds(10)).until(() -> scheduler.status().storeAvailable());
				JdbcTemplate check = new JdbcTemplate(this.direct);
				await().atMost(Duration.ofSeconds(10))
					.until(() -> check.queryForObject("SELECT COUNT(*) FROM " + this.schema.runsTable(), Long.class) == 0);
				await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
				assertThat(runs).hasSize(51).allSatisfy((id, count) -> assertThat(count.get()).as(id).isEqualTo(1));
				assertThat(check.queryForObject("SELECT COUNT(*) FROM " + this.schema.jobsTable(), Long.class)).isZero();
				assertThat(runs).doesNotContainKey("refused");
			}
			finally {
				scheduler.shutdown(Duration.ofSeconds(5));
			}
		}
	}

	private static JobSpec oneOff(String id, Instant at) {
		// run however late: every job due during the outage must run once it is over
		return JobSpec.builder("count").id(id).trigger(DateTrigger.at(at)).misfireGraceTime(null).build();
	}

	private static long count(Map<String, AtomicInteger> runs, String prefix) {
		return runs.keySet().stream().filter((id) -> id.startsWith(prefix)).count();
	}


}
