/**
 * End-to-end workloads of schedulers that keep their jobs in PostgreSQL: Takt's
 * {@code JdbcJobStore}, db-scheduler (lock-and-fetch) and Quartz's clustered {@code JobStoreTX},
 * side by side in one run, each scheduler instance in a JVM of its own
 * ({@link dev.takt.scheduler.benchmarks.jdbc.BenchmarkNode}) with 10 worker threads and a pool of
 * at most 13 connections. {@link dev.takt.scheduler.benchmarks.jdbc.JdbcWorkloads} runs them and
 * prints the tables of BENCHMARKS.md §3.
 */
@NullMarked
package dev.takt.scheduler.benchmarks.jdbc;

import org.jspecify.annotations.NullMarked;
