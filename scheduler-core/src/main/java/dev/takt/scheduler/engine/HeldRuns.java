package dev.takt.scheduler.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import dev.takt.scheduler.store.Run;
import org.jspecify.annotations.Nullable;

/**
 * Runs claimed ahead of their run time, handed on at that time by a thread of their own, so that
 * neither a claim in progress on the loop thread nor a lease heartbeat delays them. The thread
 * starts with the first held run.
 */
final class HeldRuns {

	private final DelayQueue<Held> queue = new DelayQueue<>();

	private final String threadName;

	private final Consumer<Run> due;

	private final Object lock = new Object();

	private @Nullable Thread thread;

	private boolean stopped;

	/** Whether the thread is handing a run on (not interrupted then, so the hand-over is not disturbed). */
	private boolean handing;

	/**
	 * Creates the holder.
	 * @param threadName the name of its thread
	 * @param due called on that thread with each run when its time comes
	 */
	HeldRuns(String threadName, Consumer<Run> due) {
		this.threadName = threadName;
		this.due = due;
	}

	/**
	 * Holds a run until {@code nanos} from now ({@link System#nanoTime()}), or returns false when
	 * the holder was stopped.
	 */
	boolean hold(Run run, long nanos) {
		synchronized (this.lock) {
			if (this.stopped) {
				return false;
			}
			if (this.thread == null) {
				Thread started = new Thread(this::handOn, this.threadName);
				started.setDaemon(true);
				this.thread = started;
				started.start();
			}
			this.queue.add(new Held(run, System.nanoTime() + nanos));
			return true;
		}
	}

	/** Returns how many runs are held. */
	int size() {
		return this.queue.size();
	}

	/**
	 * Waits until every run due by {@code deadline} ({@link System#nanoTime()}) has been handed
	 * on, then stops as {@link #stop()}.
	 * @param deadline the latest time to hand runs on
	 * @return the runs that were not handed on
	 */
	List<Run> stopAfter(long deadline) {
		while (true) {
			Held next = this.queue.peek();
			long left = (next != null) ? next.dueNanos() - System.nanoTime() : 0;
			if (next == null || next.dueNanos() - deadline > 0) {
				return stop();
			}
			// handed on by the thread once due; look again shortly after
			LockSupport.parkNanos(this, Math.max(left, 0) + 1_000_000L);
		}
	}

	/**
	 * Stops handing runs on, waits for a hand-over in progress, and returns the runs still held.
	 * @return the runs that were not handed on
	 */
	List<Run> stop() {
		Thread current;
		synchronized (this.lock) {
			this.stopped = true;
			current = this.thread;
			if (current != null && !this.handing) {
				current.interrupt();
			}
		}
		if (current != null && current != Thread.currentThread()) {
			boolean interrupted = false;
			while (current.isAlive()) {
				try {
					current.join();
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
		// drainTo would take only the runs whose time has come
		List<Held> left = new ArrayList<>(this.queue);
		this.queue.clear();
		List<Run> runs = new ArrayList<>(left.size());
		left.forEach((held) -> runs.add(held.run()));
		return runs;
	}

	private void handOn() {
		while (true) {
			synchronized (this.lock) {
				if (this.stopped) {
					return;
				}
			}
			Held held;
			try {
				held = this.queue.take();
			}
			catch (InterruptedException ex) {
				return;
			}
			synchronized (this.lock) {
				if (this.stopped) {
					this.queue.add(held);
					return;
				}
				this.handing = true;
			}
			try {
				this.due.accept(held.run());
			}
			finally {
				synchronized (this.lock) {
					this.handing = false;
				}
			}
		}
	}

	/** A held run and when it is due, in {@link System#nanoTime()}. */
	private record Held(Run run, long dueNanos) implements Delayed {

		@Override
		public long getDelay(TimeUnit unit) {
			return unit.convert(this.dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
		}

		@Override
		public int compareTo(Delayed other) {
			return Long.compare(this.dueNanos, ((Held) other).dueNanos);
		}

	}

}
