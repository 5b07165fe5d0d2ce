package dev.takt.scheduler.benchmarks.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.DoubleSummaryStatistics;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.DoublePredicate;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Runs the end-to-end workloads on every contender, each run in a JVM of its own, for several
 * rounds (the order of the contenders rotating from round to round), and prints a Markdown report:
 * per workload and metric the median of the rounds, the ratio to Quartz's median, the goals met.
 * <pre>
 * java -cp scheduler-benchmarks/target/benchmarks.jar dev.takt.scheduler.benchmarks.engine.EngineBenchmarks \
 *     [--rounds=3] [--workloads=backlog,periodic-aligned,periodic-staggered,scale] \
 *     [--contenders=takt,quartz] [--java=/path/to/bin/java] [--jvm-args="-Xms4g -Xmx4g"] \
 *     [--realtime=true] [--out=report.md] [--jobs=N] [--seconds=N]
 * </pre>
 * {@code --jobs} and {@code --seconds} go to every workload (for a quick try: smaller sizes).
 * {@code --realtime=true} starts the periodic workloads' forks at real-time round-robin priority
 * ({@code chrt}, Linux, root or {@code CAP_SYS_NICE}): they use little CPU but wake every
 * millisecond, and on a loaded machine their lateness otherwise measures the other processes
 * more than the scheduler. The CPU-bound workloads always run at normal priority.
 */
public final class EngineBenchmarks {

	private static final List<String> WORKLOADS = List.of("backlog", "periodic-aligned", "periodic-staggered",
			"scale");

	private static final Map<String, String> DESCRIPTIONS = Map.of("backlog",
			"one-off no-op jobs, all due at once (default 100,000), added before start; time until all ran",
			"periodic-aligned",
			"no-op jobs on a 1 s interval (default 10,000 for 20 s), all on the same whole second",
			"periodic-staggered",
			"no-op jobs on a 1 s interval (default 10,000 for 20 s), spread over the second on whole milliseconds",
			"scale",
			"hourly jobs (default 1,000,000), none due: retained heap per job, adds/s filling, "
					+ "removes/s emptying in random order");

	private static final List<Goal> GOALS = List.of(
			Goal.relative("backlog", Metric.FIRES_PER_SECOND, "fires/s at least 3 x Quartz's", (ratio) -> ratio >= 3),
			Goal.relative("periodic-aligned", Metric.LATENESS_P99_MS, "p99 lateness at most 1/3 of Quartz's",
					(ratio) -> ratio <= 1.0 / 3),
			Goal.relative("periodic-staggered", Metric.LATENESS_P99_MS, "p99 lateness at most 1/3 of Quartz's",
					(ratio) -> ratio <= 1.0 / 3),
			Goal.absolute("periodic-staggered", Metric.LATENESS_P99_MS, "p99 lateness under 5 ms",
					(value) -> value < 5),
			Goal.relative("scale", Metric.BYTES_PER_JOB, "heap per job at most 1/3 of Quartz's",
					(ratio) -> ratio <= 1.0 / 3));

	private static final String BASELINE = "quartz";

	private static final long FORK_TIMEOUT_MINUTES = 15;

	private EngineBenchmarks() {
	}

