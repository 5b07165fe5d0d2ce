package dev.takt.scheduler.store.jdbc;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Completes runs in groups: one delete at a time is in flight, and it takes every run completed
 * since the last one. A thread that completes a run while no delete is in flight deletes it
 * itself, and goes on deleting the runs other threads complete meanwhile until none is left;
 * those threads do not wait, so a worker thread is free for its next run as soon as its run is
 * handed over, and one commit serves the runs of many worker threads. Runs whose delete failed
 * (the database is away) are kept and deleted with the next group, so that no completed run is
 * recovered and run again once the database is back.
 *
 * @param <T> what identifies a completed run to the delete
 */
final class Completions<T> {

	private final Object lock = new Object();

	private final Consumer<List<T>> delete;

	private List<T> queue = new ArrayList<>();

	private final Set<T> failed = new LinkedHashSet<>();

	private boolean flushing;

	Completions(Consumer<List<T>> delete) {
		this.delete = delete;
	}

	/**
	 * Completes a run: deletes it, with the runs other threads complete meanwhile, or, while
	 * another thread deletes, leaves it to that thread and returns at once.
	 * @throws RuntimeException the failure of a delete this thread made; its runs are kept for
	 * the next group
	 */
	void complete(T run) {
		synchronized (this.lock) {
			this.queue.add(run);
			if (this.flushing) {
				return;
			}
			this.flushing = true;
		}
		drain();
	}

	/**
	 * Deletes the runs whose delete failed before, and runs left behind by a failed delete, unless
	 * a delete is in flight; a failure keeps them for the next group, and is the caller's next
	 * store call's to report.
	 */
	void flushPending() {
		synchronized (this.lock) {
			if (this.flushing || (this.failed.isEmpty() && this.queue.isEmpty())) {
				return;
			}
			this.flushing = true;
		}
		try {
			drain();
		}
		catch (RuntimeException ex) {
			// kept in failed; the database being away shows in the caller's own statements
		}
	}

	/** Returns the number of completed runs not deleted yet. */
	int pending() {
		synchronized (this.lock) {
			return this.queue.size() + this.failed.size();
		}
	}

	/** Deletes groups until none is left; called with {@code flushing} set, which it clears. */
	private void drain() {
		while (true) {
			List<T> ids;
			synchronized (this.lock) {
				if (this.queue.isEmpty() && this.failed.isEmpty()) {
					this.flushing = false;
					return;
				}
				ids = new ArrayList<>(this.failed.size() + this.queue.size());
				ids.addAll(this.failed);
				ids.addAll(this.queue);
				this.queue = new ArrayList<>();
			}
			try {
				this.delete.accept(ids);
			}
			catch (RuntimeException ex) {
				synchronized (this.lock) {
					this.failed.addAll(ids);
					this.flushing = false;
				}
				throw ex;
			}
			synchronized (this.lock) {
				ids.forEach(this.failed::remove);
			}
		}
	}

}
