package dev.takt.scheduler.boot.autoconfigure;

import java.util.Objects;

import dev.takt.scheduler.HandlerRegistry;
import dev.takt.scheduler.history.RunHistory;
import dev.takt.scheduler.store.JobStore;
import org.jspecify.annotations.Nullable;

/**
 * Builds job stores for the {@code scheduler.jobstore-url} forms it knows; the SQL and Redis store
 * modules each contribute one as a bean, and the auto-configuration asks every
 * {@code JobStoreFactory} bean, in order, for each instance's URL. The memory store and
 * {@code JobStore} beans named by the URL need no factory.
 */
public interface JobStoreFactory {

	/**
	 * Returns whether this factory builds a store for the given URL (a JDBC URL for a SQL store, a
	 * {@link JobStoreUrl.BeanReference} naming a {@code DataSource} bean, ...).
	 * @param url the parsed URL
	 * @return whether this factory builds it
	 */
	boolean supports(JobStoreUrl url);

	/**
	 * Builds the store of one scheduler instance, and the run history that goes with it, if any;
	 * instances sharing a database keep their jobs apart by the instance name.
	 * @param url the parsed URL, one this factory {@linkplain #supports supports}
	 * @param instance the instance the store is for
	 * @return the store, with its run history
	 * @throws InvalidSchedulerPropertyException when the store cannot be built as configured
	 */
	StoreSetup create(JobStoreUrl url, StoreContext instance);

	/**
	 * The scheduler instance a store is built for.
	 *
	 * @param schedulerName the instance's name
	 * @param jobstoreUrlProperty the property the URL comes from, for messages, such as
	 * {@code scheduler.instances.report.jobstore-url}
	 * @param handlers the instance's handlers, as the scheduler resolves them: a store shared by
	 * several nodes can leave the jobs whose handler this node lacks to a node that has it
	 */
	record StoreContext(String schedulerName, String jobstoreUrlProperty, HandlerRegistry handlers) {

		public StoreContext {
			Objects.requireNonNull(schedulerName, "schedulerName must not be null");
			Objects.requireNonNull(jobstoreUrlProperty, "jobstoreUrlProperty must not be null");
			Objects.requireNonNull(handlers, "handlers must not be null");
		}

	}

	/**
	 * A store built for an instance, and where the instance keeps its run history.
	 *
	 * @param store the store
	 * @param runHistory the run history, or {@code null} for the scheduler's default (in memory)
	 */
	record StoreSetup(JobStore store, @Nullable RunHistory runHistory) {

		public StoreSetup {
			Objects.requireNonNull(store, "store must not be null");
		}

		/**
		 * Returns a store that keeps no run history of its own.
		 * @param store the store
		 * @return the setup
		 */
		public static StoreSetup of(JobStore store) {
			return new StoreSetup(store, null);
		}

		/**
		 * Returns a store with its run history.
		 * @param store the store
		 * @param runHistory the run history
		 * @return the setup
		 */
		public static StoreSetup of(JobStore store, RunHistory runHistory) {
			return new StoreSetup(store, Objects.requireNonNull(runHistory, "runHistory must not be null"));
		}

	}

}
