package dev.takt.scheduler.benchmarks.engine;

import java.time.Instant;

/**
 * Where the no-op jobs of both schedulers report their fires. A workload installs a sink before it
 * starts the scheduler; a fork runs one workload, so one static sink is enough.
 */
final class Probe {

	private static volatile Sink sink = (scheduledEpochMicros) -> {
	};

	private Probe() {
	}

	/**
	 * Sends every later fire to the given sink.
	 * @param newSink the sink
	 */
	static void install(Sink newSink) {
		sink = newSink;
	}

	/**
	 * Reports one fire, from inside the job.
	 * @param scheduledEpochMicros the fire time the scheduler meant the run for, in microseconds
	 * since the epoch
	 */
	static void fired(long scheduledEpochMicros) {
		sink.fired(scheduledEpochMicros);
	}

	/**
	 * Returns the current time in microseconds since the epoch.
	 * @return the current time
	 */
	static long nowMicros() {
		Instant now = Instant.now();
		return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
	}

	/** Receives fires. */
	@FunctionalInterface
	interface Sink {

		/**
		 * Called by the job, on the scheduler's worker thread.
		 * @param scheduledEpochMicros the fire time the run was meant for
		 */
		void fired(long scheduledEpochMicros);

	}

}
