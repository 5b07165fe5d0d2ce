package dev.takt.scheduler.store.jdbc;

import java.time.Duration;
import java.time.Instant;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.takt.scheduler.JobResult;
import dev.takt.scheduler.Scheduler;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One scheduler node in a JVM of its own, for {@link PostgresCrashTests}: a
 * {@link JdbcJobStore} on PostgreSQL and two handlers that write every execution to the
 * {@code <prefix>executions} table: {@code quick} writes one row, {@code slow} writes a row when
 * it starts, works for three seconds and writes another when it finishes. Prints {@code READY}
 * once started, and stops by itself after a minute.
 * <p>
 * Arguments: the JDBC URL, the table prefix, the node's name, the lease time in milliseconds.
 */
public final class CrashTestNode {

	private CrashTestNode() {
	}

	/**
	 * Runs the node.
	 * @param args the JDBC URL, the table prefix, the node name and the lease time in ms
	 * @throws InterruptedException never in practice
	 */
	public static void main(String[] args) throws InterruptedException {
		String url = args[0];
		String prefix = args[1];
		String node = args[2];
		Duration lease = Duration.ofMillis(Long.parseLong(args[3]));
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		config.setMaximumPoolSize(13);
		HikariDataSource pool = new HikariDataSource(config);
		JdbcTemplate jdbc = new JdbcTemplate(pool);
		String insert = "INSERT INTO " + prefix + "executions (job_id, node, attempt, event, at) VALUES (?, ?, ?, ?, ?)";
		Scheduler scheduler = Scheduler.builder()
			.name(node)
			.jobStore(JdbcJobStore.builder(pool)
				.database(JdbcDatabase.POSTGRESQL)
				.tablePrefix(prefix)
				.owner(node)
				.leaseTime(lease)
				.build())
			.maxWait(Duration.ofMillis(100))
			.handler("quick", (context) -> {
				jdbc.update(insert, context.jobId(), node, context.attempt(), "ran", Micros.of(Instant.now()));
				return JobResult.success();
			})
			.handler("slow", (context) -> {
				jdbc.update(insert, context.jobId(), node, context.attempt(), "started", Micros.of(Instant.now()));
				Thread.sleep(3_000);
				jdbc.update(insert, context.jobId(), node, context.attempt(), "finished", Micros.of(Instant.now()));
				return JobResult.success();
			})
			.build();
		scheduler.start();
		System.out.println("READY " + node);
		System.out.flush();
		Thread.sleep(60_000);
		scheduler.shutdown(Duration.ofSeconds(5));
		pool.close();
	}

}
