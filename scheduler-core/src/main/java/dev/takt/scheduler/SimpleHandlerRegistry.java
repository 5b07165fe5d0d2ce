package dev.takt.scheduler;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link HandlerRegistry} backed by a map; thread-safe, handlers may be registered at any time.
 */
public final class SimpleHandlerRegistry implements HandlerRegistry {

	private final Map<String, JobHandler> handlers = new ConcurrentHashMap<>();

	/**
	 * Creates an empty registry.
	 */
	public SimpleHandlerRegistry() {
	}

	/**
	 * Registers a handler under a name.
	 * @param name the handler name
	 * @param handler the handler
	 * @return this registry
	 * @throws InvalidJobException when the name is blank, {@value Job#INLINE_HANDLER}, or taken
	 */
	public SimpleHandlerRegistry register(String name, JobHandler handler) {
		Job.requireText("handler", name);
		Objects.requireNonNull(handler, "handler must not be null");
		if (Job.INLINE_HANDLER.equals(name)) {
			throw new InvalidJobException("handler", name, "is reserved for jobs with inline code");
		}
		if (this.handlers.putIfAbsent(name, handler) != null) {
			throw new InvalidJobException("handler", name, "a handler with this name is already registered");
		}
		return this;
	}

	/**
	 * Removes a handler. Jobs naming it are left in their store as they are, not run, and reported
	 * by their scheduler until a handler of that name is registered again.
	 * @param name the handler name
	 * @return whether a handler was removed
	 */
	public boolean unregister(String name) {
		return this.handlers.remove(name) != null;
	}

	@Override
	public Optional<JobHandler> find(String name) {
		return Optional.ofNullable(this.handlers.get(name));
	}

	@Override
	public Set<String> names() {
		return Set.copyOf(this.handlers.keySet());
	}

}
