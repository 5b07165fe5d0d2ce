package dev.takt.scheduler.trigger;

import java.util.List;
import java.util.Objects;

/**
 * Argument checks shared by {@link AndTrigger} and {@link OrTrigger}.
 */
final class CombiningTriggers {

	private CombiningTriggers() {
	}

	static List<Trigger> checked(List<Trigger> triggers) {
		Objects.requireNonNull(triggers, "triggers must not be null");
		if (triggers.isEmpty()) {
			throw new InvalidTriggerException("triggers", "[]", "must hold at least one trigger");
		}
		for (Trigger trigger : triggers) {
			Objects.requireNonNull(trigger, "triggers must not contain null");
		}
		return List.copyOf(triggers);
	}

}
