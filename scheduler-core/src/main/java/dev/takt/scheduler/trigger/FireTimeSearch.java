package dev.takt.scheduler.trigger;

import java.time.Instant;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The search behind {@link AndTrigger}: each trigger's fire times taken on their own, from the
 * time the search starts at (its origin), and the first time they all share.
 * <p>
 * A trigger asked for its first fire time at or after {@code t} answers as on a first call with
 * {@code now = t} (cron, calendar interval and unknown triggers), as the lattice
 * {@code startDate + k * interval} (interval), with its run date if that is not before {@code t}
 * (date), or by combining the answers of its own triggers (and, or). One search serves one call
 * of the {@code and}, whose {@code previousFireTime} and {@code now} anchor the intervals that
 * have no start date.
 * <p>
 * A cron trigger's fire times depend on where its search starts in one place: a local time
 * skipped by a DST change fires (shifted past the gap) only for a search that starts before the
 * change. So when {@code t} lies just after such a change and the origin before it, the cron
 * trigger is asked from just before the change and walked forward to {@code t}, as it would have
 * run on its own from the origin.
 */
final class FireTimeSearch {

	private final @Nullable Instant previousFireTime;

	private final Instant now;

	private final Instant origin;

	FireTimeSearch(@Nullable Instant previousFireTime, Instant now) {
		this.previousFireTime = previousFireTime;
		this.now = now;
		this.origin = (previousFireTime != null) ? previousFireTime.plusNanos(1) : now;
	}

	/**
	 * Returns the first time every trigger fires: at or after {@code now} on a first call, after
	 * the previous fire time on later ones.
	 */
	Optional<Instant> firstCommon(List<Trigger> triggers) {
		return firstCommon(triggers, this.origin);
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
		if (trigger instanceof CronTrigger cron) {
			return firstAtOrAfter(cron, time);
		}
		return trigger.nextFireTime(null, time);
	}

	private Optional<Instant> firstAtOrAfter(CronTrigger cron, Instant time) {
		ZoneOffsetTransition change = cron.zone().getRules().previousTransition(time.plusNanos(1));
		if (change == null || !change.isGap() || !change.getInstant().isAfter(this.origin)
				|| !time.isBefore(change.getInstant().plus(change.getDuration()))) {
			return cron.nextFireTime(null, time);
		}
		Instant beforeChange = change.getInstant().minusSeconds(1);
		Optional<Instant> next = cron.nextFireTime(null, beforeChange.isAfter(this.origin) ? beforeChange : this.origin);
		while (next.isPresent() && next.get().isBefore(time)) {
			next = cron.nextFireTime(next.get(), next.get());
		}
		return next;
	}

	private IntervalTrigger anchored(IntervalTrigger interval) {
		if (interval.startDate() != null) {
			return interval;
		}
		Instant start = (this.previousFireTime != null) ? this.previousFireTime : this.now.plus(interval.interval());
		return interval.withStartDate(start);
	}

}
