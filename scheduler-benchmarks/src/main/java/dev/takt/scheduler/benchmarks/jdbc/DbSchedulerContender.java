package dev.takt.scheduler.benchmarks.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * db-scheduler 16 with its PostgreSQL lock-and-fetch polling ({@code FOR UPDATE SKIP LOCKED},
 * a batch per poll), 10 threads, a 100 ms polling interval. Its table is created as its
 * documentation gives it; jobs are loaded with plain inserts.
 */
final class DbSchedulerContender implements Contender {

	@Override
	public String name() {
		return "db-scheduler";
	}

	@Override
	public void createTables(DataSource dataSource) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		jdbc.execute("DROP TABLE IF EXISTS scheduled_tasks");
		jdbc.execute("CREATE TABLE scheduled_tasks (task_name TEXT NOT NULL, task_instance TEXT NOT NULL,"
				+ " task_data BYTEA, execution_time TIMESTAMP WITH TIME ZONE NOT NULL, picked BOOLEAN NOT NULL,"
				+ " picked_by TEXT, last_success TIMESTAMP WITH TIME ZONE, last_failure TIMESTAMP WITH TIME ZONE,"
				+ " consecutive_failures INT, last_heartbeat TIMESTAMP WITH TIME ZONE, version BIGINT NOT NULL,"
				+ " priority SMALLINT, PRIMARY KEY (task_name, task_instance))");
		jdbc.execute("CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time)");
		jdbc.execute("CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat)");
		jdbc.execute("CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC)");
	}

	@Override
	public void loadOneOffJobs(DataSource dataSource, int count, Instant dueAt) {
		insert(dataSource, "noop", count, (i) -> dueAt);
	}

	@Override
	public void loadRecurringJobs(DataSource dataSource, int count, Instant firstAt) {
		// one recurring task per job, each its own task name, as db-scheduler's recurring tasks are
		insert(dataSource, null, count, (i) -> firstAt.plusNanos(1_000_000_000L * i / count));
	}

	private static void insert(DataSource dataSource, String taskName, int count,
			java.util.function.IntFunction<Instant> times) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		for (int from = 0; from < count; from += 2000) {
			List<Object[]> rows = new ArrayList<>();
			for (int i = from; i < Math.min(count, from + 2000); i++) {
				String name = (taskName != null) ? taskName : "every-" + i;
				String instance = (taskName != null) ? "job-" + i : RecurringTask.INSTANCE;
				rows.add(new Object[] { name, instance, Timestamp.from(times.apply(i)) });
			}
			jdbc.batchUpdate("INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version)"
					+ " VALUES (?, ?, ?, FALSE, 1)", rows);
		}
	}

	@Override
	public Running start(DataSource dataSource, String node, Execution executed) {
		OneTimeTask<Void> noop = Tasks.oneTime("noop")
			.execute((instance, context) -> executed.executed(Integer.parseInt(instance.getId().substring(4)),
					context.getExecution().getExecutionTime()));
		return start(dataSource, List.of(noop));
	}

	@Override
	public Running startRecurring(DataSource dataSource, String node, int count, Execution executed) {
		List<com.github.kagkarlsson.scheduler.task.Task<?>> tasks = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			int job = i;
			tasks.add(Tasks.recurring("every-" + i, FixedDelay.ofSeconds(1))
				.execute((instance, context) -> executed.executed(job, context.getExecution().getExecutionTime())));
		}
		return start(dataSource, tasks);
	}

	/** Starts a node with 10 threads, lock-and-fetch polling every 100 ms. */
	private static Running start(DataSource dataSource, List<com.github.kagkarlsson.scheduler.task.Task<?>> tasks) {
		Scheduler scheduler = Scheduler.create(dataSource, tasks)
			.threads(10)
			.pollingInterval(Duration.ofMillis(100))
			.pollUsingLockAndFetch(0.5, 1.0)
			.build();
		scheduler.start();
		return scheduler::stop;
	}

}
