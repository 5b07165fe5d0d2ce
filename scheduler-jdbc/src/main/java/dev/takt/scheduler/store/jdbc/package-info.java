/**
 * The SQL job store: {@link dev.takt.scheduler.store.jdbc.JdbcJobStore}, a clustered
 * {@link dev.takt.scheduler.store.JobStore} on a {@code DataSource}, and
 * {@link dev.takt.scheduler.store.jdbc.JdbcRunHistory}, the run history table.
 * <p>
 * One dialect per database ({@link dev.takt.scheduler.store.jdbc.JdbcDatabase}): H2,
 * PostgreSQL, MariaDB/MySQL and SQLite, each with its schema script,
 * {@code dev/takt/scheduler/store/jdbc/schema-<database>.sql}, applied by
 * {@link dev.takt.scheduler.store.jdbc.JdbcSchema} or copied into a Flyway or Liquibase
 * migration. Three tables, named with a prefix ({@code takt_} by default):
 * <ul>
 * <li>{@code takt_jobs}: one row per job: its id, next run time (null when paused), a version
 * that every claim and change increments, its handler name and the rest of the job as JSON
 * (name, trigger spec, args, kwargs, options, retry policy);</li>
 * <li>{@code takt_runs}: one row per run in progress or waiting for a retry: the node that owns it
 * and its lease, or the time its retry is due, the attempt, the run times, and the job as it was
 * claimed, so that a node that dies loses nothing;</li>
 * <li>{@code takt_run_history}: one row per finished run time, kept for a retention period.</li>
 * </ul>
 * Times are microseconds since the epoch (UTC) in {@code BIGINT} columns, as APScheduler keeps
 * epoch seconds: exact, comparable and the same in every database.
 */
@NullMarked
package dev.takt.scheduler.store.jdbc;

import org.jspecify.annotations.NullMarked;
