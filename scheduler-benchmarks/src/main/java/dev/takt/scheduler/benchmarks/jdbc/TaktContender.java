package dev.takt.scheduler.benchmarks.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.takt.scheduler.Job;
import dev.takt.scheduler.JobResult;
import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.SchedulerBuilder;
import dev.takt.scheduler.executor.ThreadPoolJobExecutor;
import dev.takt.scheduler.retry.RetryPolicy;
import dev.takt.scheduler.store.jdbc.JdbcDatabase;
import dev.takt.scheduler.store.jdbc.JdbcJobStore;
import dev.takt.scheduler.store.jdbc.JdbcSchema;
import dev.takt.scheduler.trigger.DateTrigger;
import dev.takt.scheduler.trigger.IntervalTrigger;
import dev.takt.scheduler.trigger.Trigger;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takt with its {@link JdbcJobStore}: batched claims ({@code FOR UPDATE SKIP LOCKED}, 256 a
 * transaction) and grouped completions. The claim window is the default unless the node's
 * system property {@code bench.claimAheadMillis} sets it (through {@code bench.nodeOptions}).
 */
final class TaktContender implements Contender {

	private static final String PREFIX = "bench_";

	@Override
	public String name() {
		return "Takt";
	}

	@Override
	public void createTables(DataSource dataSource) {
		JdbcSchema schema = JdbcSchema.of(JdbcDatabase.POSTGRESQL, PREFIX);
		schema.drop(dataSource);
		schema.create(dataSource);
	}

	@Override
	public void loadOneOffJobs(DataSource dataSource, int count, Instant dueAt) {
		load(dataSource, count, (i) -> job(i, DateTrigger.at(dueAt), dueAt));
	}

	@Override
	public void loadRecurringJobs(DataSource dataSource, int count, Instant firstAt) {
		load(dataSource, count, (i) -> {
			Instant first = firstAt.plusNanos(1_000_000_000L * i / count);
			return job(i, IntervalTrigger.every(Duration.ofSeconds(1)).withStartDate(first), first);
		});
	}

	private static void load(DataSource dataSource, int count, java.util.function.IntFunction<Job> jobs) {
		JdbcJobStore store = store(dataSource, "loader");
		TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		for (int from = 0; from < count; from += 2000) {
			int first = from;
			transaction.executeWithoutResult((status) -> {
				for (int i = first; i < Math.min(count, first + 2000); i++) {
					store.add(jobs.apply(i));
				}
			});
		}
	}

	private static Job job(int i, Trigger trigger, Instant next) {
		// no misfire grace time: a job due now runs however late the backlog makes it
		return new Job("job-" + i, "job-" + i, "noop", null, List.of(), Map.of(), trigger, "default", true, 1, null,
				RetryPolicy.none(), null, next);
	}

	private static JdbcJobStore store(DataSource dataSource, String node) {
		return JdbcJobStore.builder(dataSource).database(JdbcDatabase.POSTGRESQL).tablePrefix(PREFIX).owner(node).build();
	}

	@Override
	public Running start(DataSource dataSource, String node, Execution executed) {
		Scheduler scheduler = Scheduler.builder()
			.name(node)
			.jobStore(store(dataSource, node))
			.executor("default", ThreadPoolJobExecutor.ofSize(10))
			.maxWait(Duration.ofMillis(100))
			.claimAhead(Duration.ofMillis(Long.getLong("bench.claimAheadMillis",
					SchedulerBuilder.DEFAULT_CLAIM_AHEAD.toMillis())))
			.handler("noop", (context) -> {
				executed.executed(Integer.parseInt(context.jobId().substring(4)), context.scheduledFireTime());
				return JobResult.success();
			})
			.build();
		scheduler.start();
		return () -> scheduler.shutdown(Duration.ofSeconds(10));
	}

}
