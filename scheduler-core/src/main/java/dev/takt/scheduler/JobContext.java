package dev.takt.scheduler;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What a handler is told about the run it performs.
 *
 * @param jobId the job's id
 * @param jobName the job's name
 * @param scheduledFireTime the fire time this run is for
 * @param actualFireTime when this attempt started
 * @param attempt the attempt number, from 1
 * @param args the job's positional arguments
 * @param kwargs the job's keyword arguments
 * @param schedulerName the name of the scheduler instance that runs the job
 */
public record JobContext(String jobId, String jobName, Instant scheduledFireTime, Instant actualFireTime, int attempt,
		List<@Nullable Object> args, Map<String, @Nullable Object> kwargs, String schedulerName) {

	/**
	 * Creates a context.
	 * @param jobId the job's id
	 * @param jobName the job's name
	 * @param scheduledFireTime the fire time this run is for
	 * @param actualFireTime when this attempt started
	 * @param attempt the attempt number
	 * @param args the positional arguments
	 * @param kwargs the keyword arguments
	 * @param schedulerName the scheduler instance name
	 */
	public JobContext {
		Objects.requireNonNull(jobId, "jobId must not be null");
		Objects.requireNonNull(jobName, "jobName must not be null");
		Objects.requireNonNull(scheduledFireTime, "scheduledFireTime must not be null");
		Objects.requireNonNull(actualFireTime, "actualFireTime must not be null");
		Objects.requireNonNull(args, "args must not be null");
		Objects.requireNonNull(kwargs, "kwargs must not be null");
		Objects.requireNonNull(schedulerName, "schedulerName must not be null");
	}

	/**
	 * Returns one positional argument.
	 * @param index the argument's position, from 0
	 * @return the argument
	 * @throws IndexOutOfBoundsException when the job has no such argument
	 */
	public @Nullable Object arg(int index) {
		return this.args.get(index);
	}

	/**
	 * Returns one keyword argument.
	 * @param name the argument's name
	 * @return the argument, or empty when it is absent or null
	 */
	public Optional<Object> kwarg(String name) {
		return Optional.ofNullable(this.kwargs.get(name));
	}

}
