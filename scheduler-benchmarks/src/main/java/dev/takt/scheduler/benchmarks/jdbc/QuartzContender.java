package dev.takt.scheduler.benchmarks.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import javax.sql.DataSource;

import org.quartz.Job;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobBuilder;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Quartz 2.5 with its clustered {@code JobStoreTX} on PostgreSQL ({@code PostgreSQLDelegate}),
 * 10 threads, HikariCP with 13 connections, acquiring up to 10 triggers a transaction; jobs are
 * loaded through the Quartz API by a scheduler that is never started.
 */
final class QuartzContender implements Contender {

	static volatile Execution executed = (job, scheduled) -> {
	};

	@Override
	public String name() {
		return "Quartz";
	}

	@Override
	public boolean ownPool() {
		return true;
	}

	@Override
	public void createTables(DataSource dataSource) {
		String script;
		try (InputStream in = Scheduler.class.getClassLoader()
			.getResourceAsStream("org/quartz/impl/jdbcjobstore/tables_postgres.sql")) {
			script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		StringBuilder text = new StringBuilder();
		for (String line : script.split("\n")) {
			if (!line.strip().startsWith("--")) {
				text.append(line).append('\n');
			}
		}
		for (String statement : text.toString().split(";")) {
			String sql = statement.strip();
			if (!sql.isEmpty() && !sql.equalsIgnoreCase("COMMIT")) {
				jdbc.execute(sql);
			}
		}
	}

	@Override
	public void loadOneOffJobs(DataSource dataSource, int count, Instant dueAt) {
		load(count, (i) -> TriggerBuilder.newTrigger()
			.withIdentity("t-" + i)
			.startAt(Date.from(dueAt))
			.withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
			.build());
	}

	@Override
	public void loadRecurringJobs(DataSource dataSource, int count, Instant firstAt) {
		load(count, (i) -> TriggerBuilder.newTrigger()
			.withIdentity("t-" + i)
			.startAt(Date.from(firstAt.plusNanos(1_000_000_000L * i / count)))
			.withSchedule(SimpleScheduleBuilder.repeatSecondlyForever(1).withMisfireHandlingInstructionNextWithRemainingCount())
			.build());
	}

	private static void load(int count, java.util.function.IntFunction<Trigger> triggers) {
		try {
			Scheduler loader = new StdSchedulerFactory(properties("loader", 2)).getScheduler();
			for (int from = 0; from < count; from += 1000) {
				Map<JobDetail, Set<? extends Trigger>> batch = new LinkedHashMap<>();
				for (int i = from; i < Math.min(count, from + 1000); i++) {
					JobDetail job = JobBuilder.newJob(NoopJob.class).withIdentity("job-" + i).build();
					Set<Trigger> set = new HashSet<>();
					set.add(triggers.apply(i));
					batch.put(job, set);
				}
				loader.scheduleJobs(batch, false);
			}
			loader.shutdown();
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static Properties properties(String node, int threads) {
		Properties properties = new Properties();
		properties.setProperty("org.quartz.scheduler.instanceName", "bench");
		properties.setProperty("org.quartz.scheduler.instanceId", node);
		properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
		properties.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", "10");
		properties.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
		properties.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
		properties.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
		properties.setProperty("org.quartz.jobStore.dataSource", "bench");
		properties.setProperty("org.quartz.jobStore.isClustered", "true");
		properties.setProperty("org.quartz.jobStore.clusterCheckinInterval", "5000");
		properties.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
		properties.setProperty("org.quartz.jobStore.misfireThreshold", "3600000");
		properties.setProperty("org.quartz.dataSource.bench.provider", "hikaricp");
		properties.setProperty("org.quartz.dataSource.bench.driver", "org.postgresql.Driver");
		properties.setProperty("org.quartz.dataSource.bench.URL", JdbcWorkloads.url());
		properties.setProperty("org.quartz.dataSource.bench.user", JdbcWorkloads.user());
		properties.setProperty("org.quartz.dataSource.bench.maxConnections", "13");
		return properties;
	}

	@Override
	public Running start(DataSource dataSource, String node, Execution executed) throws SchedulerException {
		QuartzContender.executed = executed;
		Scheduler scheduler = new StdSchedulerFactory(properties(node, 10)).getScheduler();
		scheduler.start();
		return () -> scheduler.shutdown(true);
	}

	/** The job every trigger fires: it only reports itself. */
	public static final class NoopJob implements Job {

		/** Creates the job, as Quartz does for every execution. */
		public NoopJob() {
		}

		@Override
		public void execute(JobExecutionContext context) {
			String name = context.getJobDetail().getKey().getName();
			executed.executed(Integer.parseInt(name.substring(4)), context.getScheduledFireTime().toInstant());
		}

	}

}
