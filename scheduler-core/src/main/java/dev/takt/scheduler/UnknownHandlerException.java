package dev.takt.scheduler;

import java.io.Serial;
import java.util.Collection;
import java.util.TreeSet;

/**
 * Thrown when a job names a handler that the scheduler's {@link HandlerRegistry} does not know.
 */
public class UnknownHandlerException extends SchedulerException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String handlerName;

	/**
	 * Creates a new exception.
	 * @param handlerName the name that was not found
	 * @param known the names the registry does know, listed in the message
	 */
	public UnknownHandlerException(String handlerName, Collection<String> known) {
		super("No job handler named '" + handlerName + "' (known handlers: " + new TreeSet<>(known) + ")");
		this.handlerName = handlerName;
	}

	/**
	 * Returns the name that was not found.
	 * @return the handler name
	 */
	public String handlerName() {
		return this.handlerName;
	}

}
