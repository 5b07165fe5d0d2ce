package dev.takt.scheduler.boot.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.takt.scheduler.JobHandler;
import dev.takt.scheduler.JobResult;
import dev.takt.scheduler.JobSpec;
import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.store.jdbc.JdbcDatabase;
import dev.takt.scheduler.store.jdbc.JdbcSchema;
import dev.takt.scheduler.store.jdbc.TestDatabases;
import dev.takt.scheduler.trigger.DateTrigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.takt.scheduler.boot.autoconfigure.JdbcJobStoreAutoConfigurationTests.analyze;
import static dev.takt.scheduler.boot.autoconfigure.JdbcJobStoreAutoConfigurationTests.singleDataSource;
import static dev.takt.scheduler.boot.autoconfigure.JdbcJobStoreAutoConfigurationTests.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link JdbcJobStoreAutoConfiguration} on one database server (a subclass per server,
 * skipped outside CI when the server is not running): the SQLAlchemy-style URLs and the JDBC URL
 * reach it, {@code initialize-schema=embedded} leaves its tables to the application, and a
 * {@code DataSource} bean on it joins the application's transactions. Each test has tables of its
 * own prefix, dropped afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServerJobStoreAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SchedulerAutoConfiguration.class, JdbcJobStoreAutoConfiguration.class))
		.withBean("greeter", JobHandler.class, () -> (context) -> JobResult.success("hi"));

	private final List<String> prefixes = new ArrayList<>();

	/**
	 * Returns the database under test.
	 * @return the database
	 */
	protected abstract JdbcDatabase database();

	/**
	 * Returns the SQLAlchemy URL schemes of the database.
	 * @return the schemes, such as {@code postgresql+psycopg2}
	 */
	protected abstract List<String> schemes();

	/**
	 * Returns how the JDBC URLs the store uses for the SQLAlchemy URLs begin.
	 * @return the start, such as {@code jdbc:postgresql://}
	 */
	protected abstract String jdbcUrlStart();

	/**
	 * Returns the name of the database in messages.
	 * @return the name
	 */
	protected abstract String displayName();

	@AfterEach
	void dropTables() {
		DataSource dataSource = new DriverManagerDataSource(TestDatabases.url(database(), "boot"));
		for (String prefix : this.prefixes) {
			JdbcSchema.of(database(), prefix).drop(dataSource);
			new JdbcTemplate(dataSource).execute("DROP TABLE IF EXISTS " + prefix + "orders");
		}
		this.prefixes.clear();
	}

	@ParameterizedTest
	@MethodSource("schemes")
	void aSqlalchemyUrlReachesTheServer(String scheme) {
		String prefix = prefix();
		String url = sqlalchemyUrl(scheme);
		this.contextRunner
			.withPropertyValues("scheduler.jobstore-url=" + url, "scheduler.jdbc.table-prefix=" + prefix,
					"scheduler.jdbc.initialize-schema=always")
			.run((context) -> {
				Scheduler scheduler = context.getBean(Scheduler.class);
				assertThat(store(scheduler).schema().database()).isEqualTo(database());
				HikariDataSource pool = (HikariDataSource) singleDataSource(context);
				assertThat(pool.getJdbcUrl()).startsWith(jdbcUrlStart());
				assertThat(pool.getUsername()).isEqualTo(URI.create(url).getUserInfo().split(":")[0]);
				assertThat(pool.getJdbcUrl()).doesNotContain("@");
				scheduler.addJob(JobSpec.builder("greeter").id("now").build());
				await().atMost(Duration.ofSeconds(10)).until(() -> !scheduler.getRuns("now", 1).isEmpty());
				assertThat(new JdbcTemplate(pool).queryForObject(
						"SELECT COUNT(*) FROM " + prefix + "run_history WHERE job_id = 'now'", Integer.class))
					.isOne();
			});
	}

	@Test
	void aJdbcUrlReachesTheServer() {
		String prefix = prefix();
		this.contextRunner
			.withPropertyValues("scheduler.jobstore-url=" + TestDatabases.url(database(), "boot"),
					"scheduler.jdbc.table-prefix=" + prefix, "scheduler.jdbc.initialize-schema=always")
			.run((context) -> {
				Scheduler scheduler = context.getBean(Scheduler.class);
				assertThat(store(scheduler).schema().database()).isEqualTo(database());
				scheduler.addJob(JobSpec.builder("greeter").id("paused").paused().build());
				assertThat(scheduler.getJob("paused")).isPresent();
			});
	}

	@Test
	void embeddedLeavesTheServersTablesToTheApplication() {
		String prefix = prefix();
		String url = TestDatabases.url(database(), "boot");
		ApplicationContextRunner runner = this.contextRunner.withPropertyValues("scheduler.jobstore-url=" + url,
				"scheduler.jdbc.table-prefix=" + prefix);
		runner.run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains("Property: scheduler.jdbc.initialize-schema")
				.contains("Value: \"embedded\"")
				.contains("do not exist in the " + displayName() + " database at " + JobStoreUrl.mask(url))
				.contains("\"embedded\" creates them only in an embedded database");
			assertThat(analysis.getAction())
				.contains("classpath:" + database().schemaLocation() + " with the prefix takt_ replaced by " + prefix)
				.contains("Flyway or Liquibase");
		});
		JdbcSchema.of(database(), prefix).create(new DriverManagerDataSource(url));
		runner.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void aDataSourceBeanOnTheServerJoinsTheApplicationsTransactions() {
		String prefix = prefix();
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + TestDatabases.url(database(), "boot"),
					"scheduler.jobstore-url=dataSource", "scheduler.jdbc.table-prefix=" + prefix,
					"scheduler.jdbc.initialize-schema=always")
			.run((context) -> {
				Scheduler scheduler = context.getBean(Scheduler.class);
				assertThat(store(scheduler).schema().database()).isEqualTo(database());
				JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
				String orders = prefix + "orders";
				jdbc.execute("CREATE TABLE " + orders + " (id VARCHAR(20) PRIMARY KEY)");
				TransactionTemplate transaction = new TransactionTemplate(
						context.getBean(PlatformTransactionManager.class));
				Instant tomorrow = Instant.now().plus(Duration.ofDays(1));
				transaction.executeWithoutResult((status) -> {
					jdbc.update("INSERT INTO " + orders + " (id) VALUES ('o-1')");
					scheduler.addJob(JobSpec.builder("greeter").id("remind-o-1").trigger(DateTrigger.at(tomorrow))
						.build());
					status.setRollbackOnly();
				});
				assertThat(scheduler.getJob("remind-o-1")).isEmpty();
				assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + orders, Integer.class)).isZero();
				transaction.executeWithoutResult((status) -> {
					jdbc.update("INSERT INTO " + orders + " (id) VALUES ('o-2')");
					scheduler.addJob(JobSpec.builder("greeter").id("remind-o-2").trigger(DateTrigger.at(tomorrow))
						.build());
				});
				assertThat(scheduler.getJob("remind-o-2")).isPresent();
				assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + orders, Integer.class)).isOne();
			});
	}

	/** Returns a table prefix of the test's own, dropped after it. */
	private String prefix() {
		String prefix = "boot_" + UUID.randomUUID().toString().substring(0, 8) + "_";
		this.prefixes.add(prefix);
		return prefix;
	}

	/** Returns the server's URL as SQLAlchemy writes it, from its JDBC URL. */
	private String sqlalchemyUrl(String scheme) {
		URI uri = URI.create(TestDatabases.url(database(), "boot").substring("jdbc:".length()));
		Map<String, String> parameters = new LinkedHashMap<>();
		if (uri.getQuery() != null) {
			for (String parameter : uri.getQuery().split("&")) {
				String[] pair = parameter.split("=", 2);
				parameters.put(pair[0], (pair.length > 1) ? pair[1] : "");
			}
		}
		String user = parameters.getOrDefault("user", "");
		String password = parameters.get("password");
		return scheme + "://" + user + ((password != null) ? ":" + password : "") + "@" + uri.getHost()
				+ ((uri.getPort() != -1) ? ":" + uri.getPort() : "") + uri.getPath();
	}

}
