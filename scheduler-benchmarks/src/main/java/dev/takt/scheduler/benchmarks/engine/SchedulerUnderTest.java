package dev.takt.scheduler.benchmarks.engine;

import java.time.Duration;
import java.time.Instant;

/**
 * One scheduler as the end-to-end workloads drive it: the few operations they need, each done the
 * way a user of that scheduler would do it. Every job it runs is a no-op that reports its fire to
 * {@link Probe}, with the fire time the scheduler meant it for.
 * <p>
 * The workloads are written once against this interface; {@link QuartzUnderTest} and
 * {@link TaktUnderTest} are its two implementations, so both schedulers do exactly the same work.
 */
interface SchedulerUnderTest extends AutoCloseable {

	/**
	 * Adds a job that runs once, at {@code runAt} (or as soon as it can when that is past). A
	 * job added before {@link #start()} waits for it.
	 * @param id the job id
	 * @param runAt when to run it
	 */
	void addOneOff(String id, Instant runAt);

	/**
	 * Adds a job that runs every {@code interval}, first at {@code firstRun}.
	 * @param id the job id
	 * @param firstRun the first fire time
	 * @param interval the time between fires
	 */
	void addInterval(String id, Instant firstRun, Duration interval);

	/**
	 * Removes a job added before.
	 * @param id the job id
	 */
	void remove(String id);

	/** Starts firing jobs. */
	void start();

	/** Stops the scheduler without waiting for running jobs. */
	@Override
	void close();

	/**
	 * Creates the schedulers of one contender: the scheduler library and how it is configured.
	 */
	interface Contender {

		/**
		 * Returns the name the launcher and the report use.
		 * @return the name
		 */
		String name();

		/**
		 * Returns the configuration, as the report shows it.
		 * @return a one-line description
		 */
		String configuration();

		/**
		 * Creates a new, not yet started scheduler.
		 * @return the scheduler
		 */
		SchedulerUnderTest create();

	}

}
