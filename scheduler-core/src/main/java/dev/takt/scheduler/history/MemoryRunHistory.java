package dev.takt.scheduler.history;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.jspecify.annotations.Nullable;

/**
 * A {@link RunHistory} that keeps the last {@code capacity} records of a scheduler in a ring;
 * recording takes no lock.
 */
public final class MemoryRunHistory implements RunHistory {

	/** The capacity of a scheduler's default history. */
	public static final int DEFAULT_CAPACITY = 1000;

	private final AtomicReferenceArray<RunRecord> slots;

	private final AtomicLong next = new AtomicLong();

	private MemoryRunHistory(int capacity) {
		this.slots = new AtomicReferenceArray<>(capacity);
	}

	/**
	 * Returns a history that keeps the last {@code capacity} records.
	 * @param capacity the number of records kept, at least 1
	 * @return the history
	 */
	public static MemoryRunHistory ofCapacity(int capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
		}
		return new MemoryRunHistory(capacity);
	}

	/**
	 * Returns how many records this history keeps at most.
	 * @return the capacity
	 */
	public int capacity() {
		return this.slots.length();
	}

	@Override
	public void record(RunRecord run) {
		long index = this.next.getAndIncrement();
		this.slots.set((int) (index % this.slots.length()), run);
	}

	@Override
	public List<RunRecord> runs(String jobId, int limit) {
		return collect(jobId, limit);
	}

	@Override
	public List<RunRecord> recent(int limit) {
		return collect(null, limit);
	}

	private List<RunRecord> collect(@Nullable String jobId, int limit) {
		List<RunRecord> found = new ArrayList<>(Math.min(Math.max(limit, 0), 64));
		long last = this.next.get() - 1;
		long first = Math.max(0, last - this.slots.length() + 1);
		for (long i = last; i >= first && found.size() < limit; i--) {
			RunRecord run = this.slots.get((int) (i % this.slots.length()));
			if (run != null && (jobId == null || jobId.equals(run.jobId()))) {
				found.add(run);
			}
		}
		return found;
	}

}
