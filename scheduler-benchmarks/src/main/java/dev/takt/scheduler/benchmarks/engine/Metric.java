package dev.takt.scheduler.benchmarks.engine;

import java.util.Locale;

/**
 * What a workload measures, with how the report shows it.
 */
enum Metric {

	/** Fires per second: of the backlog until it is empty, of the periodic jobs over their window. */
	FIRES_PER_SECOND("fires/s", "%,.0f", true),

	/** Seconds from start until the last fire of the backlog ran. */
	SECONDS("time to run all (s)", "%.3f", false),

	/** The lowest lateness; negative when a scheduler fires before the scheduled time. */
	LATENESS_MIN_MS("lateness min (ms)", "%.3f", false),

	/** Median lateness: actual start minus scheduled time. */
	LATENESS_P50_MS("lateness p50 (ms)", "%.3f", false),

	/** 99th percentile of lateness. */
	LATENESS_P99_MS("lateness p99 (ms)", "%.3f", false),

	/** Highest lateness. */
	LATENESS_MAX_MS("lateness max (ms)", "%.3f", false),

	/**
	 * 99th percentile of how late a plain thread that only sleeps to every millisecond wakes up,
	 * beside the scheduler in the same JVM: the lateness the machine causes by itself, the floor
	 * under the scheduler's.
	 */
	WAKE_UP_P99_MS("wake-up floor p99 (ms)", "%.3f", false),

	/** Retained heap per scheduled job, after full GC. */
	BYTES_PER_JOB("heap per job (bytes)", "%,.0f", false),

	/** Jobs added per second, filling the store. */
	ADDS_PER_SECOND("adds/s", "%,.0f", true),

	/** Jobs removed per second, in random order, emptying the store. */
	REMOVES_PER_SECOND("removes/s", "%,.0f", true);

	private final String label;

	private final String format;

	private final boolean higherIsBetter;

	Metric(String label, String format, boolean higherIsBetter) {
		this.label = label;
		this.format = format;
		this.higherIsBetter = higherIsBetter;
	}

	String label() {
		return this.label;
	}

	String format(double value) {
		return String.format(Locale.ROOT, this.format, value);
	}

	boolean higherIsBetter() {
		return this.higherIsBetter;
	}

}
