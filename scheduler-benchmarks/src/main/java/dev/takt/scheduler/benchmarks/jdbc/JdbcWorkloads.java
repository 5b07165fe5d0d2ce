package dev.takt.scheduler.benchmarks.jdbc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Runs the JDBC workloads on the local PostgreSQL and prints their tables:
 * <ul>
 * <li>{@code oneoff}: N one-off no-op jobs all due now; the time from starting the nodes until
 * the last ran, as executions per second; every job checked to have run exactly once.</li>
 * <li>{@code recurring}: N jobs firing every second, their first fires spread evenly over a
 * second, measured for a number of seconds after a warm-up of {@link #WARM_UP_MILLIS} (system
 * property {@code bench.warmUpMillis}): fires per second, missed fires, lateness p50 / p99 / max,
 * and fires run more than once.</li>
 * </ul>
 * Each scheduler instance runs in a JVM of its own ({@link BenchmarkNode}), with 10 worker threads
 * and a pool of at most 13 connections; 1 or 2 nodes per run.
 * <pre>
 * java -cp scheduler-benchmarks/target/benchmarks.jar dev.takt.scheduler.benchmarks.jdbc.JdbcWorkloads \
 *     oneoff takt,db-scheduler,quartz 1,2 20000,100000
 * java -cp ... JdbcWorkloads recurring takt,db-scheduler 1,2 1000,10000 20
 * </pre>
 * The database is {@code jdbc:postgresql://127.0.0.1:5432/test} as user {@code postgres} unless
 * the system properties {@code bench.url} and {@code bench.user} say otherwise; options for the
 * nodes' JVMs (a flight recording, say, where {@code {node}} stands for the node's name) go in
 * {@code bench.nodeOptions}.
 */
public final class JdbcWorkloads {

	/**
	 * How long the recurring jobs fire before the measured window opens: the fires of the first
	 * seconds after the nodes' JVMs start (class loading, compilation, every job read for the first
	 * time) are not counted, for any contender.
	 */
	static final long WARM_UP_MILLIS = Long.getLong("bench.warmUpMillis", 2000);

	private JdbcWorkloads() {
	}

	static String url() {
		return System.getProperty("bench.url", "jdbc:postgresql://127.0.0.1:5432/test");
	}

	static String user() {
		return System.getProperty("bench.user", "postgres");
	}

	/**
	 * Runs a workload.
	 * @param args workload, contenders, node counts, job counts, and for {@code recurring} seconds
	 * @throws Exception on any failure
	 */
	public static void main(String[] args) throws Exception {
		String workload = args[0];
		List<String> contenders = List.of(args[1].split(","));
		int[] nodeCounts = Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray();
		int[] jobCounts = Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray();
		int seconds = (args.length > 4) ? Integer.parseInt(args[4]) : 20;
		List<String> rows = new ArrayList<>();
		for (int jobs : jobCounts) {
			for (int nodes : nodeCounts) {
				for (String name : contenders) {
					String row = workload.equals("recurring") ? recurring(Contender.named(name), nodes, jobs, seconds)
							: oneOff(Contender.named(name), nodes, jobs);
					System.out.println(row);
					rows.add(row);
				}
			}
		}
		System.out.println();
		System.out.println(workload.equals("recurring")
				? "| scheduler | nodes | jobs | fires/s | missed | late p50 ms | late p99 ms | late max ms | duplicates |"
				: "| scheduler | nodes | jobs | seconds | executions/s | ran once | duplicates | missing |");
		System.out.println(workload.equals("recurring") ? "|---|---|---|---|---|---|---|---|---|"
				: "|---|---|---|---|---|---|---|---|");
		rows.forEach(System.out::println);
	}

