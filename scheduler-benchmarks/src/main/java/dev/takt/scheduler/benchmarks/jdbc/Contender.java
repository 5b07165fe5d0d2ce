package dev.takt.scheduler.benchmarks.jdbc;

import java.time.Instant;
import java.util.Locale;
import java.util.function.IntConsumer;

import javax.sql.DataSource;

/**
 * A scheduler under test on PostgreSQL: creates its tables and loads the jobs (in the
 * orchestrating JVM), then runs as one node (in a node's JVM).
 */
interface Contender {

	/** The contenders, by name. */
	static Contender named(String name) {
		return switch (name.toLowerCase(Locale.ROOT)) {
			case "takt" -> new TaktContender();
			case "db-scheduler" -> new DbSchedulerContender();
			case "quartz" -> new QuartzContender();
			default -> throw new IllegalArgumentException("Unknown scheduler '" + name + "' (takt, db-scheduler, quartz)");
		};
	}

	/** Returns the name of the contender. */
	String name();

	/** Returns whether the contender makes its own pool from the URL rather than take the node's. */
	default boolean ownPool() {
		return false;
	}

	/**
	 * Starts a node that runs the recurring jobs loaded by {@link #loadRecurringJobs}; by default as
	 * {@link #start}.
	 * @param dataSource the node's pool
	 * @param node the node's name
	 * @param jobs the number of recurring jobs
	 * @param executed told of every execution
	 * @return the running node
	 * @throws Exception when it cannot start
	 */
	default Running startRecurring(DataSource dataSource, String node, int jobs, Execution executed) throws Exception {
		return start(dataSource, node, executed);
	}

	/** Drops and creates the contender's tables. */
	void createTables(DataSource dataSource);

	/**
	 * Loads {@code count} one-off jobs numbered from 0, all due at {@code dueAt}.
	 * @param dataSource the database
	 * @param count the number of jobs
	 * @param dueAt when they are due
	 */
	void loadOneOffJobs(DataSource dataSource, int count, Instant dueAt);

	/**
	 * Loads {@code count} recurring jobs firing every second, the first fires spread evenly
	 * over the second that starts at {@code firstAt}.
	 * @param dataSource the database
	 * @param count the number of jobs
	 * @param firstAt when the first second starts
	 */
	void loadRecurringJobs(DataSource dataSource, int count, Instant firstAt);

	/**
	 * Starts a node: 10 worker threads, the given pool; every execution of job {@code i} calls
	 * {@code executed.accept(i)}.
	 * @param dataSource the node's pool
	 * @param node the node's name
	 * @param executed told of every execution
	 * @return the running node
	 * @throws Exception when it cannot start
	 */
	Running start(DataSource dataSource, String node, Execution executed) throws Exception;

	/** A started node. */
	interface Running {

		/** Stops the node. */
		void stop() throws Exception;

	}

	/** Told of each execution of a job: its number and its scheduled fire time. */
	@FunctionalInterface
	interface Execution {

		void executed(int job, Instant scheduled);

		/** Returns an execution listener that ignores the fire time. */
		static Execution of(IntConsumer consumer) {
			return (job, scheduled) -> consumer.accept(job);
		}

	}

}
