package dev.takt.scheduler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Holds named scheduler instances, each with its own store, executors and job defaults:
 * {@code manager.get("default")}, {@code manager.get("report")}. Thread-safe.
 */
public final class SchedulerManager {

	private final Map<String, Scheduler> schedulers = new LinkedHashMap<>();

	/**
	 * Creates an empty manager.
	 */
	public SchedulerManager() {
	}

	/**
	 * Returns a manager holding the given schedulers.
	 * @param schedulers the schedulers, with distinct names
	 * @return the manager
	 */
	public static SchedulerManager of(Scheduler... schedulers) {
		SchedulerManager manager = new SchedulerManager();
		for (Scheduler scheduler : schedulers) {
			manager.add(scheduler);
		}
		return manager;
	}

	/**
	 * Adds a scheduler under its name.
	 * @param scheduler the scheduler
	 * @return the scheduler
	 * @throws SchedulerException when a scheduler of that name is already held
	 */
	public synchronized Scheduler add(Scheduler scheduler) {
		Objects.requireNonNull(scheduler, "scheduler must not be null");
		if (this.schedulers.putIfAbsent(scheduler.name(), scheduler) != null) {
			throw new SchedulerException("A scheduler named '" + scheduler.name() + "' is already registered");
		}
		return scheduler;
	}

	/**
	 * Removes a scheduler; it is not shut down.
	 * @param name the scheduler's name
	 * @return the scheduler removed, or empty when none had that name
	 */
	public synchronized Optional<Scheduler> remove(String name) {
		return Optional.ofNullable(this.schedulers.remove(name));
	}

	/**
	 * Returns the scheduler of the given name.
	 * @param name the scheduler's name
	 * @return the scheduler
	 * @throws UnknownSchedulerException when none has that name
	 */
	public synchronized Scheduler get(String name) {
		Scheduler scheduler = this.schedulers.get(name);
		if (scheduler == null) {
			throw new UnknownSchedulerException(name, this.schedulers.keySet());
		}
		return scheduler;
	}

	/**
	 * Returns the scheduler of the given name, if any.
	 * @param name the scheduler's name
	 * @return the scheduler, or empty
	 */
	public synchronized Optional<Scheduler> find(String name) {
		return Optional.ofNullable(this.schedulers.get(name));
	}

	/**
	 * Returns the scheduler named {@value SchedulerBuilder#DEFAULT_NAME}.
	 * @return the default scheduler
	 * @throws UnknownSchedulerException when there is none
	 */
	public Scheduler getDefault() {
		return get(SchedulerBuilder.DEFAULT_NAME);
	}

	/**
	 * Returns the names of the schedulers held, in the order they were added.
	 * @return the names
	 */
	public synchronized Set<String> names() {
		return Set.copyOf(this.schedulers.keySet());
	}

	/**
	 * Returns the schedulers held, in the order they were added.
	 * @return the schedulers
	 */
	public synchronized List<Scheduler> schedulers() {
		return List.copyOf(this.schedulers.values());
	}

	/**
	 * Starts every scheduler that is not started yet.
	 */
	public void startAll() {
		for (Scheduler scheduler : schedulers()) {
			if (scheduler.state() == SchedulerState.STOPPED) {
				scheduler.start();
			}
		}
	}

	/**
	 * Shuts down every running scheduler, one after the other, each waiting at most
	 * {@code maxWait} for its runs.
	 * @param maxWait the longest wait per scheduler, or {@code null} to wait as long as it takes
	 * @return whether every run of every scheduler finished within the wait
	 */
	public boolean shutdownAll(@Nullable Duration maxWait) {
		List<Scheduler> running = new ArrayList<>();
		for (Scheduler scheduler : schedulers()) {
			if (scheduler.state() == SchedulerState.RUNNING || scheduler.state() == SchedulerState.PAUSED) {
				running.add(scheduler);
			}
		}
		boolean all = true;
		for (Scheduler scheduler : running) {
			all &= scheduler.shutdown(maxWait);
		}
		return all;
	}

}
