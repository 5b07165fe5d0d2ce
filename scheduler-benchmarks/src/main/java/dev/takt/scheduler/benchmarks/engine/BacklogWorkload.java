package dev.takt.scheduler.benchmarks.engine;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.takt.scheduler.benchmarks.engine.SchedulerUnderTest.Contender;

/**
 * A backlog: many one-off no-op jobs, all due at the same instant, added to a scheduler that is
 * not started yet; measured from {@code start()} until the last one ran. A smaller backlog on a
 * scheduler of its own runs first, so the measured one runs compiled code.
 */
final class BacklogWorkload implements Workload {

	private static final long TIMEOUT_SECONDS = 300;

	private final int jobs;

	BacklogWorkload(int jobs) {
		this.jobs = jobs;
	}

	@Override
	public Map<Metric, Double> run(Contender contender) throws InterruptedException {
		drain(contender, Math.max(1, this.jobs / 5));
		long nanos = drain(contender, this.jobs);
		Map<Metric, Double> result = new LinkedHashMap<>();
		result.put(Metric.FIRES_PER_SECOND, this.jobs * 1e9 / nanos);
		result.put(Metric.SECONDS, nanos / 1e9);
		return result;
	}

	/** Runs a backlog of {@code count} jobs; returns the nanoseconds from start to the last fire. */
	private static long drain(Contender contender, int count) throws InterruptedException {
		AtomicInteger remaining = new AtomicInteger(count);
		AtomicLong lastFire = new AtomicLong();
		CountDownLatch done = new CountDownLatch(1);
		try (SchedulerUnderTest scheduler = contender.create()) {
			Instant due = Instant.now();
			for (int i = 0; i < count; i++) {
				scheduler.addOneOff("job-" + i, due);
			}
			Probe.install((scheduled) -> {
				if (remaining.decrementAndGet() == 0) {
					lastFire.set(System.nanoTime());
					done.countDown();
				}
			});
			Heap.collect();
			long start = System.nanoTime();
			scheduler.start();
			if (!done.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				throw new IllegalStateException(remaining.get() + " of " + count + " jobs had not run after "
						+ TIMEOUT_SECONDS + " s");
			}
			Thread.sleep(200);
			if (remaining.get() != 0) {
				throw new IllegalStateException((-remaining.get()) + " jobs ran more than once");
			}
			return lastFire.get() - start;
		}
		finally {
			Probe.install((scheduled) -> {
			});
		}
	}

}
