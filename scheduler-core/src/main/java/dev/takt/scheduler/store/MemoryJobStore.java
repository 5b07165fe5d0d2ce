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
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import dev.takt.scheduler.ConflictingJobIdException;
import dev.takt.scheduler.InvalidJobException;
import dev.takt.scheduler.Job;
import dev.takt.scheduler.JobNotFoundException;
import dev.takt.scheduler.trigger.Trigger;
import org.jspecify.annotations.Nullable;

/**
 * Keeps jobs in memory, as APScheduler's {@code MemoryJobStore}; the default store, and the only
 * one that takes jobs with inline code.
 * <p>
 * Each job is one small entry, found by id in an open-addressing hash index and ordered by next
 * run time (then by the order jobs were added) in an indexed binary heap: adding, removing,
 * rescheduling and claiming a due job are O(log n), the earliest next run time O(1).
 * <p>
 * The entry keeps the job's id, trigger and next run time (as two primitives) itself and shares
 * the rest, its shape, with every job of the same handler and options (jobs without arguments
 * and with their handler's name; others keep their own shape). A scheduled job costs its id, its
 * trigger, a 48-byte entry and two array slots, so a million jobs fit in a default heap with room
 * to spare; reads rebuild the {@link Job}. One lock guards the jobs; completing a run takes none.
 * <p>
 * A job its planner {@linkplain FirePlan#skip skips} stays in the heap at the time it is offered
 * again, its stored next run time kept aside until then (in a map as small as the number of such
 * jobs).
 */
public final class MemoryJobStore implements JobStore {

	/** The most shared shapes kept; jobs beyond keep their own. */
	private static final int MAX_SHAPES = 4096;

	private static final Comparator<PendingRetry> RETRY_ORDER = Comparator.comparing(PendingRetry::dueAt)
		.thenComparingLong(PendingRetry::sequence);

	private final ReentrantLock lock = new ReentrantLock();

	private final IdIndex jobs = new IdIndex();

	/** Shapes shared by jobs that differ only in id, trigger and next run time. */
	private final Map<Job, Job> shapes = new HashMap<>();

	private Entry[] heap = new Entry[64];

	private int heapSize;

	/**
	 * Jobs the planner skipped, with their next run time as stored; the heap holds them at the time
	 * they are offered again.
	 */
	private final Map<Entry, Instant> skipped = new HashMap<>();

	private final PriorityQueue<PendingRetry> retries = new PriorityQueue<>(RETRY_ORDER);

	private long retrySequence;

	/** Numbers the jobs in the order they are added, to order jobs due at the same time. */
	private int addSequence;

	/** Runs started and not completed (retries waiting included), with the entry they count against. */
	private final ConcurrentHashMap<String, Entry> runs = new ConcurrentHashMap<>();

