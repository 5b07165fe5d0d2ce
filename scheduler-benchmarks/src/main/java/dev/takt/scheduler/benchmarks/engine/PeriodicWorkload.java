package dev.takt.scheduler.benchmarks.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.takt.scheduler.benchmarks.engine.SchedulerUnderTest.Contender;

/**
 * Many no-op jobs on a one-second interval for a fixed window: fires per second and lateness
 * (the job's actual start minus its scheduled fire time). The jobs either all share the same
 * second ({@code aligned}: a burst of every job at each whole second) or are spread over it on
 * whole milliseconds ({@code staggered}: job {@code i} at {@code i mod 1000} ms past the second;
 * milliseconds because Quartz keeps fire times as {@link java.util.Date}).
 * <p>
 * The scheduler is started first; the jobs are added for a first fire a few seconds ahead, fire
 * for a two-second warm-up, and then only fires scheduled within the window count.
 */
final class PeriodicWorkload implements Workload {

	private static final Duration INTERVAL = Duration.ofSeconds(1);

	/** Time to add the jobs before they first fire. */
	private static final long LEAD_SECONDS = 3;

	/** Seconds the jobs fire before the window opens, so the window measures compiled code. */
	private static final long WARM_UP_SECONDS = 2;

	/** How long after the window closes the late fires may still come in. */
	private static final long DRAIN_SECONDS = 30;

	private final boolean staggered;

	private final int jobs;

	private final int seconds;

	PeriodicWorkload(boolean staggered, int jobs, int seconds) {
		this.staggered = staggered;
		this.jobs = jobs;
		this.seconds = seconds;
	}

	@Override
	public Map<Metric, Double> run(Contender contender) throws InterruptedException {
		int expected = this.jobs * this.seconds;
		long[] lateness = new long[expected];
		AtomicInteger claimed = new AtomicInteger();
		AtomicInteger recorded = new AtomicInteger();
		AtomicLong lastStart = new AtomicLong();
		Instant firstFires = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(LEAD_SECONDS);
		Instant windowStart = firstFires.plusSeconds(WARM_UP_SECONDS);
		long startMicros = windowStart.getEpochSecond() * 1_000_000L;
		long endMicros = startMicros + this.seconds * 1_000_000L;
		long wakeUpP99;
		try (SchedulerUnderTest scheduler = contender.create()) {
			Probe.install((scheduled) -> {
				long now = Probe.nowMicros();
				if (scheduled < startMicros || scheduled >= endMicros) {
					return;
				}
				int slot = claimed.getAndIncrement();
				if (slot < expected) {
					lateness[slot] = now - scheduled;
				}
				lastStart.accumulateAndGet(now, Math::max);
				recorded.incrementAndGet();
			});
			scheduler.start();
			for (int i = 0; i < this.jobs; i++) {
				Instant first = this.staggered ? firstFires.plusMillis(i % 1000) : firstFires;
				scheduler.addInterval("job-" + i, first, INTERVAL);
			}
			WakeUpProbe wakeUps = new WakeUpProbe(startMicros, endMicros);
			wakeUps.start();
			if (!Instant.now().isBefore(firstFires)) {
				throw new IllegalStateException("Adding " + this.jobs + " jobs took longer than the lead time of "
						+ LEAD_SECONDS + " s");
			}
			long deadline = endMicros + DRAIN_SECONDS * 1_000_000L;
			while (recorded.get() < expected && Probe.nowMicros() < deadline) {
				Thread.sleep(50);
			}
			wakeUps.join();
			wakeUpP99 = wakeUps.p99Micros();
		}
		finally {
			Probe.install((scheduled) -> {
			});
		}
		int fires = Math.min(recorded.get(), expected);
		if (claimed.get() > expected) {
			throw new IllegalStateException((claimed.get() - expected) + " fires more than scheduled");
		}
		if (fires < expected) {
			throw new IllegalStateException((expected - fires) + " of " + expected + " fires did not happen within "
					+ DRAIN_SECONDS + " s after the window");
		}
		long[] sorted = Arrays.copyOf(lateness, fires);
		Arrays.sort(sorted);
		double windowSeconds = Math.max(this.seconds, (lastStart.get() - startMicros) / 1e6);
		Map<Metric, Double> result = new LinkedHashMap<>();
		result.put(Metric.FIRES_PER_SECOND, fires / windowSeconds);
		result.put(Metric.LATENESS_MIN_MS, sorted[0] / 1e3);
		result.put(Metric.LATENESS_P50_MS, percentile(sorted, 0.50) / 1e3);
		result.put(Metric.LATENESS_P99_MS, percentile(sorted, 0.99) / 1e3);
		result.put(Metric.LATENESS_MAX_MS, sorted[sorted.length - 1] / 1e3);
		result.put(Metric.WAKE_UP_P99_MS, wakeUpP99 / 1e3);
		return result;
	}

	/**
	 * A thread that does nothing but sleep until every millisecond mark of the window (half-way
	 * between the staggered fire times) and note how late it woke: with the same JVM, machine and
	 * wake-up rate as a scheduler loop but none of its work, it shows the lateness the machine
	 * causes by itself (CPU taken by other processes, timer slack, GC). The rate matters: under
	 * load, Linux wakes a thread that sleeps for long at once, a thread that wakes every
	 * millisecond often several milliseconds late.
	 */
	private static final class WakeUpProbe extends Thread {

		private static final long PERIOD_MICROS = 1_000;

		private final long startMicros;

		private final long endMicros;

		private final long[] lateness;

		private int count;

		WakeUpProbe(long startMicros, long endMicros) {
			super("wake-up-probe");
			setDaemon(true);
			this.startMicros = startMicros;
			this.endMicros = endMicros;
			this.lateness = new long[(int) ((endMicros - startMicros) / PERIOD_MICROS) + 1];
		}

		@Override
		public void run() {
			for (long mark = this.startMicros + PERIOD_MICROS / 2; mark < this.endMicros; mark += PERIOD_MICROS) {
				long wait;
				while ((wait = mark - Probe.nowMicros()) > 0) {
					LockSupport.parkNanos(wait * 1_000L);
				}
				this.lateness[this.count++] = -wait;
			}
		}

		/** Call after {@link #join()}. */
		long p99Micros() {
			long[] sorted = Arrays.copyOf(this.lateness, this.count);
			Arrays.sort(sorted);
			return (sorted.length > 0) ? percentile(sorted, 0.99) : 0;
		}

	}

	/** The nearest-rank percentile of sorted values. */
	private static long percentile(long[] sorted, double fraction) {
		int rank = (int) Math.ceil(fraction * sorted.length);
		return sorted[Math.max(0, rank - 1)];
	}

}
