package dev.takt.scheduler.benchmarks.engine;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.takt.scheduler.benchmarks.engine.SchedulerUnderTest.Contender;

/**
 * Runs one workload on one contender in this JVM and prints the measurements, one
 * {@code RESULT metric value} line each, for {@link EngineBenchmarks} to collect. It can also be run
 * by hand:
 * <pre>
 * java -cp scheduler-benchmarks/target/benchmarks.jar dev.takt.scheduler.benchmarks.engine.WorkloadRunner \
 *     --workload=backlog --contender=quartz
 * </pre>
 */
public final class WorkloadRunner {

	private WorkloadRunner() {
	}

	/**
	 * Runs the workload.
	 * @param args {@code --workload=NAME --contender=NAME}, optionally {@code --jobs=N --seconds=N}
	 * @throws InterruptedException when interrupted
	 */
	public static void main(String[] args) throws InterruptedException {
		Map<String, String> options = options(args);
		String workloadName = required(options, "workload");
		Contender contender = contender(required(options, "contender"));
		Workload workload = Workload.named(workloadName, options);
		System.out.println(
				"JVM " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
		System.out.println("CONFIG " + contender.configuration());
		Map<Metric, Double> result = workload.run(contender);
		result.forEach((metric, value) -> System.out.println("RESULT " + metric.name() + " " + value));
		System.exit(0);
	}

	/**
	 * Returns the contender of the given name.
	 * @param name {@code quartz}, {@code takt} or {@code takt-virtual}
	 * @return the contender
	 */
	static Contender contender(String name) {
		return switch (name) {
			case "quartz" -> QuartzUnderTest.contender();
			case "takt" -> TaktUnderTest.contender(false);
			case "takt-virtual" -> TaktUnderTest.contender(true);
			default -> throw new IllegalArgumentException(
					"Unknown contender '" + name + "': expected quartz, takt or takt-virtual");
		};
	}

	static Map<String, String> options(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("Expected --name=value, got '" + arg + "'");
			}
			int equals = arg.indexOf('=');
			options.put(arg.substring(2, equals), arg.substring(equals + 1));
		}
		return options;
	}

	private static String required(Map<String, String> options, String name) {
		@Nullable String value = options.get(name);
		if (value == null) {
			throw new IllegalArgumentException("Missing --" + name + "=...");
		}
		return value;
	}

}
