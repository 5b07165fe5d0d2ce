package dev.takt.scheduler.trigger;

import java.time.Instant;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A zone's offsets and transitions in epoch seconds, for the cron search: the transitions from
 * 1970 to 2200 are read from {@link ZoneRules} once per zone into arrays, so that looking up an
 * offset or the next transition allocates nothing; outside that window the rules are asked
 * directly. Immutable; shared between the triggers of a zone.
 */
final class ZoneTransitions {

	/** No transition (returned by {@link #nextTransition} and {@link #previousTransition}). */
	static final long NONE = Long.MAX_VALUE;

	private static final long TABLE_START = -2L * 86_400;

	/** 2200-01-01T00:00:00Z. */
	private static final long TABLE_END = 7_258_118_400L;

	private static final ConcurrentMap<ZoneRules, ZoneTransitions> CACHE = new ConcurrentHashMap<>();

	private final ZoneRules rules;

	private final boolean fixed;

	/** The instants of the transitions in the table window, ascending. */
	private final long[] instants;

	/** {@code offsets[i]} is in force before {@code instants[i]}; the last one after all of them. */
	private final int[] offsets;

	private ZoneTransitions(ZoneRules rules) {
		this.rules = rules;
		this.fixed = rules.isFixedOffset();
		long[] instants = new long[16];
		int count = 0;
		if (!this.fixed) {
			ZoneOffsetTransition transition = rules.nextTransition(Instant.ofEpochSecond(TABLE_START));
			while (transition != null && transition.toEpochSecond() < TABLE_END) {
				if (count == instants.length) {
					instants = Arrays.copyOf(instants, count * 2);
				}
				instants[count++] = transition.toEpochSecond();
				transition = rules.nextTransition(transition.getInstant());
			}
		}
		this.instants = Arrays.copyOf(instants, count);
		this.offsets = new int[count + 1];
		this.offsets[0] = rules.getOffset(Instant.ofEpochSecond(TABLE_START)).getTotalSeconds();
		for (int i = 0; i < count; i++) {
			this.offsets[i + 1] = rules.getOffset(Instant.ofEpochSecond(this.instants[i])).getTotalSeconds();
		}
	}

	/** Returns the transitions of a zone's rules. */
	static ZoneTransitions of(ZoneRules rules) {
		return CACHE.computeIfAbsent(rules, ZoneTransitions::new);
	}

	/** The offset in force at an instant, in seconds. */
	int offsetAt(long epochSecond) {
		if (this.fixed) {
			return this.offsets[0];
		}
		if (inTable(epochSecond)) {
			return this.offsets[indexAfter(epochSecond)];
		}
		return this.rules.getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
	}

	/** The instant of the first transition after {@code epochSecond}, or {@link #NONE}. */
	long nextTransition(long epochSecond) {
		if (this.fixed) {
			return NONE;
		}
		long from = epochSecond;
		if (inTable(epochSecond)) {
			int index = indexAfter(epochSecond);
			if (index < this.instants.length) {
				return this.instants[index];
			}
			from = TABLE_END - 1;
		}
		ZoneOffsetTransition transition = this.rules.nextTransition(Instant.ofEpochSecond(from));
		return (transition != null) ? transition.toEpochSecond() : NONE;
	}

	/** The instant of the last transition at or before {@code epochSecond}, or {@link #NONE}. */
	long previousTransition(long epochSecond) {
		if (this.fixed) {
			return NONE;
		}
		if (inTable(epochSecond)) {
			int index = indexAfter(epochSecond) - 1;
			if (index >= 0) {
				return this.instants[index];
			}
		}
		ZoneOffsetTransition transition = this.rules.previousTransition(Instant.ofEpochSecond(epochSecond + 1));
		return (transition != null) ? transition.toEpochSecond() : NONE;
	}

	private static boolean inTable(long epochSecond) {
		return epochSecond >= TABLE_START && epochSecond < TABLE_END;
	}

	/** The index of the first transition after {@code epochSecond} (the count when none is). */
	private int indexAfter(long epochSecond) {
		int low = 0;
		int high = this.instants.length;
		while (low < high) {
			int middle = (low + high) >>> 1;
			if (this.instants[middle] <= epochSecond) {
				low = middle + 1;
			}
			else {
				high = middle;
			}
		}
		return low;
	}

}
