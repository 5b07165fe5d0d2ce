package dev.takt.scheduler.engine;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.takt.scheduler.event.EventType;
import dev.takt.scheduler.event.SchedulerEvent;
import dev.takt.scheduler.event.SchedulerListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to listeners by mask. {@link #wants} lets the scheduler skip building events
 * nobody listens to; a listener that throws is logged and the others still get the event.
 */
final class EventBus {

	private static final Logger logger = LoggerFactory.getLogger(EventBus.class);

	private final CopyOnWriteArrayList<Registration> registrations = new CopyOnWriteArrayList<>();

	private volatile int mask;

	void add(SchedulerListener listener, Set<EventType> types) {
		this.registrations.add(new Registration(listener, bits(types)));
		recomputeMask();
	}

	boolean remove(SchedulerListener listener) {
		boolean removed = this.registrations.removeIf((registration) -> registration.listener() == listener);
		recomputeMask();
		return removed;
	}

	boolean wants(EventType type) {
		return (this.mask & (1 << type.ordinal())) != 0;
	}

	void publish(SchedulerEvent event) {
		int bit = 1 << event.type().ordinal();
		if ((this.mask & bit) == 0) {
			return;
		}
		for (Registration registration : this.registrations) {
			if ((registration.mask() & bit) != 0) {
				try {
					registration.listener().onEvent(event);
				}
				catch (Throwable ex) {
					logger.warn("Listener {} failed on {}", registration.listener(), event, ex);
				}
			}
		}
	}

	private void recomputeMask() {
		int all = 0;
		for (Registration registration : this.registrations) {
			all |= registration.mask();
		}
		this.mask = all;
	}

	private static int bits(Set<EventType> types) {
		int bits = 0;
		for (EventType type : types) {
			bits |= 1 << type.ordinal();
		}
		return bits;
	}

	private record Registration(SchedulerListener listener, int mask) {
	}

}