	private static HikariDataSource setupPool() {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url());
		config.setUsername(user());
		config.setMaximumPoolSize(4);
		return new HikariDataSource(config);
	}

	private static String oneOff(Contender contender, int nodeCount, int jobs) throws Exception {
		try (HikariDataSource setup = setupPool()) {
			contender.createTables(setup);
			contender.loadOneOffJobs(setup, jobs, Instant.now());
			new JdbcTemplate(setup).execute("VACUUM ANALYZE");
		}
		List<Node> nodes = startNodes(contender, nodeCount, "oneoff", jobs);
		long start = System.currentTimeMillis();
		nodes.forEach(Node::go);
		long deadline = start + 600_000;
		while (nodes.stream().mapToLong((node) -> node.count.get()).sum() < jobs && System.currentTimeMillis() < deadline) {
			Thread.sleep(20);
		}
		Thread.sleep(1000); // a late duplicate would show in this second
		nodes.forEach(Node::stop);
		long end = nodes.stream().mapToLong((node) -> node.last.get()).max().orElse(start);
		int[] counts = new int[jobs];
		for (Node node : nodes) {
			for (String line : Files.readAllLines(node.out)) {
				String[] parts = line.split(" ");
				counts[Integer.parseInt(parts[0])] += Integer.parseInt(parts[1]);
			}
		}
		long once = Arrays.stream(counts).filter((c) -> c == 1).count();
		long duplicates = Arrays.stream(counts).filter((c) -> c > 1).count();
		long missing = Arrays.stream(counts).filter((c) -> c == 0).count();
		double secondsTaken = (end - start) / 1000.0;
		return String.format("| %s | %d | %,d | %.2f | %,.0f | %s | %d | %d |", contender.name(), nodeCount, jobs,
				secondsTaken, jobs / secondsTaken, (once == jobs) ? "yes" : "NO", duplicates, missing);
	}

	private static String recurring(Contender contender, int nodeCount, int jobs, int seconds) throws Exception {
		// time to load the jobs and start the nodes before the first fire, so that the window measures
		// the schedulers, not their start
		Instant first = Instant.now().plusSeconds(5).plusMillis(jobs / 2).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		try (HikariDataSource setup = setupPool()) {
			contender.createTables(setup);
			contender.loadRecurringJobs(setup, jobs, first);
			new JdbcTemplate(setup).execute("VACUUM ANALYZE");
		}
		List<Node> nodes = startNodes(contender, nodeCount, "recurring", jobs);
		nodes.forEach(Node::go);
		long lead = first.toEpochMilli() - System.currentTimeMillis();
		if (lead < 1000) {
			System.err.printf("%s: the nodes started only %d ms before the first fire%n", contender.name(), lead);
		}
		long windowStart = first.toEpochMilli() + WARM_UP_MILLIS;
		long windowEnd = windowStart + seconds * 1000L;
		while (System.currentTimeMillis() < windowEnd + 3000) {
			Thread.sleep(100);
		}
		nodes.forEach(Node::stop);
		Map<Long, Integer> fires = new HashMap<>();
		List<Long> lateness = new ArrayList<>();
		for (Node node : nodes) {
			for (String line : Files.readAllLines(node.out)) {
				String[] parts = line.split(" ");
				long scheduled = Long.parseLong(parts[1]);
				if (scheduled < windowStart || scheduled >= windowEnd) {
					continue;
				}
				fires.merge(Long.parseLong(parts[0]) * 10_000_000_000_000L + scheduled, 1, Integer::sum);
				lateness.add(Long.parseLong(parts[2]));
			}
		}
		long duplicates = fires.values().stream().filter((c) -> c > 1).count();
		long expected = (long) jobs * seconds;
		long missed = Math.max(0, expected - fires.size());
		lateness.sort(null);
		long p50 = percentile(lateness, 0.50);
		long p99 = percentile(lateness, 0.99);
		long max = lateness.isEmpty() ? 0 : lateness.get(lateness.size() - 1);
		return String.format("| %s | %d | %,d | %,.0f | %,d | %d | %d | %d | %d |", contender.name(), nodeCount, jobs,
				fires.size() / (double) seconds, missed, p50, p99, max, duplicates);
	}

	private static long percentile(List<Long> sorted, double p) {
		if (sorted.isEmpty()) {
			return 0;
		}
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
	}

	private static List<Node> startNodes(Contender contender, int count, String workload, int jobs) throws Exception {
		List<Node> nodes = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			nodes.add(new Node(contender, "node-" + i, workload, jobs));
		}
		for (Node node : nodes) {
			node.awaitReady();
		}
		return nodes;
	}

	/** A node's JVM and what it reports. */
	private static final class Node {

		final Process process;

		final Path out;

		final AtomicLong count = new AtomicLong();

		final AtomicLong last = new AtomicLong();

		private volatile boolean ready;

		private volatile boolean done;

		Node(Contender contender, String name, String workload, int jobs) throws IOException {
			this.out = Files.createTempFile("bench-" + name, ".txt");
			String java = ProcessHandle.current().info().command().orElse("java");
			List<String> command = new ArrayList<>(List.of(java, "-Xms512m", "-Xmx1g"));
			String options = System.getProperty("bench.nodeOptions", "").replace("{node}", name);
			if (!options.isBlank()) {
				command.addAll(List.of(options.trim().split("\\s+")));
			}
			command.addAll(List.of("-Dbench.url=" + url(), "-Dbench.user=" + user(), "-cp",
					System.getProperty("java.class.path"), BenchmarkNode.class.getName(), contender.name(), name, workload,
					Integer.toString(jobs), this.out.toString()));
			this.process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT)
				.start();
			Thread reader = new Thread(() -> {
				try (BufferedReader lines = new BufferedReader(
						new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
					String line;
					while ((line = lines.readLine()) != null) {
						if (line.startsWith("READY")) {
							this.ready = true;
						}
						else if (line.startsWith("COUNT")) {
							String[] parts = line.split(" ");
							this.count.set(Long.parseLong(parts[1]));
							this.last.set(Long.parseLong(parts[2]));
						}
						else if (line.startsWith("DONE")) {
							this.done = true;
						}
					}
				}
				catch (IOException ex) {
					// the node ended
				}
			});
			reader.setDaemon(true);
			reader.start();
		}

		void awaitReady() throws InterruptedException {
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (!this.ready) {
				if (!this.process.isAlive() || System.nanoTime() > deadline) {
					throw new IllegalStateException("A benchmark node did not start");
				}
				Thread.sleep(10);
			}
		}

		void go() {
			send("GO");
		}

		void stop() {
			send("STOP");
			try {
				this.process.waitFor();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			if (!this.done) {
				throw new IllegalStateException("A benchmark node ended without reporting");
			}
		}

		private void send(String line) {
			try {
				OutputStream in = this.process.getOutputStream();
				in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
				in.flush();
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
