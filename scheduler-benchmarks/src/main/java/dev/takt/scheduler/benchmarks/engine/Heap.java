package dev.takt.scheduler.benchmarks.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Full collections and the heap that survives them, the same way for every contender.
 */
final class Heap {

	private static final int COLLECTIONS = 4;

	private Heap() {
	}

	/** Collects garbage, so what one phase left behind is not collected during the next. */
	static void collect() {
		System.gc();
	}

	/**
	 * Returns the heap in use after several full collections.
	 * @return the used heap, in bytes
	 */
	static long retainedBytes() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long used = 0;
		for (int i = 0; i < COLLECTIONS; i++) {
			memory.gc();
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			used = memory.getHeapMemoryUsage().getUsed();
		}
		return used;
	}

}
