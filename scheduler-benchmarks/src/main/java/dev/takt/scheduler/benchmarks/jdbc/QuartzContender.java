package dev.takt.scheduler.benchmarks.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import javax.sql.DataSource;

import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleTrigger;
import org.quartz.impl.StdSchedulerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Quartz 2.5 with its clustered {@code JobStoreTX} on PostgreSQL ({@code PostgreSQLDelegate}),
 * 10 threads, HikariCP with 13 connections, acquiring up to 10 triggers a transaction; jobs are
 * loaded as the rows Quartz's {@code scheduleJob} writes.
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
		load(dataSource, count, (i) -> dueAt.toEpochMilli(), 0, 0, 1);
	}

	@Override
	public void loadRecurringJobs(DataSource dataSource, int count, Instant firstAt) {
		load(dataSource, count, (i) -> firstAt.toEpochMilli() + 1000L * i / count, -1, 1000,
				SimpleTrigger.MISFIRE_INSTRUCTION_RESCHEDULE_NEXT_WITH_REMAINING_COUNT);
	}

	/**
	 * Inserts the rows {@code scheduleJob} would (a job, its simple trigger waiting to fire), in
	 * batches: Quartz's own API stores about thirty jobs a second on this disk.
	 */
	private static void load(DataSource dataSource, int count, java.util.function.IntToLongFunction firstFire,
			int repeatCount, long repeatInterval, int misfireInstruction) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		for (int from = 0; from < count; from += 2000) {
			List<Object[]> jobs = new ArrayList<>();
			List<Object[]> triggers = new ArrayList<>();
			List<Object[]> simple = new ArrayList<>();
			for (int i = from; i < Math.min(count, from + 2000); i++) {
				long fire = firstFire.applyAsLong(i);
				jobs.add(new Object[] { "job-" + i, NoopJob.class.getName() });
				triggers.add(new Object[] { "t-" + i, "job-" + i, fire, fire, misfireInstruction });
				simple.add(new Object[] { "t-" + i, repeatCount, repeatInterval });
			}
			jdbc.batchUpdate("INSERT INTO qrtz_job_details (sched_name, job_name, job_group, job_class_name, is_durable,"
					+ " is_nonconcurrent, is_update_data, requests_recovery) VALUES ('bench', ?, 'DEFAULT', ?, FALSE, FALSE,"
					+ " FALSE, FALSE)", jobs);
			jdbc.batchUpdate("INSERT INTO qrtz_triggers (sched_name, trigger_name, trigger_group, job_name, job_group,"
					+ " next_fire_time, prev_fire_time, priority, trigger_state, trigger_type, start_time, end_time,"
					+ " misfire_instr) VALUES ('bench', ?, 'DEFAULT', ?, 'DEFAULT', ?, -1, 5, 'WAITING', 'SIMPLE', ?, 0, ?)",
					triggers);
			jdbc.batchUpdate("INSERT INTO qrtz_simple_triggers (sched_name, trigger_name, trigger_group, repeat_count,"
					+ " repeat_interval, times_triggered) VALUES ('bench', ?, 'DEFAULT', ?, ?, 0)", simple);
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
