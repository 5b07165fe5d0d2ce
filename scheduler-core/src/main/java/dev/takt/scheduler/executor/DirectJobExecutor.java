package dev.takt.scheduler.executor;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs each task on the thread that submits it, for deterministic tests (a tick-driven scheduler
 * uses it for every executor name). Nothing ever waits in a queue.
 */
public final class DirectJobExecutor implements JobExecutor {

	private final AtomicInteger active = new AtomicInteger();

	private volatile boolean shutdown;

	/**
	 * Creates a direct executor.
	 */
	public DirectJobExecutor() {
	}

	@Override
	public void submit(Runnable task) {
		if (this.shutdown) {
			throw new RejectedExecutionException("Executor is shut down");
		}
		this.active.incrementAndGet();
		try {
			task.run();
		}
		finally {
			this.active.decrementAndGet();
		}
	}

	@Override
	public void shutdown() {
		this.shutdown = true;
	}

	@Override
	public List<Runnable> shutdownNow() {
		this.shutdown = true;
		return List.of();
	}

	@Override
	public boolean awaitTermination(Duration timeout) {
		return this.active.get() == 0;
	}

	@Override
	public int activeCount() {
		return this.active.get();
	}

	@Override
	public int queuedCount() {
		return 0;
	}

	@Override
	public String toString() {
		return "DirectJobExecutor";
	}

}
