/**
 * End-to-end workloads of the engine, each run on Takt and on Quartz's {@code RAMJobStore} in the
 * same invocation, a fresh JVM per run: {@link dev.takt.scheduler.benchmarks.engine.EngineBenchmarks}
 * launches them and reports medians and ratios, {@code WorkloadRunner} runs one.
 */
@NullMarked
package dev.takt.scheduler.benchmarks.engine;

import org.jspecify.annotations.NullMarked;
