package dev.takt.scheduler.boot.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.takt.scheduler.Job;
import dev.takt.scheduler.JobHandler;
import dev.takt.scheduler.JobResult;
import dev.takt.scheduler.JobSpec;
import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.SchedulerManager;
import dev.takt.scheduler.store.jdbc.JdbcDatabase;
import dev.takt.scheduler.store.jdbc.JdbcJobStore;
import dev.takt.scheduler.store.jdbc.JdbcRunHistory;
import dev.takt.scheduler.store.jdbc.JdbcSchema;
import dev.takt.scheduler.trigger.DateTrigger;
import dev.takt.scheduler.trigger.IntervalTrigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitializationDetector;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link JdbcJobStoreAutoConfiguration} on the embedded databases, H2 and SQLite: each
 * {@code jobstore-url} form, a {@code DataSource} bean and its transactions, the
 * {@code scheduler.jdbc.*} properties, a restart, and what fails start-up and how it says so. The
 * server databases are in {@link PostgresJobStoreAutoConfigurationTests} and
 * {@link MariaDbJobStoreAutoConfigurationTests}.
 */
class JdbcJobStoreAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SchedulerAutoConfiguration.class, JdbcJobStoreAutoConfiguration.class))
		.withBean("greeter", JobHandler.class, () -> (context) -> JobResult.success("hi"));

	@Test
	void aJdbcUrlOfAnEmbeddedDatabaseGivesAStoreWithItsTablesAndHistory() {
		String url = h2Memory();
		this.contextRunner.withPropertyValues("scheduler.jobstore-url=" + url).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(JdbcJobStoreFactory.class);
			Scheduler scheduler = context.getBean(Scheduler.class);
			JdbcJobStore store = store(scheduler);
			assertThat(store.schema().database()).isEqualTo(JdbcDatabase.H2);
			assertThat(store.schema().tablePrefix()).isEqualTo("takt_");
			assertThat(store.leaseTime()).isEqualTo(Duration.ofSeconds(15));
			JdbcRunHistory history = history(scheduler);
			assertThat(history.retention()).isEqualTo(Duration.ofDays(7));
			HikariDataSource pool = (HikariDataSource) singleDataSource(context);
			assertThat(pool.getJdbcUrl()).isEqualTo(url);
			assertThat(pool.getPoolName()).isEqualTo("takt-default");
			// a store call fails within seconds while the database is away, not HikariCP's 30
			assertThat(pool.getConnectionTimeout()).isEqualTo(5_000);
			assertThat(store.schema().exists(pool)).isTrue();
		});
	}

	@Test
	void jobsAreKeptInTheTablesAndRunsInTheHistoryTable() {
		this.contextRunner.withPropertyValues("scheduler.jobstore-url=" + h2Memory()).run((context) -> {
			Scheduler scheduler = context.getBean(Scheduler.class);
			JdbcTemplate jdbc = new JdbcTemplate(singleDataSource(context));
			scheduler.addJob(JobSpec.builder("greeter").id("later").trigger(IntervalTrigger.every(Duration.ofHours(1)))
				.build());
			assertThat(jdbc.queryForObject("SELECT handler FROM takt_jobs WHERE id = 'later'", String.class))
				.isEqualTo("greeter");
			scheduler.addJob(JobSpec.builder("greeter").id("now").build());
			await().atMost(Duration.ofSeconds(10)).until(() -> !scheduler.getRuns("now", 1).isEmpty());
			assertThat(scheduler.getRuns("now", 1).get(0).result().data()).isEqualTo("hi");
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM takt_run_history WHERE job_id = 'now'",
					Integer.class))
				.isEqualTo(1);
		});
	}

	@Test
	void aRelativeSqliteUrlGetsOneConnectionWithWriteAheadLogging() {
		String directory = "target/sqlite-boot/" + UUID.randomUUID();
		this.contextRunner.withPropertyValues("scheduler.jobstore-url=sqlite:///" + directory + "/jobs.db")
			.run((context) -> {
				JdbcJobStore store = store(context.getBean(Scheduler.class));
				assertThat(store.schema().database()).isEqualTo(JdbcDatabase.SQLITE);
				HikariDataSource pool = (HikariDataSource) singleDataSource(context);
				assertThat(pool.getMaximumPoolSize()).isOne();
				assertThat(pool.getJdbcUrl())
					.isEqualTo("jdbc:sqlite:" + directory + "/jobs.db?journal_mode=WAL&synchronous=NORMAL");
				assertThat(new JdbcTemplate(pool).queryForObject("PRAGMA journal_mode", String.class))
					.isEqualToIgnoringCase("wal");
				assertThat(Path.of(directory, "jobs.db")).exists();
			});
	}

	@Test
	void anAbsoluteSqliteUrlKeepsJobsInThatFile(@TempDir Path directory) {
		Path file = directory.resolve("nested/jobs.db");
		this.contextRunner.withPropertyValues("scheduler.jobstore-url=sqlite:///" + file.toAbsolutePath())
			.run((context) -> {
				assertThat(file.toAbsolutePath().toString()).startsWith("/");
				Scheduler scheduler = context.getBean(Scheduler.class);
				assertThat(store(scheduler).schema().database()).isEqualTo(JdbcDatabase.SQLITE);
				scheduler.addJob(JobSpec.builder("greeter").id("now").build());
				await().atMost(Duration.ofSeconds(10)).until(() -> !scheduler.getRuns("now", 1).isEmpty());
				assertThat(file).exists();
			});
	}

	@Test
	void namedInstancesOnOneUrlShareItsPoolAndKeepTheirJobsInTablesOfTheirOwn(@TempDir Path directory) {
		this.contextRunner
			.withPropertyValues("scheduler.jobstore-url=sqlite:///" + directory.resolve("jobs.db"),
					"scheduler.instances.report.timezone=UTC", "scheduler.instances.nightly-etl.timezone=UTC")
			.run((context) -> {
				SchedulerManager manager = context.getBean(SchedulerManager.class);
				assertThat(store(manager.getDefault()).schema().tablePrefix()).isEqualTo("takt_");
				assertThat(store(manager.get("report")).schema().tablePrefix()).isEqualTo("takt_report_");
				assertThat(store(manager.get("nightly-etl")).schema().tablePrefix()).isEqualTo("takt_nightly_etl_");
				assertThat(context.getBean(JdbcJobStoreFactory.class).dataSources()).hasSize(1);
				manager.get("report").addJob(JobSpec.builder("greeter").id("weekly").paused().build());
				assertThat(manager.get("report").getJob("weekly")).isPresent();
				assertThat(manager.getDefault().getJob("weekly")).isEmpty();
			});
	}

	@Test
	void instancesThatWouldShareTablesFailNamingThePrefix() {
		this.contextRunner
			.withPropertyValues("scheduler.jobstore-url=" + h2Memory(),
					"scheduler.instances.report.jdbc.table-prefix=takt_")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("Property: scheduler.instances.report.jdbc.table-prefix")
					.contains("scheduler 'report' would share the tables takt_* of the H2 database at")
					.contains("with scheduler 'default'");
			});
	}

	@Test
	void jdbcPropertiesConfigureEveryInstanceAndEachMayOverrideThem() {
		this.contextRunner
			.withPropertyValues("scheduler.jobstore-url=" + h2Memory(), "scheduler.jdbc.table-prefix=app_",
					"scheduler.jdbc.lease-time=30", "scheduler.jdbc.history-retention=2d",
					"scheduler.instances.report.timezone=UTC", "scheduler.instances.audit.jdbc.table-prefix=audit_",
					"scheduler.instances.audit.jdbc.lease-time=5s",
					"scheduler.instances.audit.jdbc.history-retention=90d")
			.run((context) -> {
				SchedulerManager manager = context.getBean(SchedulerManager.class);
				assertThat(store(manager.getDefault()).schema().jobsTable()).isEqualTo("app_jobs");
				assertThat(store(manager.getDefault()).leaseTime()).isEqualTo(Duration.ofSeconds(30));
				assertThat(history(manager.getDefault()).retention()).isEqualTo(Duration.ofDays(2));
				assertThat(store(manager.get("report")).schema().jobsTable()).isEqualTo("app_report_jobs");
				assertThat(store(manager.get("report")).leaseTime()).isEqualTo(Duration.ofSeconds(30));
				assertThat(store(manager.get("audit")).schema().jobsTable()).isEqualTo("audit_jobs");
				assertThat(store(manager.get("audit")).leaseTime()).isEqualTo(Duration.ofSeconds(5));
				assertThat(history(manager.get("audit")).retention()).isEqualTo(Duration.ofDays(90));
				DataSource dataSource = singleDataSource(context);
				for (String prefix : List.of("app_", "app_report_", "audit_")) {
					assertThat(JdbcSchema.of(JdbcDatabase.H2, prefix).exists(dataSource)).as(prefix).isTrue();
				}
			});
	}

	@Test
	void aDataSourceBeanByNameIsUsedAsItIs() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + h2Memory(), "scheduler.jobstore-url=dataSource")
			.run((context) -> {
				Scheduler scheduler = context.getBean(Scheduler.class);
				assertThat(store(scheduler).schema().database()).isEqualTo(JdbcDatabase.H2);
				assertThat(context.getBean(JdbcJobStoreFactory.class).dataSources()).isEmpty();
				scheduler.addJob(JobSpec.builder("greeter").id("later").paused().build());
				assertThat(new JdbcTemplate(context.getBean(DataSource.class))
					.queryForObject("SELECT COUNT(*) FROM takt_jobs WHERE id = 'later'", Integer.class)).isOne();
			});
	}

	@Test
	void aJobAddedInTheApplicationsTransactionCommitsOrRollsBackWithIt() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + h2Memory(), "scheduler.jobstore-url=dataSource")
			.run((context) -> {
				Scheduler scheduler = context.getBean(Scheduler.class);
				JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
				jdbc.execute("CREATE TABLE orders (id VARCHAR(20) PRIMARY KEY)");
				TransactionTemplate transaction = new TransactionTemplate(
						context.getBean(PlatformTransactionManager.class));
				Instant tomorrow = Instant.now().plus(Duration.ofDays(1));
				transaction.executeWithoutResult((status) -> {
					jdbc.update("INSERT INTO orders (id) VALUES ('o-1')");
					scheduler.addJob(JobSpec.builder("greeter").id("remind-o-1").trigger(DateTrigger.at(tomorrow))
						.build());
					status.setRollbackOnly();
				});
				assertThat(scheduler.getJob("remind-o-1")).isEmpty();
				assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM orders", Integer.class)).isZero();
				transaction.executeWithoutResult((status) -> {
					jdbc.update("INSERT INTO orders (id) VALUES ('o-2')");
					scheduler.addJob(JobSpec.builder("greeter").id("remind-o-2").trigger(DateTrigger.at(tomorrow))
						.build());
				});
				assertThat(scheduler.getJob("remind-o-2")).isPresent();
				assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM orders", Integer.class)).isOne();
			});
	}

	@Test
	void theApplicationsTransactionManagerOfTheDataSourceRunsTheStoresChanges() {
		this.contextRunner.withUserConfiguration(TwoDataSources.class)
			.withPropertyValues("scheduler.jobstore-url=appDataSource")
			.run((context) -> {
				CountingTransactionManager app = context.getBean("appTransactionManager",
						CountingTransactionManager.class);
				CountingTransactionManager other = context.getBean("otherTransactionManager",
						CountingTransactionManager.class);
				int before = app.transactions.get();
				context.getBean(Scheduler.class).addJob(JobSpec.builder("greeter").id("later").paused().build());
				assertThat(app.transactions.get()).isGreaterThan(before);
				assertThat(other.transactions.get()).isZero();
			});
	}

	@Test
	void tablesAreCreatedInAnEmbeddedDatabaseByDefaultAndLeftAloneWithNever() {
		String url = h2Memory();
		this.contextRunner.withPropertyValues("scheduler.jobstore-url=" + url, "scheduler.jdbc.initialize-schema=never")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("Property: scheduler.jdbc.initialize-schema")
					.contains("Value: \"never\"")
					.contains("tables (takt_jobs, takt_runs, takt_run_history) do not exist in the H2 database at "
							+ url);
				assertThat(analysis.getAction())
					.contains("classpath:dev/takt/scheduler/store/jdbc/schema-h2.sql")
					.contains("set scheduler.jdbc.initialize-schema to always");
			});
		this.contextRunner
			.withPropertyValues("scheduler.jobstore-url=" + url, "scheduler.jdbc.initialize-schema=never",
					"scheduler.instances.report.jdbc.initialize-schema=always", "scheduler.jdbc.table-prefix=x_")
			.run((context) -> assertThat(analyze(context).getAction())
				.contains("schema-h2.sql with the prefix takt_ replaced by x_"));
	}

	@Test
	void tablesCreatedByTheApplicationsSchemaScriptsAreThereBeforeTheStoreLooks() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					DataSourceInitializationAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + h2Memory(),
					"spring.sql.init.schema-locations=classpath:dev/takt/scheduler/store/jdbc/schema-h2.sql",
					"scheduler.jobstore-url=dataSource", "scheduler.jdbc.initialize-schema=never")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(store(context.getBean(Scheduler.class)).schema().exists(context.getBean(DataSource.class)))
					.isTrue();
			});
	}

	@Test
	void theSchedulerDependsOnTheApplicationsDatabaseInitialization() {
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(DependsOnDatabaseInitializationDetector.class))
			.hasAtLeastOneElementOfType(SchedulerDependsOnDatabaseInitializationDetector.class);
	}

	@ParameterizedTest
	@CsvSource(textBlock = """
			H2,         jdbc:h2:mem:jobs,                           true
			H2,         jdbc:h2:file:./data/jobs;AUTO_SERVER=TRUE,  true
			H2,         jdbc:h2:./data/jobs,                        true
			H2,         jdbc:h2:tcp://db.example/jobs,              false
			H2,         jdbc:h2:ssl://db.example/jobs,              false
			SQLITE,     jdbc:sqlite:jobs.db,                        true
			POSTGRESQL, jdbc:postgresql://localhost/jobs,           false
			MARIADB,    jdbc:mariadb://localhost/jobs,              false
			""")
	void embeddedMeansH2InMemoryOrInAFileAndSqlite(JdbcDatabase database, String url, boolean embedded) {
		assertThat(JdbcJobStoreFactory.isEmbedded(database, url)).isEqualTo(embedded);
	}

	@Test
	void aRestartKeepsStoredJobsAndTheirNextRunTimes(@TempDir Path directory) {
		ApplicationContextRunner runner = this.contextRunner.withPropertyValues(
				"scheduler.jobstore-url=jdbc:h2:file:" + directory.resolve("jobs"), "scheduler.jobs.poll.handler=greeter",
				"scheduler.jobs.poll.interval=1h");
		Instant[] nextRunTimes = new Instant[2];
		runner.run((context) -> {
			Scheduler scheduler = context.getBean(Scheduler.class);
			scheduler.addJob(JobSpec.builder("greeter").id("hourly")
				.trigger(IntervalTrigger.every(Duration.ofHours(1))).build());
			nextRunTimes[0] = scheduler.getJob("hourly").orElseThrow().nextRunTime();
			nextRunTimes[1] = scheduler.getJob("poll").orElseThrow().nextRunTime();
		});
		runner.run((context) -> {
			Scheduler scheduler = context.getBean(Scheduler.class);
			assertThat(scheduler.getJob("hourly")).map(Job::nextRunTime).contains(nextRunTimes[0]);
			assertThat(scheduler.getJob("poll")).map(Job::nextRunTime).contains(nextRunTimes[1]);
		});
	}

	@Test
	void aOneOffJobAddedBeforeARestartRunsAfterIt(@TempDir Path directory) {
		ApplicationContextRunner runner = this.contextRunner
			.withPropertyValues("scheduler.jobstore-url=jdbc:h2:file:" + directory.resolve("jobs"));
		runner.run((context) -> {
			Scheduler scheduler = context.getBean(Scheduler.class);
			scheduler.addJob(JobSpec.builder("greeter").id("soon")
				.trigger(DateTrigger.at(Instant.now().plus(Duration.ofSeconds(2)))).build());
		});
		runner.run((context) -> {
			Scheduler scheduler = context.getBean(Scheduler.class);
			assertThat(scheduler.getJob("soon")).isPresent();
			await().atMost(Duration.ofSeconds(15)).until(() -> !scheduler.getRuns("soon", 1).isEmpty());
			assertThat(scheduler.getRuns("soon", 1).get(0).result().successful()).isTrue();
			assertThat(scheduler.getJob("soon")).isEmpty();
		});
		runner.run((context) -> assertThat(context.getBean(Scheduler.class).getRuns("soon", 1)).hasSize(1));
	}

	@Test
	void itsPoolIsClosedWhenTheApplicationStops() {
		HikariDataSource[] pool = new HikariDataSource[1];
		this.contextRunner.withPropertyValues("scheduler.jobstore-url=" + h2Memory())
			.run((context) -> pool[0] = (HikariDataSource) singleDataSource(context));
		assertThat(pool[0].isClosed()).isTrue();
	}

	@Test
	void withoutHikariCpTheStoreOpensAConnectionForEachUse() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("com.zaxxer.hikari"))
			.withPropertyValues("scheduler.jobstore-url=" + h2Memory())
			.run((context) -> {
				assertThat(singleDataSource(context)).isInstanceOf(SimpleDriverDataSource.class);
				Scheduler scheduler = context.getBean(Scheduler.class);
				scheduler.addJob(JobSpec.builder("greeter").id("now").build());
				await().atMost(Duration.ofSeconds(10)).until(() -> !scheduler.getRuns("now", 1).isEmpty());
			});
	}

	@Test
	void backsOffWithoutSchedulerJdbc() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(JdbcJobStore.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(JdbcJobStoreFactory.class));
	}

	@Test
	void withoutSchedulerJdbcASqlUrlFailsNamingTheModule() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(JdbcJobStore.class))
			.withPropertyValues("scheduler.jobstore-url=" + h2Memory())
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription())
					.contains("asks for a SQL job store (h2), which needs the dependency dev.takt:scheduler-jdbc");
				assertThat(analysis.getAction()).contains("Add dev.takt:scheduler-jdbc and the JDBC driver for h2");
			});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			postgresql://app:secret@db.example/jobs     | org.postgresql    | PostgreSQL       | org.postgresql:postgresql
			postgresql+psycopg2://app:secret@db/jobs    | org.postgresql    | PostgreSQL       | org.postgresql:postgresql
			mysql+pymysql://app:secret@db.example/jobs  | org.mariadb.jdbc  | MariaDB or MySQL | org.mariadb.jdbc:mariadb-java-client
			mysql://app:secret@db.example/jobs          | org.mariadb.jdbc  | MariaDB or MySQL | org.mariadb.jdbc:mariadb-java-client
			jdbc:mysql://db.example/jobs?password=secret | com.mysql        | MySQL            | com.mysql:mysql-connector-j
			sqlite:///jobs.db                           | org.sqlite        | SQLite           | org.xerial:sqlite-jdbc
			jdbc:h2:file:./data/jobs                    | org.h2            | H2               | com.h2database:h2
			""")
	void aMissingDriverIsNamedWithItsMavenCoordinates(String url, String hidden, String database,
			String coordinates) {
		this.contextRunner.withClassLoader(new FilteredClassLoader(hidden))
			.withPropertyValues("scheduler.jobstore-url=" + url)
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("Property: scheduler.jobstore-url")
					.contains("asks for a " + database + " database, and its JDBC driver")
					.contains("is not on the class path")
					.doesNotContain("secret");
				assertThat(analysis.getAction()).startsWith("Add the dependency " + coordinates);
			});
	}

	@Test
	void aDatabaseTheStoreDoesNotSpeakIsRefused() {
		this.contextRunner.withPropertyValues("scheduler.jobstore-url=jdbc:oracle:thin:@db.example:1521/jobs")
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("asks for a database of the kind 'oracle', which the SQL job store does not speak"));
	}

	@Test
	void anUnreachableDatabaseFailsStartUpNamingIt() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("com.zaxxer.hikari"))
			.withPropertyValues("scheduler.instances.report.jobstore-url=postgresql://app:secret@127.0.0.1:1/jobs")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("Property: scheduler.instances.report.jobstore-url")
					.contains("Value: \"postgresql://app:******@127.0.0.1:1/jobs\"")
					.contains("could not connect to the PostgreSQL database at jdbc:postgresql://127.0.0.1:1/jobs")
					.doesNotContain("secret");
			});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			scheduler.jdbc.table-prefix=bad-prefix                    | scheduler.jdbc.table-prefix                 | use letters, digits and underscores
			scheduler.jdbc.lease-time=10ms                            | scheduler.jdbc.lease-time                   | must be at least 100ms
			scheduler.instances.report.jdbc.history-retention=0       | scheduler.instances.report.jdbc.history-retention | must be a positive duration
			scheduler.instances.report.jdbc.table-prefix=reports.x_   | scheduler.instances.report.jdbc.table-prefix | SQLite tables take no schema name
			""")
	void badJdbcPropertiesFailNamingTheProperty(String setting, String property, String reason,
			@TempDir Path directory) {
		this.contextRunner
			.withPropertyValues("scheduler.jobstore-url=sqlite:///" + directory.resolve("jobs.db"), setting,
					"scheduler.instances.report.timezone=UTC")
			.run((context) -> assertThat(analyze(context).getDescription()).contains("Property: " + property)
				.contains(reason));
	}

	@Test
	void aDataSourceNamedWronglyListsTheDataSourceBeans() {
		this.contextRunner.withBean("jobsDataSource", DataSource.class, () -> new SimpleDriverDataSource(
				new org.h2.Driver(), h2Memory()))
			.withPropertyValues("scheduler.jobstore-url=dataSource")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("there is no bean of that name")
					.contains("(the application has jobsDataSource)");
			});
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsFactory() {
		this.contextRunner.withBean("myFactory", JdbcJobStoreFactory.class, () -> {
			DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
			return new JdbcJobStoreFactory(new SchedulerProperties(), beanFactory,
					beanFactory.getBeanProvider(PlatformTransactionManager.class), null);
		})
			.run((context) -> assertThat(context).getBeans(JdbcJobStoreFactory.class).containsOnlyKeys("myFactory"));
	}

	@Test
	void isSwitchedOffWithTheScheduler() {
		this.contextRunner.withPropertyValues("scheduler.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(JdbcJobStoreFactory.class));
	}

	static String h2Memory() {
		return "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
	}

	static JdbcJobStore store(Scheduler scheduler) {
		return (JdbcJobStore) SchedulerAutoConfigurationTests.settings(scheduler).store();
	}

	static JdbcRunHistory history(Scheduler scheduler) {
		return (JdbcRunHistory) SchedulerAutoConfigurationTests.settings(scheduler).runHistory();
	}

	static DataSource singleDataSource(AssertableApplicationContext context) {
		List<DataSource> dataSources = context.getBean(JdbcJobStoreFactory.class).dataSources();
		assertThat(dataSources).hasSize(1);
		return dataSources.get(0);
	}

	static FailureAnalysis analyze(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		InvalidSchedulerPropertyException cause = findCause(context.getStartupFailure());
		FailureAnalysis analysis = new InvalidSchedulerPropertyFailureAnalyzer(null).analyze(cause);
		assertThat(analysis).isNotNull();
		return analysis;
	}

	private static InvalidSchedulerPropertyException findCause(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidSchedulerPropertyException invalid) {
				return invalid;
			}
		}
		throw new AssertionError("Expected a start-up failure caused by an InvalidSchedulerPropertyException", failure);
	}

	/** Two data sources, each with its transaction manager. */
	@Configuration(proxyBeanMethods = false)
	static class TwoDataSources {

		@Bean
		HikariDataSource appDataSource() {
			HikariDataSource dataSource = new HikariDataSource();
			dataSource.setJdbcUrl(h2Memory());
			return dataSource;
		}

		@Bean
		DataSource otherDataSource() {
			return new SimpleDriverDataSource(new org.h2.Driver(), h2Memory());
		}

		@Bean
		CountingTransactionManager otherTransactionManager(@Qualifier("otherDataSource") DataSource dataSource) {
			return new CountingTransactionManager(dataSource);
		}

		@Bean
		CountingTransactionManager appTransactionManager(HikariDataSource appDataSource) {
			return new CountingTransactionManager(appDataSource);
		}

	}

	/** Counts the transactions it begins. */
	static class CountingTransactionManager extends DataSourceTransactionManager {

		final AtomicInteger transactions = new AtomicInteger();

		CountingTransactionManager(DataSource dataSource) {
			super(dataSource);
		}

		@Override
		protected void doBegin(Object transaction, TransactionDefinition definition) {
			this.transactions.incrementAndGet();
			super.doBegin(transaction, definition);
		}

	}

}