	private final AtomicLong runIds = new AtomicLong();

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
			Entry entry = new Entry(job.id(), this.addSequence);
			entry.setJob(job, shape(job));
			if (!this.jobs.putIfAbsent(entry)) {
				throw new ConflictingJobIdException(job.id());
			}
			this.addSequence++;
			setNextRunTime(entry, job.nextRunTime());
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
			Job changed = Objects.requireNonNull(change.apply(read(entry)), "change must return a job");
			if (!changed.id().equals(jobId)) {
				throw new InvalidJobException("id", changed.id(), "the id of job '" + jobId + "' cannot change");
			}
			entry.setJob(changed, shape(changed));
			unskip(entry);
			setNextRunTime(entry, changed.nextRunTime());
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
			removeEntry(entry(jobId));
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
			this.heap = new Entry[64];
			this.heapSize = 0;
			this.skipped.clear();
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
			return (entry != null) ? Optional.of(read(entry)) : Optional.empty();
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
			this.jobs.forEach((entry) -> all.add(read(entry)));
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
			Instant next = (this.heapSize > 0) ? this.heap[0].nextRunTime() : null;
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
		// jobs whose plan leaves them due wait outside the heap until the call ends: claimed once per call
		List<Entry> stillDue = null;
		this.lock.lock();
		try {
			while (claims.size() < limit) {
				Entry top = (this.heapSize > 0) ? this.heap[0] : null;
				boolean jobDue = top != null && top.dueAt(now);
				PendingRetry retry = this.retries.peek();
				boolean retryDue = retry != null && !retry.dueAt().isAfter(now);
				if (retryDue && (!jobDue || top.notBefore(retry.dueAt()))) {
					this.retries.poll();
					claims.add(Claim.retry(retry.run()));
				}
				else if (jobDue) {
					Claim claim = claim(top, now, planner);
					if (claim != null) {
						claims.add(claim);
					}
					if (top.heapIndex >= 0 && top.dueAt(now)) {
						heapRemove(top);
						stillDue = (stillDue != null) ? stillDue : new ArrayList<>();
						stillDue.add(top);
					}
				}
				else {
					break;
				}
			}
		}
		finally {
			if (stillDue != null) {
				stillDue.forEach(this::heapInsert);
			}
			this.lock.unlock();
		}
		return claims;
	}

	@Override
	public Claim acquire(String jobId, Instant now, FirePlanner planner) {
		this.lock.lock();
		try {
			Entry entry = entry(jobId);
			Claim claim = claim(entry, now, planner);
			return (claim != null) ? claim : new Claim(read(entry), null, List.of(), List.of(), false);
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

	/**
	 * Returns the shape to keep for a job: a shared one when the job has no arguments and its
	 * handler's name (so that shapes stay few), else the job itself without its next run time.
	 */
	private Job shape(Job job) {
		if (!job.args().isEmpty() || !job.kwargs().isEmpty() || !job.name().equals(job.handler())) {
			return job.withNextRunTime(null);
		}
		Job shape = new Job(Entry.SHAPE_ID, job.name(), job.handler(), job.inlineHandler(), job.args(), job.kwargs(),
				Entry.SHAPE_TRIGGER, job.executor(), job.coalesce(), job.maxInstances(), job.misfireGraceTime(),
				job.retryPolicy(), job.timeout(), null);
		Job shared = this.shapes.get(shape);
		if (shared != null) {
			return shared;
		}
		if (this.shapes.size() < MAX_SHAPES) {
			this.shapes.put(shape, shape);
			return shape;
		}
		return job.withNextRunTime(null);
	}

	/** Plans a job and applies the plan; returns its claim, or null when the plan skips the job. */
	private @Nullable Claim claim(Entry entry, Instant now, FirePlanner planner) {
		Job job = read(entry);
		FirePlan plan = planner.plan(job, entry.running, now);
		unskip(entry);
		if (plan.skipped()) {
			Instant stored = job.nextRunTime();
			if (stored != null) {
				this.skipped.put(entry, stored);
				setNextRunTime(entry, plan.skippedUntil());
			}
			return null;
		}
		Run run = null;
		if (plan.startsRun()) {
			run = new Run(Long.toString(this.runIds.incrementAndGet()), job, plan.runTimes(), 1);
			Entry.RUNNING.incrementAndGet(entry);
			this.runs.put(run.id(), entry);
		}
		if (plan.finished()) {
			removeEntry(entry);
		}
		else {
			setNextRunTime(entry, plan.nextRunTime());
		}
		return Claim.of(job, plan, run);
	}

	/** Returns the job of an entry, with its next run time as stored when its planner skipped it. */
	private Job read(Entry entry) {
		Job job = entry.job();
		if (!this.skipped.isEmpty()) {
			Instant stored = this.skipped.get(entry);
			if (stored != null) {
				return job.withNextRunTime(stored);
			}
		}
		return job;
	}

	/** Forgets that the planner skipped an entry; the caller sets its next run time. */
	private void unskip(Entry entry) {
		if (!this.skipped.isEmpty()) {
			this.skipped.remove(entry);
		}
	}

	private void setNextRunTime(Entry entry, @Nullable Instant next) {
		if (next == null) {
			if (entry.heapIndex >= 0) {
				heapRemove(entry);
			}
			return;
		}
		entry.nextSecond = next.getEpochSecond();
		entry.nextNano = next.getNano();
		if (entry.heapIndex >= 0) {
			heapFix(entry.heapIndex);
		}
		else {
			heapInsert(entry);
		}
	}

	private void removeEntry(Entry entry) {
		unskip(entry);
		this.jobs.remove(entry.id());
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
	 * A stored job: its id, trigger and shape (the rest of the job, shared or its own), its next
	 * run time as two primitives while it is scheduled (in the heap), its heap position, and its
	 * count of runs in progress.
	 */
	private static final class Entry {

		static final AtomicIntegerFieldUpdater<Entry> RUNNING = AtomicIntegerFieldUpdater.newUpdater(Entry.class,
				"running");

		/** The id of a shared shape: an instance of its own, told apart by identity; real ids come from the entry. */
		static final String SHAPE_ID = new String("\u0000shape");

		/** The trigger of a shared shape; never asked for a fire time. */
		static final Trigger SHAPE_TRIGGER = (previousFireTime, now) -> Optional.empty();

		final String id;

		Trigger trigger;

		Job shape;

		long nextSecond;

		int nextNano;

		int heapIndex = -1;

		final int sequence;

		volatile int running;

		Entry(String id, int sequence) {
			this.id = id;
			this.sequence = sequence;
		}

		void setJob(Job job, Job shape) {
			this.trigger = job.trigger();
			this.shape = shape;
		}

		String id() {
			return this.id;
		}

		@Nullable Instant nextRunTime() {
			return (this.heapIndex >= 0) ? Instant.ofEpochSecond(this.nextSecond, this.nextNano) : null;
		}

		/** The job as stored, with its next run time. */
		Job job() {
			Job shape = this.shape;
			if (shape.id() != SHAPE_ID) {
				return (this.heapIndex >= 0) ? shape.withNextRunTime(nextRunTime()) : shape;
			}
			return new Job(this.id, shape.name(), shape.handler(), shape.inlineHandler(), shape.args(),
					shape.kwargs(), this.trigger, shape.executor(), shape.coalesce(), shape.maxInstances(),
					shape.misfireGraceTime(), shape.retryPolicy(), shape.timeout(), nextRunTime());
		}

		boolean dueAt(Instant now) {
			long second = now.getEpochSecond();
			return this.nextSecond < second || (this.nextSecond == second && this.nextNano <= now.getNano());
		}

		boolean notBefore(Instant time) {
			long second = time.getEpochSecond();
			return this.nextSecond > second || (this.nextSecond == second && this.nextNano >= time.getNano());
		}

	}

	/**
	 * Entries by job id: open addressing with linear probing over a power-of-two table kept at
	 * most half full, so an entry costs one or two table slots instead of a map node.
	 */
	private static final class IdIndex {

		private static final int MIN_CAPACITY = 16;

		private Entry[] table = new Entry[MIN_CAPACITY];

		private int size;

		int size() {
			return this.size;
		}

		@Nullable Entry get(String id) {
			Entry[] slots = this.table;
			int mask = slots.length - 1;
			for (int i = slot(id, mask);; i = (i + 1) & mask) {
				Entry entry = slots[i];
				if (entry == null || entry.id().equals(id)) {
					return entry;
				}
			}
		}

		/** Adds the entry unless one with its id is there; returns whether it was added. */
		boolean putIfAbsent(Entry entry) {
			if (2 * (this.size + 1) > this.table.length) {
				resize(this.table.length * 2);
			}
			Entry[] slots = this.table;
			int mask = slots.length - 1;
			int i = slot(entry.id(), mask);
			for (Entry found = slots[i]; found != null; found = slots[i]) {
				if (found.id().equals(entry.id())) {
					return false;
				}
				i = (i + 1) & mask;
			}
			slots[i] = entry;
			this.size++;
			return true;
		}

		void remove(String id) {
			Entry[] slots = this.table;
			int mask = slots.length - 1;
			int hole = slot(id, mask);
			while (slots[hole] != null && !slots[hole].id().equals(id)) {
				hole = (hole + 1) & mask;
			}
			if (slots[hole] == null) {
				return;
			}
			slots[hole] = null;
			this.size--;
			// shift back the entries of the probe run that follows, so lookups never stop early
			for (int i = (hole + 1) & mask; slots[i] != null; i = (i + 1) & mask) {
				int home = slot(slots[i].id(), mask);
				boolean movable = (hole <= i) ? (home <= hole || home > i) : (home <= hole && home > i);
				if (movable) {
					slots[hole] = slots[i];
					slots[i] = null;
					hole = i;
				}
			}
			if (this.table.length > MIN_CAPACITY && 8 * this.size < this.table.length) {
				resize(this.table.length / 2);
			}
		}

		void clear() {
			this.table = new Entry[MIN_CAPACITY];
			this.size = 0;
		}

		void forEach(Consumer<Entry> action) {
			for (Entry entry : this.table) {
				if (entry != null) {
					action.accept(entry);
				}
			}
		}

		private void resize(int capacity) {
			Entry[] resized = new Entry[capacity];
			for (Entry entry : this.table) {
				if (entry != null) {
					insert(resized, entry);
				}
			}
			this.table = resized;
		}

		private static void insert(Entry[] slots, Entry entry) {
			int mask = slots.length - 1;
			int i = slot(entry.id(), mask);
			while (slots[i] != null) {
				i = (i + 1) & mask;
			}
			slots[i] = entry;
		}

		/** Fibonacci hashing: the top bits of the hash times the golden ratio, as many as the mask has. */
		private static int slot(String id, int mask) {
			return (id.hashCode() * 0x9E3779B9) >>> Integer.numberOfLeadingZeros(mask);
		}

	}

	/** A failed run waiting for its retry. */
	private record PendingRetry(Run run, Instant dueAt, long sequence) {
	}

}
