package dev.takt.scheduler.benchmarks.observability;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import dev.takt.scheduler.JobResult;
import dev.takt.scheduler.JobSpec;
import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.SchedulerManager;
import dev.takt.scheduler.boot.metrics.SchedulerMetrics;
import dev.takt.scheduler.trigger.DateTrigger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The engine's backlog benchmark with observability off and on: 100,000 one-off no-op jobs, all
 * due now, stored before the scheduler starts; the time is from {@code start()} until the last
 * run has finished. Three setups, run in alternation over several rounds in one JVM (after
 * warm-up rounds), and their medians compared:
 * <ul>
 * <li>{@code bare}: no listener at all (events are not even built);</li>
 * <li>{@code observed}: the Micrometer binder of the Spring Boot module on a
 * {@code SimpleMeterRegistry}, without the job tag (as advised for many generated job ids), and a
 * listener of every event (what publishing them as Spring events costs the engine, less Spring's
 * own dispatch);</li>
 * <li>{@code observed-job-tag}: the same with the job tag, so one timer per job: 100,000
 * timers, the worst case the {@code job-tag} property exists for.</li>
 * </ul>
 * Each drain is measured twice: wall-clock time, and the CPU time the whole process spent on it
 * (every thread, GC and JIT included), which holds up better on a machine shared with other work.
 * Run with {@code java -cp scheduler-benchmarks/target/benchmarks.jar
 * dev.takt.scheduler.benchmarks.observability.ObservabilityOverhead [jobs] [rounds] [warm-up rounds]}.
 */
public final class ObservabilityOverhead {

	private ObservabilityOverhead() {
	}

	enum Setup {

		BARE, EVENTS, METRICS, OBSERVED, OBSERVED_JOB_TAG;

		String label() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

	/**
	 * Runs the benchmark and prints each round and the medians.
	 * @param args the number of jobs (100,000) and of measured rounds (7)
	 * @throws InterruptedException when interrupted
	 */
	public static void main(String[] args) throws InterruptedException {
		int jobs = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 7;
		int warmups = (args.length > 2) ? Integer.parseInt(args[2]) : 5;
		System.out.printf("Backlog of %,d one-off no-op jobs, %d warm-up and %d measured rounds, Java %s, %d cores%n",
				jobs, warmups, rounds, Runtime.version(), Runtime.getRuntime().availableProcessors());
		Map<Setup, List<Double>> times = new EnumMap<>(Setup.class);
		Map<Setup, List<Double>> cpu = new EnumMap<>(Setup.class);
		for (int round = -warmups; round < rounds; round++) {
			for (int i = 0; i < Setup.values().length; i++) {
				// rotate the order each round, so that no setup always runs after the same one
				Setup setup = Setup.values()[Math.floorMod(i + round, Setup.values().length)];
				double[] measured = drain(jobs, setup);
				System.out.printf("round %2d %-17s %8.1f ms wall %8.1f ms cpu  %,9.0f runs/s%n", round, setup.label(),
						measured[0], measured[1], jobs / (measured[0] / 1000));
				if (round >= 0) {
					times.computeIfAbsent(setup, (key) -> new ArrayList<>()).add(measured[0]);
					cpu.computeIfAbsent(setup, (key) -> new ArrayList<>()).add(measured[1]);
				}
			}
		}
		double bare = median(times.get(Setup.BARE));
		double bareCpu = median(cpu.get(Setup.BARE));
		System.out.println();
		System.out.printf("%-17s %10s %12s %9s %12s %9s%n", "setup", "wall ms", "runs/s", "overhead", "cpu ms",
				"overhead");
		for (Setup setup : Setup.values()) {
			double median = median(times.get(setup));
			double medianCpu = median(cpu.get(setup));
			System.out.printf("%-17s %10.1f %,12.0f %8.1f%% %12.1f %8.1f%%%n", setup.label(), median,
					jobs / (median / 1000), (median / bare - 1) * 100, medianCpu, (medianCpu / bareCpu - 1) * 100);
		}
	}

	/** Drains one backlog; returns the wall-clock and the process CPU milliseconds it took. */
	private static double[] drain(int jobs, Setup setup) throws InterruptedException {
		CountDownLatch done = new CountDownLatch(jobs);
		Scheduler scheduler = Scheduler.builder().name("backlog").handler("noop", (context) -> {
			done.countDown();
			return JobResult.success();
		}).build();
		LongAdder events = new LongAdder();
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		if (setup == Setup.METRICS || setup == Setup.OBSERVED || setup == Setup.OBSERVED_JOB_TAG) {
			new SchedulerMetrics(SchedulerManager.of(scheduler), setup == Setup.OBSERVED_JOB_TAG).bindTo(registry);
		}
		if (setup == Setup.EVENTS || setup == Setup.OBSERVED || setup == Setup.OBSERVED_JOB_TAG) {
			scheduler.addListener((event) -> events.increment());
		}
		Instant now = Instant.now();
		for (int i = 0; i < jobs; i++) {
			scheduler.addJob(JobSpec.builder("noop").id("job-" + i).trigger(DateTrigger.at(now)).misfireGraceTime(null)
				.build());
		}
		// the garbage of the previous round (100,000 timers after a job-tag round) is not this round's cost
		System.gc();
		Thread.sleep(200);
		long start = System.nanoTime();
		long cpuStart = processCpuNanos();
		scheduler.start();
		if (!done.await(5, TimeUnit.MINUTES)) {
			throw new IllegalStateException("Backlog not drained: " + done.getCount() + " runs left");
		}
		long elapsed = System.nanoTime() - start;
		long cpuElapsed = processCpuNanos() - cpuStart;
		scheduler.shutdown();
		if (events.sum() > 0 && events.sum() < jobs) {
			throw new IllegalStateException("Listener saw only " + events.sum() + " events");
		}
		registry.close();
		return new double[] { elapsed / 1e6, cpuElapsed / 1e6 };
	}

	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		sorted.sort(null);
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

}
