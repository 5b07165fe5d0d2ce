package dev.takt.scheduler.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

import dev.takt.scheduler.ConflictingJobIdException;
import dev.takt.scheduler.InvalidJobException;
import dev.takt.scheduler.Job;
import dev.takt.scheduler.JobNotFoundException;

/**
 * Keeps jobs in memory, as APScheduler's {@code MemoryJobStore}; the default store, and the only
 * one that takes jobs with inline code. Jobs are found by id in a hash map and ordered by next run
 * time (then by the order they were added) in an indexed binary heap, so adding, removing,
 * rescheduling and claiming a due job are O(log n), and the earliest next run time is O(1). Per job it holds the job itself,
 * one small entry, a map node and a heap slot, so a million jobs fit in a default heap with room
 * to spare. One lock guards the jobs; completing a run takes none.
 */
public final class MemoryJobStore implements JobStore {

	private static final Comparator<PendingRetry> RETRY_ORDER = Comparator.comparing(PendingRetry::dueAt)
		.thenComparingLong(PendingRetry::sequence);

	private final ReentrantLock lock = new ReentrantLock();

	private final Map<String, Entry> jobs = new HashMap<>();

	private Entry[] heap = new Entry[64];

	private int heapSize;

	private final PriorityQueue<PendingRetry> retries = new PriorityQueue<>(RETRY_ORDER);

	private long retrySequence;

	/** Runs started and not completed (retries waiting included), with the entry they count against. */
	private final ConcurrentHashMap<String, Entry> runs = new ConcurrentHashMap<>();

	private final AtomicLong runIds = new AtomicLong();

	/** Numbers the calls of {@link #acquireDue}, so that a call claims each job at most once. */
	private int acquireCalls;

	/** Numbers the jobs in the order they are added, to order jobs due at the same time. */
	private long addSequence;

	/**
	 * Creates an empty store.
	 */
	public MemoryJobStore() {
	}