	/**
	 * Runs the benchmarks.
	 * @param args see the class documentation
	 * @throws Exception when a fork cannot be started or the report not written
	 */
	public static void main(String[] args) throws Exception {
		Map<String, String> options = WorkloadRunner.options(args);
		int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
		List<String> workloads = list(options.get("workloads"), WORKLOADS);
		List<String> contenders = list(options.get("contenders"), List.of("takt", BASELINE));
		String java = options.getOrDefault("java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
		List<String> jvmArgs = list(options.get("jvm-args"), List.of("-Xms4g", "-Xmx4g", "-XX:+UseG1GC"), " ");
		List<String> forwarded = options.entrySet()
			.stream()
			.filter((option) -> option.getKey().equals("jobs") || option.getKey().equals("seconds"))
			.map((option) -> "--" + option.getKey() + "=" + option.getValue())
			.toList();
		for (String workload : workloads) {
			Workload.named(workload, Map.of());
		}
		contenders.forEach(WorkloadRunner::contender);

		boolean realtime = Boolean.parseBoolean(options.getOrDefault("realtime", "false"));
		Fork.Settings settings = new Fork.Settings(java, jvmArgs, forwarded, realtime);
		Results results = new Results();
		for (int round = 0; round < rounds; round++) {
			for (String workload : workloads) {
				for (String contender : rotated(contenders, round)) {
					System.err.printf("round %d/%d  %-18s  %-13s ", round + 1, rounds, workload, contender);
					Fork fork = Fork.run(settings, workload, contender);
					System.err.println(fork.summary());
					results.add(workload, contender, fork);
				}
			}
		}
		String report = report(settings, rounds, workloads, contenders, results);
		System.out.println(report);
		if (options.containsKey("out")) {
			Files.writeString(Path.of(options.get("out")), report, StandardCharsets.UTF_8);
		}
	}

	private static List<String> rotated(List<String> contenders, int round) {
		List<String> order = new ArrayList<>(contenders);
		Collections.rotate(order, -(round % contenders.size()));
		return order;
	}

	private static String report(Fork.Settings settings, int rounds, List<String> workloads, List<String> contenders,
			Results results) {
		StringBuilder out = new StringBuilder();
		out.append("Run of ").append(LocalDate.now()).append(": ").append(rounds)
			.append(" rounds, a fresh JVM per workload and contender, contenders alternating;")
			.append(" medians of the rounds.\n\n");
		out.append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
			.append(cpuModel()).append('\n');
		out.append("- load (1-minute average of the machine, before each fork): ").append(results.load()).append('\n');
		out.append("- JVM: ").append(results.jvm()).append(", options `").append(String.join(" ", settings.jvmArgs()))
			.append("`\n");
		out.append("- priority of the periodic workloads' forks: ")
			.append(settings.realtime() ? "real-time, `" + String.join(" ", Fork.REALTIME) + "`" : "normal")
			.append('\n');
		for (String contender : contenders) {
			out.append("- ").append(contender).append(": ").append(results.configuration(contender)).append('\n');
		}
		List<String> challengers = contenders.stream().filter((c) -> !c.equals(BASELINE)).toList();
		boolean hasBaseline = contenders.contains(BASELINE);
		for (String workload : workloads) {
			out.append("\n### ").append(workload).append("\n\n").append(DESCRIPTIONS.get(workload)).append(".\n\n");
			out.append("| metric |");
			contenders.forEach((c) -> out.append(' ').append(c).append(" |"));
			if (hasBaseline) {
				challengers.forEach((c) -> out.append(' ').append(c).append(" / ").append(BASELINE).append(" |"));
			}
			out.append(" runs |\n|---|");
			contenders.forEach((c) -> out.append("---:|"));
			if (hasBaseline) {
				challengers.forEach((c) -> out.append("---:|"));
			}
			out.append("---|\n");
			for (Metric metric : results.metrics(workload)) {
				out.append("| ").append(metric.label()).append(" |");
				for (String contender : contenders) {
					@Nullable Double median = results.median(workload, contender, metric);
					out.append(' ').append((median != null) ? metric.format(median) : "failed").append(" |");
				}
				if (hasBaseline) {
					for (String challenger : challengers) {
						@Nullable Double ratio = results.ratio(workload, challenger, BASELINE, metric);
						out.append(' ')
							.append((ratio != null) ? String.format(Locale.ROOT, "%.2f", ratio) : "n/a")
							.append(" |");
					}
				}
				out.append(' ');
				out.append(contenders.stream()
					.map((c) -> c + ": " + results.runs(workload, c, metric)
						.stream()
						.map(metric::format)
						.collect(Collectors.joining(", ")))
					.collect(Collectors.joining("; ")));
				out.append(" |\n");
			}
			for (String contender : contenders) {
				String failures = results.failures(workload, contender);
				if (!failures.isEmpty()) {
					out.append("\n").append(contender).append(" failed: ").append(failures).append('\n');
				}
			}
			for (Goal goal : GOALS) {
				if (!goal.workload().equals(workload)) {
					continue;
				}
				for (String challenger : challengers) {
					out.append("\nGoal ").append(challenger).append(": ").append(goal.text()).append(": ")
						.append(goal.verdict(results, challenger)).append('\n');
				}
			}
		}
		return out.toString();
	}

	private static String cpuModel() {
		try {
			return Files.readAllLines(Path.of("/proc/cpuinfo"))
				.stream()
				.filter((line) -> line.startsWith("model name"))
				.map((line) -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst()
				.orElse("unknown CPU");
		}
		catch (IOException ex) {
			return "unknown CPU";
		}
	}

	private static List<String> list(@Nullable String value, List<String> defaultValue) {
		return list(value, defaultValue, ",");
	}

	private static List<String> list(@Nullable String value, List<String> defaultValue, String separator) {
		if (value == null) {
			return defaultValue;
		}
		return Arrays.stream(value.trim().split(separator)).map(String::trim).filter((s) -> !s.isEmpty()).toList();
	}

	/** A goal of the issue, on one workload's metric, relative to Quartz's median or absolute. */
	private record Goal(String workload, Metric metric, String text, boolean relative, DoublePredicate met) {

		static Goal relative(String workload, Metric metric, String text, DoublePredicate met) {
			return new Goal(workload, metric, text, true, met);
		}

		static Goal absolute(String workload, Metric metric, String text, DoublePredicate met) {
			return new Goal(workload, metric, text, false, met);
		}

		String verdict(Results results, String challenger) {
			@Nullable Double value = this.relative ? results.ratio(this.workload, challenger, BASELINE, this.metric)
					: results.median(this.workload, challenger, this.metric);
			if (value == null) {
				return "not measured";
			}
			String shown = this.relative ? String.format(Locale.ROOT, "%.2f x", value)
					: this.metric.format(value);
			return (this.met.test(value) ? "**met**" : "**not met**") + " (" + shown + ")";
		}

	}

	/** The runs collected so far, by workload and contender. */
	private static final class Results {

		private final Map<String, Map<String, List<Fork>>> forks = new LinkedHashMap<>();

		void add(String workload, String contender, Fork fork) {
			this.forks.computeIfAbsent(workload, (w) -> new LinkedHashMap<>())
				.computeIfAbsent(contender, (c) -> new ArrayList<>())
				.add(fork);
		}

		private List<Fork> forks(String workload, String contender) {
			return this.forks.getOrDefault(workload, Map.of()).getOrDefault(contender, List.of());
		}

		private List<Fork> all() {
			return this.forks.values().stream().flatMap((m) -> m.values().stream()).flatMap(List::stream).toList();
		}

		List<Metric> metrics(String workload) {
			return this.forks.getOrDefault(workload, Map.of())
				.values()
				.stream()
				.flatMap(List::stream)
				.flatMap((fork) -> fork.result().keySet().stream())
				.distinct()
				.sorted()
				.toList();
		}

		List<Double> runs(String workload, String contender, Metric metric) {
			return forks(workload, contender).stream()
				.map((fork) -> fork.result().get(metric))
				.filter(Objects::nonNull)
				.toList();
		}

		@Nullable Double median(String workload, String contender, Metric metric) {
			List<Double> values = runs(workload, contender, metric).stream().sorted().toList();
			if (values.isEmpty()) {
				return null;
			}
			int middle = values.size() / 2;
			return (values.size() % 2 == 1) ? values.get(middle) : (values.get(middle - 1) + values.get(middle)) / 2;
		}

		@Nullable Double ratio(String workload, String challenger, String baseline, Metric metric) {
			@Nullable Double value = median(workload, challenger, metric);
			@Nullable Double base = median(workload, baseline, metric);
			if (value == null || base == null || base <= 0) {
				return null;
			}
			return value / base;
		}

		String failures(String workload, String contender) {
			return forks(workload, contender).stream()
				.map(Fork::failure)
				.filter(Objects::nonNull)
				.collect(Collectors.joining("; "));
		}

		String configuration(String contender) {
			return this.forks.values()
				.stream()
				.flatMap((m) -> m.getOrDefault(contender, List.of()).stream())
				.map(Fork::configuration)
				.filter(Objects::nonNull)
				.findFirst()
				.orElse("not run");
		}

		String load() {
			DoubleSummaryStatistics load = all().stream()
				.mapToDouble(Fork::load)
				.filter((l) -> l >= 0)
				.summaryStatistics();
			return (load.getCount() == 0) ? "unknown"
					: String.format(Locale.ROOT, "%.1f to %.1f", load.getMin(), load.getMax());
		}

		String jvm() {
			return all().stream().map(Fork::jvm).filter(Objects::nonNull).distinct().collect(Collectors.joining(", "));
		}

	}

	/** One workload run on one contender in a JVM of its own. */
	private record Fork(Map<Metric, Double> result, @Nullable String configuration, @Nullable String jvm,
			@Nullable String failure, double load) {

		/** How periodic forks are started with {@code --realtime}: round-robin real-time priority. */
		static final List<String> REALTIME = List.of("chrt", "--rr", "5");

		record Settings(String java, List<String> jvmArgs, List<String> forwarded, boolean realtime) {
		}

		static Fork run(Settings settings, String workload, String contender) throws IOException, InterruptedException {
			List<String> command = new ArrayList<>();
			if (settings.realtime() && workload.startsWith("periodic")) {
				command.addAll(REALTIME);
			}
			command.add(settings.java());
			command.addAll(settings.jvmArgs());
			command.add("-cp");
			command.add(System.getProperty("java.class.path"));
			command.add(WorkloadRunner.class.getName());
			command.add("--workload=" + workload);
			command.add("--contender=" + contender);
			command.addAll(settings.forwarded());
			double load = loadAverage();
			Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
			Map<Metric, Double> result = new EnumMap<>(Metric.class);
			@Nullable String configuration = null;
			@Nullable String jvm = null;
			List<String> other = new ArrayList<>();
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = reader.readLine()) != null) {
					if (line.startsWith("RESULT ")) {
						String[] parts = line.split(" ");
						result.put(Metric.valueOf(parts[1]), Double.parseDouble(parts[2]));
					}
					else if (line.startsWith("CONFIG ")) {
						configuration = line.substring(7);
					}
					else if (line.startsWith("JVM ")) {
						jvm = line.substring(4);
					}
					else {
						other.add(line);
					}
				}
			}
			if (!process.waitFor(FORK_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				return new Fork(result, configuration, jvm, "timed out after " + FORK_TIMEOUT_MINUTES + " min", load);
			}
			@Nullable String failure = (process.exitValue() != 0)
					? "exit " + process.exitValue() + (other.isEmpty() ? "" : ": " + String.join(" / ", other)) : null;
			return new Fork(result, configuration, jvm, failure, load);
		}

		/** The machine's 1-minute load average, or -1 where the system does not tell. */
		private static double loadAverage() {
			try {
				return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
			}
			catch (IOException | RuntimeException ex) {
				return -1;
			}
		}

		String summary() {
			if (this.failure != null) {
				return "FAILED " + this.failure;
			}
			return "load " + this.load + ": " + this.result.entrySet()
				.stream()
				.map((entry) -> entry.getKey().label() + " " + entry.getKey().format(entry.getValue()))
				.collect(Collectors.joining(", "));
		}

	}

}
