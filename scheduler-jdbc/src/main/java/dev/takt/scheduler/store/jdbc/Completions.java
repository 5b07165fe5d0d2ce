package dev.takt.scheduler.store.jdbc;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Completes runs in groups (a group commit): the first thread to complete a run deletes it, and
 * every run completed by other threads while that delete is in flight, in one statement; they
 * wait and return when their group is committed. One commit serves the runs of many worker
 * threads. Runs whose delete failed (the database is away) are kept and deleted with the next
 * group, so that no completed run is recovered and run again once the database is back.
 *
 * @param <T> what identifies a completed run to the delete
 */
final class Completions<T> {

	private final Object lock = new Object();

	private final Consumer<List<T>> delete;

	private List<Pending<T>> queue = new ArrayList<>();

	private final Set<T> failed = new LinkedHashSet<>();

	private boolean flushing;

	Completions(Consumer<List<T>> delete) {
		this.delete = delete;
	}

	/**
	 * Completes a run, with the runs other threads complete meanwhile; returns when it is
	 * committed.
	 * @throws RuntimeException the delete's failure; the run is then kept for the next group
	 */
	void complete(T run) {
		flush(new Pending<>(run));
	}

	/** Deletes the runs whose completion failed before, if any. */
	void retryFailed() {
		synchronized (this.lock) {
			if (this.failed.isEmpty() || this.flushing) {
				return;
			}
		}
		flush(null);
	}

	private void flush(@Nullable Pending<T> mine) {
		List<Pending<T>> group;
		List<T> ids;
		boolean interrupted = false;
		synchronized (this.lock) {
			if (mine != null) {
				this.queue.add(mine);
			}
			while (this.flushing && (mine == null || !mine.done)) {
				try {
					this.lock.wait();
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
			if (mine != null && mine.done) {
				finish(interrupted);
				if (mine.failure != null) {
					throw mine.failure;
				}
				return;
			}
			this.flushing = true;
			group = this.queue;
			this.queue = new ArrayList<>();
			ids = new ArrayList<>(group.size() + this.failed.size());
			ids.addAll(this.failed);
			for (Pending<T> pending : group) {
				ids.add(pending.run);
			}
		}
		RuntimeException failure = null;
		try {
			if (!ids.isEmpty()) {
				this.delete.accept(ids);
			}
		}
		catch (RuntimeException ex) {
			failure = ex;
		}
		synchronized (this.lock) {
			if (failure == null) {
				ids.forEach(this.failed::remove);
			}
			else {
				this.failed.addAll(ids);
			}
			for (Pending<T> pending : group) {
				pending.done = true;
				pending.failure = failure;
			}
			this.flushing = false;
			this.lock.notifyAll();
		}
		finish(interrupted);
		if (failure != null && mine != null) {
			throw failure;
		}
	}

	private static void finish(boolean interrupted) {
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	/** A run waiting for its group to be committed. */
	private static final class Pending<T> {

		final T run;

		boolean done;

		@Nullable RuntimeException failure;

		Pending(T run) {
			this.run = run;
		}

	}

}
