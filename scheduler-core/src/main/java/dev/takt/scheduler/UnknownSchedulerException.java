package dev.takt.scheduler;

import java.io.Serial;
import java.util.Collection;
import java.util.TreeSet;

/**
 * Thrown when a {@link SchedulerManager} is asked for an instance name it does not hold.
 */
public class UnknownSchedulerException extends SchedulerException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String schedulerName;

	/**
	 * Creates a new exception.
	 * @param schedulerName the name asked for
	 * @param known the names the manager holds
	 */
	public UnknownSchedulerException(String schedulerName, Collection<String> known) {
		super("No scheduler named '" + schedulerName + "' (known: " + new TreeSet<>(known) + ")");
		this.schedulerName = schedulerName;
	}

	/**
	 * Returns the name asked for.
	 * @return the scheduler name
	 */
	public String schedulerName() {
		return this.schedulerName;
	}

}
