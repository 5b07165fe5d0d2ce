package dev.takt.scheduler.executor;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Runs each task on a new virtual thread, on JVMs that have them (Java 21 and later); found
 * reflectively, so the library still builds and runs on Java 17. There is no queue and no bound:
 * every run starts at once.
 */
public final class VirtualThreadJobExecutor implements JobExecutor {

	private static final @Nullable MethodHandle FACTORY = findFactory();

	private final ThreadFactory factory;

	private final Set<Thread> running = ConcurrentHashMap.newKeySet();

	private final Object lock = new Object();

	private volatile boolean shutdown;

	private VirtualThreadJobExecutor(ThreadFactory factory) {
		this.factory = factory;
	}

	/**
	 * Returns whether this JVM has virtual threads.
	 * @return whether {@link #create(String)} works
	 */
	public static boolean isSupported() {
		return FACTORY != null;
	}

	/**
	 * Returns an executor that runs each task on a new virtual thread named with the given prefix
	 * and a number.
	 * @param threadNamePrefix the prefix of the threads' names
	 * @return the executor
	 * @throws UnsupportedOperationException when this JVM has no virtual threads
	 */
	public static VirtualThreadJobExecutor create(String threadNamePrefix) {
		MethodHandle factory = FACTORY;
		if (factory == null) {
			throw new UnsupportedOperationException("Virtual threads need Java 21 or later; this is Java "
					+ Runtime.version().feature());
		}
		try {
			return new VirtualThreadJobExecutor((ThreadFactory) factory.invoke(threadNamePrefix));
		}
		catch (Throwable ex) {
			throw new IllegalStateException("Could not create virtual threads", ex);
		}
	}

	@Override
	public void submit(Runnable task) {
		if (this.shutdown) {
			throw new RejectedExecutionException("Executor is shut down");
		}
		Thread thread = this.factory.newThread(() -> {
			try {
				task.run();
			}
			finally {
				this.running.remove(Thread.currentThread());
				if (this.shutdown && this.running.isEmpty()) {
					synchronized (this.lock) {
						this.lock.notifyAll();
					}
				}
			}
		});
		this.running.add(thread);
		thread.start();
	}

	@Override
	public void shutdown() {
		this.shutdown = true;
	}

	@Override
	public List<Runnable> shutdownNow() {
		this.shutdown = true;
		for (Thread thread : this.running) {
			thread.interrupt();
		}
		return List.of();
	}

	@Override
	public boolean awaitTermination(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.lock) {
			while (!this.running.isEmpty()) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return false;
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(this.lock, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return false;
				}
			}
			return true;
		}
	}

	@Override
	public int activeCount() {
		return this.running.size();
	}

	@Override
	public int queuedCount() {
		return 0;
	}

	@Override
	public String toString() {
		return "VirtualThreadJobExecutor";
	}

	/** {@code prefix -> Thread.ofVirtual().name(prefix, 1).factory()}, or null before Java 21. */
	private static @Nullable MethodHandle findFactory() {
		try {
			MethodHandles.Lookup lookup = MethodHandles.publicLookup();
			Class<?> builderType = Class.forName("java.lang.Thread$Builder");
			Class<?> virtualType = Class.forName("java.lang.Thread$Builder$OfVirtual");
			MethodHandle ofVirtual = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(virtualType));
			MethodHandle name = lookup.findVirtual(virtualType, "name",
					MethodType.methodType(virtualType, String.class, long.class));
			MethodHandle factory = lookup.findVirtual(builderType, "factory",
					MethodType.methodType(ThreadFactory.class));
			return MethodHandles.filterReturnValue(
					MethodHandles.insertArguments(
							MethodHandles.collectArguments(name, 0, ofVirtual), 1, 1L),
					factory.asType(MethodType.methodType(ThreadFactory.class, virtualType)));
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

}
