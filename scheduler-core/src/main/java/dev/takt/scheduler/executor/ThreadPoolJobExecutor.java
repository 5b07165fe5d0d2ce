package dev.takt.scheduler.executor;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded pool of platform threads, as APScheduler's {@code ThreadPoolExecutor}: at most
 * {@code size} runs at once, the others wait in a queue, which the scheduler keeps short by
 * claiming only what its executors can start soon ({@link #maxConcurrency()}). A scheduler's
 * {@code default} executor is one of {@value #DEFAULT_SIZE} threads unless configured otherwise.
 */
public final class ThreadPoolJobExecutor implements JobExecutor {

	/** The size of a scheduler's default pool, as APScheduler's. */
	public static final int DEFAULT_SIZE = 10;

	private final ThreadPoolExecutor pool;

	private ThreadPoolJobExecutor(int size, String threadNamePrefix) {
		this.pool = new ThreadPoolExecutor(size, size, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
				new NamedThreadFactory(threadNamePrefix));
	}

	/**
	 * Returns a pool of {@code size} threads named {@code takt-worker-N}.
	 * @param size the number of threads, at least 1
	 * @return the executor
	 */
	public static ThreadPoolJobExecutor ofSize(int size) {
		return ofSize(size, "takt-worker-");
	}

	/**
	 * Returns a pool of {@code size} threads named with the given prefix and a number.
	 * @param size the number of threads, at least 1
	 * @param threadNamePrefix the prefix of the threads' names
	 * @return the executor
	 */
	public static ThreadPoolJobExecutor ofSize(int size, String threadNamePrefix) {
		if (size < 1) {
			throw new IllegalArgumentException("size must be at least 1: " + size);
		}
		return new ThreadPoolJobExecutor(size, threadNamePrefix);
	}

	/**
	 * Returns the number of threads.
	 * @return the pool size
	 */
	public int size() {
		return this.pool.getMaximumPoolSize();
	}

	@Override
	public void submit(Runnable task) {
		this.pool.execute(task);
	}

	@Override
	public void shutdown() {
		this.pool.shutdown();
	}

	@Override
	public List<Runnable> shutdownNow() {
		return this.pool.shutdownNow();
	}

	@Override
	public boolean awaitTermination(Duration timeout) {
		try {
			return this.pool.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@Override
	public int activeCount() {
		return this.pool.getActiveCount();
	}

	@Override
	public int queuedCount() {
		return this.pool.getQueue().size();
	}

	@Override
	public int maxConcurrency() {
		return size();
	}

	@Override
	public String toString() {
		return "ThreadPoolJobExecutor[size=" + size() + "]";
	}

	/** Names threads with a prefix and a number; worker threads are not daemons. */
	private static final class NamedThreadFactory implements ThreadFactory {

		private final String prefix;

		private final AtomicInteger count = new AtomicInteger();

		NamedThreadFactory(String prefix) {
			this.prefix = prefix;
		}

		@Override
		public Thread newThread(Runnable task) {
			return new Thread(task, this.prefix + this.count.incrementAndGet());
		}

	}

}
