package dev.takt.scheduler.benchmarks.jdbc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * One scheduler instance in a JVM of its own, driven by {@link JdbcWorkloads} over standard in
 * and out: prints {@code READY}, starts on {@code GO}, prints {@code COUNT <executions>
 * <epoch ms of the last>} every 50 ms, and on {@code STOP} stops the scheduler, writes its
 * executions to a file and prints {@code DONE}.
 * <p>
 * Arguments: contender, node name, {@code oneoff} or {@code recurring}, number of jobs, output
 * file. System properties {@code bench.url} and {@code bench.user} name the database.
 */
public final class BenchmarkNode {

	private BenchmarkNode() {
	}

	/**
	 * Runs the node.
	 * @param args contender, node, workload, jobs, output file
	 * @throws Exception on any failure, which ends the JVM
	 */
	public static void main(String[] args) throws Exception {
		Contender contender = Contender.named(args[0]);
		String node = args[1];
		boolean recurring = args[2].equals("recurring");
		int jobs = Integer.parseInt(args[3]);
		Path out = Path.of(args[4]);
		HikariDataSource pool = null;
		if (!contender.ownPool()) {
			HikariConfig config = new HikariConfig();
			config.setJdbcUrl(JdbcWorkloads.url());
			config.setUsername(JdbcWorkloads.user());
			config.setMaximumPoolSize(13);
			config.setMinimumIdle(13);
			pool = new HikariDataSource(config);
			pool.getConnection().close();
		}
		AtomicIntegerArray counts = new AtomicIntegerArray(jobs);
		AtomicLong total = new AtomicLong();
		AtomicLong last = new AtomicLong();
		int capacity = recurring ? jobs * 40 : 0;
		int[] fireJobs = new int[capacity];
		long[] fireTimes = new long[capacity];
		long[] lateness = new long[capacity];
		AtomicInteger fires = new AtomicInteger();
		Contender.Execution executed = (job, scheduled) -> {
			long now = System.currentTimeMillis();
			if (recurring) {
				int slot = fires.getAndIncrement();
				if (slot < capacity) {
					fireJobs[slot] = job;
					fireTimes[slot] = scheduled.toEpochMilli();
					lateness[slot] = now - scheduled.toEpochMilli();
				}
			}
			else {
				counts.incrementAndGet(job);
			}
			last.set(now);
			total.incrementAndGet();
		};
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		PrintWriter stdout = new PrintWriter(System.out, true);
		stdout.println("READY " + node);
		String line = in.readLine();
		if (line == null || !line.startsWith("GO")) {
			System.exit(2);
		}
		Contender.Running running = recurring ? contender.startRecurring(pool, node, jobs, executed)
				: contender.start(pool, node, executed);
		Thread progress = new Thread(() -> {
			while (!Thread.currentThread().isInterrupted()) {
				stdout.println("COUNT " + total.get() + " " + last.get());
				try {
					Thread.sleep(50);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
		progress.setDaemon(true);
		progress.start();
		while ((line = in.readLine()) != null && !line.startsWith("STOP")) {
			// wait for STOP
		}
		running.stop();
		progress.interrupt();
		write(out, recurring, counts, fires.get(), fireJobs, fireTimes, lateness);
		stdout.println("COUNT " + total.get() + " " + last.get());
		stdout.println("DONE " + node);
		if (pool != null) {
			pool.close();
		}
		System.exit(0);
	}

	private static void write(Path out, boolean recurring, AtomicIntegerArray counts, int fires, int[] jobs, long[] times,
			long[] lateness) throws IOException {
		StringBuilder text = new StringBuilder();
		if (recurring) {
			for (int i = 0; i < Math.min(fires, jobs.length); i++) {
				text.append(jobs[i]).append(' ').append(times[i]).append(' ').append(lateness[i]).append('\n');
			}
		}
		else {
			for (int i = 0; i < counts.length(); i++) {
				if (counts.get(i) != 0) {
					text.append(i).append(' ').append(counts.get(i)).append('\n');
				}
			}
		}
		Files.writeString(out, text, StandardCharsets.UTF_8);
	}

}
