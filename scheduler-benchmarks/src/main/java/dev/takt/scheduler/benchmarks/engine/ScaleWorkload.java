package dev.takt.scheduler.benchmarks.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import dev.takt.scheduler.benchmarks.engine.SchedulerUnderTest.Contender;

/**
 * A million scheduled jobs: the heap each one keeps (after full GC, before and after adding them
 * all), how fast they are added, and how fast they are removed again in random order. The jobs are
 * hourly interval jobs whose first fires are spread over a day from tomorrow on, so none fires
 * while the scheduler runs.
 */
final class ScaleWorkload implements Workload {

	private static final Duration INTERVAL = Duration.ofHours(1);

	private static final long SPREAD_MILLIS = Duration.ofDays(1).toMillis();

	private final int jobs;

	ScaleWorkload(int jobs) {
		this.jobs = jobs;
	}

	@Override
	public Map<Metric, Double> run(Contender contender) {
		Map<Metric, Double> result = new LinkedHashMap<>();
		try (SchedulerUnderTest scheduler = contender.create()) {
			scheduler.start();
			Instant firstRuns = Instant.now().plus(Duration.ofDays(1));
			long before = Heap.retainedBytes();
			long addStart = System.nanoTime();
			for (int i = 0; i < this.jobs; i++) {
				scheduler.addInterval("job-" + i, firstRuns.plusMillis(i * SPREAD_MILLIS / this.jobs), INTERVAL);
			}
			long addNanos = System.nanoTime() - addStart;
			long after = Heap.retainedBytes();
			int[] order = shuffled(this.jobs);
			Heap.collect();
			long removeStart = System.nanoTime();
			for (int i : order) {
				scheduler.remove("job-" + i);
			}
			long removeNanos = System.nanoTime() - removeStart;
			result.put(Metric.BYTES_PER_JOB, (double) (after - before) / this.jobs);
			result.put(Metric.ADDS_PER_SECOND, this.jobs * 1e9 / addNanos);
			result.put(Metric.REMOVES_PER_SECOND, this.jobs * 1e9 / removeNanos);
		}
		return result;
	}

	/** 0 to n - 1 in a random order, the same in every run. */
	private static int[] shuffled(int n) {
		int[] values = new int[n];
		for (int i = 0; i < n; i++) {
			values[i] = i;
		}
		SplittableRandom random = new SplittableRandom(42);
		for (int i = n - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			int swap = values[i];
			values[i] = values[j];
			values[j] = swap;
		}
		return values;
	}

}
