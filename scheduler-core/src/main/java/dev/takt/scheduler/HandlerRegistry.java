package dev.takt.scheduler;

import java.util.Optional;
import java.util.Set;

/**
 * Resolves handler names to {@link JobHandler}s. A scheduler resolves a job's handler when the job
 * is added (an unknown name is refused), when the job is due (a job whose handler is missing then
 * is left in its store and reported) and for every run, so handlers registered later, or looked up
 * lazily (as the Spring Boot integration does with beans), are found.
 */
public interface HandlerRegistry {

	/**
	 * Returns the handler of the given name.
	 * @param name the handler name
	 * @return the handler, or empty when none has that name
	 */
	Optional<JobHandler> find(String name);

	/**
	 * Returns the names of the known handlers, for error messages and listings.
	 * @return the handler names
	 */
	Set<String> names();

	/**
	 * Returns the handler of the given name.
	 * @param name the handler name
	 * @return the handler
	 * @throws UnknownHandlerException when none has that name
	 */
	default JobHandler get(String name) {
		return find(name).orElseThrow(() -> new UnknownHandlerException(name, names()));
	}

}
