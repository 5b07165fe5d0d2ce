package dev.takt.scheduler.boot.autoconfigure;

import dev.takt.scheduler.store.JobStore;

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
	 * Builds the store of one scheduler instance; instances sharing a database keep their jobs
	 * apart by the instance name.
	 * @param url the parsed URL, one this factory {@linkplain #supports supports}
	 * @param schedulerName the name of the instance the store is for
	 * @return the store
	 */
	JobStore create(JobStoreUrl url, String schedulerName);

}