	@Override
	public void add(Job job) {
		Objects.requireNonNull(job, "job must not be null");
		this.lock.lock();
		try {
			if (this.jobs.containsKey(job.id())) {
				throw new ConflictingJobIdException(job.id());
			}
			Entry entry = new Entry(job, this.addSequence++);
			this.jobs.put(job.id(), entry);
			if (job.nextRunTime() != null) {
				heapInsert(entry);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public Job update(String jobId, UnaryOperator<Job> change) {
		this.lock.lock();
		try {
			Entry entry = entry(jobId);
			Job changed = Objects.requireNonNull(change.apply(entry.job), "change must return a job");
			if (!changed.id().equals(jobId)) {
				throw new InvalidJobException("id", changed.id(), "the id of job '" + jobId + "' cannot change");
			}
			setJob(entry, changed);
			return changed;
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void remove(String jobId) {
		this.lock.lock();
		try {
			Entry entry = entry(jobId);
			removeEntry(entry);
			if (!this.retries.isEmpty()) {
				for (Iterator<PendingRetry> it = this.retries.iterator(); it.hasNext();) {
					PendingRetry retry = it.next();
					if (retry.run().job().id().equals(jobId)) {
						it.remove();
						this.runs.remove(retry.run().id());
					}
				}
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void removeAll() {
		this.lock.lock();
		try {
			this.jobs.clear();
			Arrays.fill(this.heap, 0, this.heapSize, null);
			this.heapSize = 0;
			for (PendingRetry retry : this.retries) {
				this.runs.remove(retry.run().id());
			}
			this.retries.clear();
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public Optional<Job> get(String jobId) {
		this.lock.lock();
		try {
			Entry entry = this.jobs.get(jobId);
			return (entry != null) ? Optional.of(entry.job) : Optional.empty();
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public List<Job> list() {
		List<Job> all;
		this.lock.lock();
		try {
			all = new ArrayList<>(this.jobs.size());
			for (Entry entry : this.jobs.values()) {
				all.add(entry.job);
			}
		}
		finally {
			this.lock.unlock();
		}
		all.sort(Comparator.comparing(Job::nextRunTime, Comparator.nullsLast(Comparator.naturalOrder()))
			.thenComparing(Job::id));
		return all;
	}

	@Override
	public Optional<Instant> nextRunTime() {
		this.lock.lock();
		try {
			Instant next = (this.heapSize > 0) ? this.heap[0].job.nextRunTime() : null;
			PendingRetry retry = this.retries.peek();
			if (retry != null && (next == null || retry.dueAt().isBefore(next))) {
				next = retry.dueAt();
			}
			return Optional.ofNullable(next);
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public List<Claim> acquireDue(Instant now, int limit, FirePlanner planner) {
		List<Claim> claims = new ArrayList<>(Math.min(limit, 64));
		this.lock.lock();
		try {
			int call = ++this.acquireCalls;
			while (claims.size() < limit) {
				Entry top = (this.heapSize > 0) ? this.heap[0] : null;
				Instant jobTime = (top != null) ? top.job.nextRunTime() : null;
				boolean jobDue = jobTime != null && !jobTime.isAfter(now) && top.claimedIn != call;
				PendingRetry retry = this.retries.peek();
				boolean retryDue = retry != null && !retry.dueAt().isAfter(now);
				if (retryDue && (!jobDue || !retry.dueAt().isAfter(jobTime))) {
					this.retries.poll();
					claims.add(Claim.retry(retry.run()));
				}
				else if (jobDue) {
					top.claimedIn = call;
					claims.add(claim(top, now, planner));
				}
				else {
					break;
				}
			}
		}
		finally {
			this.lock.unlock();
		}
		return claims;
	}

	@Override
	public Claim acquire(String jobId, Instant now, FirePlanner planner) {
		this.lock.lock();
		try {
			return claim(entry(jobId), now, planner);
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void retryLater(Run retry, Instant dueAt) {
		Objects.requireNonNull(retry, "retry must not be null");
		Objects.requireNonNull(dueAt, "dueAt must not be null");
		this.lock.lock();
		try {
			if (!this.runs.containsKey(retry.id())) {
				return; // its job was removed meanwhile
			}
			this.retries.add(new PendingRetry(retry, dueAt, this.retrySequence++));
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void complete(Run run) {
		Entry entry = this.runs.remove(run.id());
		if (entry != null) {
			Entry.RUNNING.decrementAndGet(entry);
		}
	}

	@Override
	public JobCounts counts() {
		this.lock.lock();
		try {
			return new JobCounts(this.jobs.size(), this.jobs.size() - this.heapSize, this.runs.size(),
					this.retries.size());
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public String toString() {
		return "MemoryJobStore";
	}

	private Entry entry(String jobId) {
		Entry entry = this.jobs.get(jobId);
		if (entry == null) {
			throw new JobNotFoundException(jobId);
		}
		return entry;
	}

	private Claim claim(Entry entry, Instant now, FirePlanner planner) {
		Job job = entry.job;
		FirePlan plan = planner.plan(job, entry.running, now);
		Run run = null;
		if (plan.startsRun()) {
			run = new Run(Long.toString(this.runIds.incrementAndGet()), job, plan.runTimes(), 1);
			Entry.RUNNING.incrementAndGet(entry);
			this.runs.put(run.id(), entry);
		}
		if (plan.finished()) {
			removeEntry(entry);
		}
		else if (!Objects.equals(plan.nextRunTime(), job.nextRunTime())) {
			setJob(entry, job.withNextRunTime(plan.nextRunTime()));
		}
		return Claim.of(job, plan, run);
	}

	private void setJob(Entry entry, Job job) {
		Instant before = entry.job.nextRunTime();
		entry.setJob(job);
		Instant after = job.nextRunTime();
		if (before == null && after != null) {
			heapInsert(entry);
		}
		else if (before != null && after == null) {
			heapRemove(entry);
		}
		else if (before != null) {
			heapFix(entry.heapIndex);
		}
	}

	private void removeEntry(Entry entry) {
		this.jobs.remove(entry.job.id());
		if (entry.heapIndex >= 0) {
			heapRemove(entry);
		}
	}

	// --- indexed binary heap of scheduled entries, by (next run time, add sequence) ---

	private static boolean before(Entry a, Entry b) {
		if (a.nextSecond != b.nextSecond) {
			return a.nextSecond < b.nextSecond;
		}
		if (a.nextNano != b.nextNano) {
			return a.nextNano < b.nextNano;
		}
		return a.sequence < b.sequence;
	}

	private void heapInsert(Entry entry) {
		if (this.heapSize == this.heap.length) {
			this.heap = Arrays.copyOf(this.heap, this.heapSize * 2);
		}
		entry.heapIndex = this.heapSize;
		this.heap[this.heapSize++] = entry;
		siftUp(entry.heapIndex);
	}

	private void heapRemove(Entry entry) {
		int index = entry.heapIndex;
		int last = --this.heapSize;
		Entry moved = this.heap[last];
		this.heap[last] = null;
		entry.heapIndex = -1;
		if (index != last) {
			this.heap[index] = moved;
			moved.heapIndex = index;
			heapFix(index);
		}
		if (this.heap.length > 64 && this.heapSize < this.heap.length / 4) {
			this.heap = Arrays.copyOf(this.heap, this.heap.length / 2);
		}
	}

	private void heapFix(int index) {
		if (index > 0 && before(this.heap[index], this.heap[(index - 1) >>> 1])) {
			siftUp(index);
		}
		else {
			siftDown(index);
		}
	}

	private void siftUp(int index) {
		Entry entry = this.heap[index];
		while (index > 0) {
			int parent = (index - 1) >>> 1;
			Entry above = this.heap[parent];
			if (!before(entry, above)) {
				break;
			}
			this.heap[index] = above;
			above.heapIndex = index;
			index = parent;
		}
		this.heap[index] = entry;
		entry.heapIndex = index;
	}

	private void siftDown(int index) {
		Entry entry = this.heap[index];
		int half = this.heapSize >>> 1;
		while (index < half) {
			int child = 2 * index + 1;
			int right = child + 1;
			if (right < this.heapSize && before(this.heap[right], this.heap[child])) {
				child = right;
			}
			Entry below = this.heap[child];
			if (!before(below, entry)) {
				break;
			}
			this.heap[index] = below;
			below.heapIndex = index;
			index = child;
		}
		this.heap[index] = entry;
		entry.heapIndex = index;
	}

	/**
	 * A stored job with its heap position and its count of runs in progress; its next run time is
	 * copied into two primitives so that heap comparisons stay within the entry.
	 */
	private static final class Entry {

		static final AtomicIntegerFieldUpdater<Entry> RUNNING = AtomicIntegerFieldUpdater.newUpdater(Entry.class,
				"running");

		final long sequence;

		Job job;

		long nextSecond;

		int nextNano;

		int heapIndex = -1;

		int claimedIn;

		volatile int running;

		Entry(Job job, long sequence) {
			this.sequence = sequence;
			setJob(job);
		}

		void setJob(Job job) {
			this.job = job;
			Instant next = job.nextRunTime();
			if (next != null) {
				this.nextSecond = next.getEpochSecond();
				this.nextNano = next.getNano();
			}
		}

	}

	/** A failed run waiting for its retry. */
	private record PendingRetry(Run run, Instant dueAt, long sequence) {
	}

}
