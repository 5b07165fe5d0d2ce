package dev.takt.scheduler.benchmarks.engine;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.takt.scheduler.benchmarks.engine.SchedulerUnderTest.Contender;

/**
 * One end-to-end workload, written once against {@link SchedulerUnderTest} and run in a fresh JVM
 * per contender.
 */
interface Workload {

	/**
	 * Runs the workload once and measures it.
	 * @param contender the scheduler to run it on
	 * @return the measurements, by metric name (see {@link Metric}), in report order
	 * @throws InterruptedException when interrupted while waiting for fires
	 */
	Map<Metric, Double> run(Contender contender) throws InterruptedException;

	/**
	 * Returns the workload of the given name, sized by the given options.
	 * @param name {@code backlog}, {@code periodic-aligned}, {@code periodic-staggered} or
	 * {@code scale}
	 * @param options the options of the command line ({@code jobs}, {@code seconds})
	 * @return the workload
	 */
	static Workload named(String name, Map<String, String> options) {
		return switch (name) {
			case "backlog" -> new BacklogWorkload(intOption(options, "jobs", 100_000));
			case "periodic-aligned" -> new PeriodicWorkload(false, intOption(options, "jobs", 10_000),
					intOption(options, "seconds", 20));
			case "periodic-staggered" -> new PeriodicWorkload(true, intOption(options, "jobs", 10_000),
					intOption(options, "seconds", 20));
			case "scale" -> new ScaleWorkload(intOption(options, "jobs", 1_000_000));
			default -> throw new IllegalArgumentException("Unknown workload '" + name
					+ "': expected backlog, periodic-aligned, periodic-staggered or scale");
		};
	}

	private static int intOption(Map<String, String> options, String name, int defaultValue) {
		@Nullable String value = options.get(name);
		return (value != null) ? Integer.parseInt(value.replace("_", "")) : defaultValue;
	}

}
