package dev.takt.scheduler.trigger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The search behind {@link AndTrigger}: each trigger's fire times taken on their own, and the
 * first time they all share.
 * <p>
 * A trigger asked for its first fire time at or after {@code t} answers as on a first call with
 * {@code now = t} (cron, calendar interval and unknown triggers), as the lattice
 * {@code startDate + k * interval} (interval), with its run date if that is not before {@code t}
 * (date), or by combining the answers of its own triggers (and, or). One search serves one call
 * of the {@code and}, whose {@code previousFireTime} and {@code now} anchor the intervals that
 * have no start date.
 */
final class FireTimeSearch {

	private final @Nullable Instant previousFireTime;

	private final Instant now;

	FireTimeSearch(@Nullable Instant previousFireTime, Instant now) {
		this.previousFireTime = previousFireTime;
		this.now = now;
	}

	/**
	 * Returns the first time at or after {@code from} at which every trigger fires, or empty when
	 * one of them is finished first or they do not agree within {@link AndTrigger#MAX_STEPS}.
	 */
	Optional<Instant> firstCommon(List<Trigger> triggers, Instant from) {
		int count = triggers.size();
		Instant[] answers = new Instant[count];
		Instant candidate = from;
		int agreeing = 0;
		int steps = 0;
		for (int i = 0;; i = (i + 1) % count) {
			Instant answer = answers[i];
			if (answer == null || answer.isBefore(candidate)) {
				if (++steps > AndTrigger.MAX_STEPS) {
					return Optional.empty();
				}
				Optional<Instant> next = firstAtOrAfter(triggers.get(i), candidate);
				if (next.isEmpty() || next.get().isBefore(candidate)) {
					// finished, or a custom trigger answering with an earlier time: it has none at or after the candidate
					return Optional.empty();
				}
				answer = next.get();
				answers[i] = answer;
			}
			if (answer.isAfter(candidate)) {
				candidate = answer;
				agreeing = 0;
			}
			if (++agreeing == count) {
				return Optional.of(candidate);
			}
		}
	}

	/** Returns the trigger's first fire time at or after {@code time}, taken on its own. */
	Optional<Instant> firstAtOrAfter(Trigger trigger, Instant time) {
		if (trigger instanceof DateTrigger date) {
			return date.runDate().isBefore(time) ? Optional.empty() : Optional.of(date.runDate());
		}
		if (trigger instanceof IntervalTrigger interval) {
			return anchored(interval).nextFireTime(null, time);
		}
		if (trigger instanceof AndTrigger and) {
			return firstCommon(and.triggers(), time);
		}
		if (trigger instanceof OrTrigger or) {
			Instant earliest = null;
			for (Trigger member : or.triggers()) {
				Instant next = firstAtOrAfter(member, time).orElse(null);
				if (next != null && (earliest == null || next.isBefore(earliest))) {
					earliest = next;
				}
			}
			return Optional.ofNullable(earliest);
		}
		if (trigger instanceof JitterTrigger jitter) {
			return firstAtOrAfter(jitter.delegate(), time);
		}
		return trigger.nextFireTime(null, time);
	}

	private IntervalTrigger anchored(IntervalTrigger interval) {
		if (interval.startDate() != null) {
			return interval;
		}
		Instant start = (this.previousFireTime != null) ? this.previousFireTime : this.now.plus(interval.interval());
		return interval.withStartDate(start);
	}

}
