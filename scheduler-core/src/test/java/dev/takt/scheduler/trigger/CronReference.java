package dev.takt.scheduler.trigger;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A slow, plain reading of the conformance README's cron rules, to check {@link CronTrigger}
 * against: it walks instants upwards from the search start and fires at the first one whose local
 * time matches every field (checked with java.time, not with the trigger's masks); where the walk
 * steps over a gap it applies the gap rule. It skips ahead only over instants whose local date,
 * hour or minute cannot match, never past a zone transition.
 */
final class CronReference {

	private final CronFieldValues[] fields;

	private final ZoneRules rules;

	private final DstPolicy policy;

	private final @Nullable Instant startDate;

	private final @Nullable Instant endDate;

	CronReference(Map<String, String> given, ZoneId zone, DstPolicy policy, @Nullable Instant startDate,
			@Nullable Instant endDate) {
		CronField[] all = CronField.values();
		int lastGiven = -1;
		for (CronField field : all) {
			if (given.containsKey(field.apschedulerName())) {
				lastGiven = field.ordinal();
			}
		}
		this.fields = new CronFieldValues[all.length];
		for (CronField field : all) {
			String expression = given.get(field.apschedulerName());
			if (expression == null) {
				expression = (lastGiven >= 0 && field.ordinal() > lastGiven) ? field.defaultExpression() : "*";
			}
			this.fields[field.ordinal()] = CronExpressionParser.parse(field, expression);
		}
		this.rules = zone.getRules();
		this.policy = policy;
		this.startDate = startDate;
		this.endDate = endDate;
	}

	/** The trigger's answer, searching at most {@code horizonDays} days ahead (null = none found). */
	@Nullable Instant nextFireTime(@Nullable Instant previous, Instant now, int horizonDays) {
		Instant start;
		if (previous != null) {
			start = previous.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
		}
		else {
			start = (this.startDate != null && this.startDate.isAfter(now)) ? this.startDate : now;
			if (start.getNano() > 0) {
				start = start.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
			}
		}
		Instant fire = search(start, start.plus(horizonDays, ChronoUnit.DAYS));
		return (fire == null || (this.endDate != null && fire.isAfter(this.endDate))) ? null : fire;
	}

	private @Nullable Instant search(Instant start, Instant horizon) {
		Instant t = start;
		while (!t.isAfter(horizon)) {
			ZoneOffset offset = this.rules.getOffset(t);
			LocalDateTime local = LocalDateTime.ofInstant(t, offset);
			ZoneOffsetTransition previous = this.rules.previousTransition(t.plusSeconds(1));
			if (previous != null && previous.getInstant().equals(t) && previous.isGap() && t.isAfter(start)
					&& this.policy.gap() == DstPolicy.Gap.SHIFT && !dateAndHourMatch(previous.getDateTimeBefore().minusSeconds(1))) {
				for (LocalDateTime m = previous.getDateTimeBefore(); m.isBefore(previous.getDateTimeAfter()); m = m.plusSeconds(1)) {
					if (matches(m)) {
						return m.toInstant(previous.getOffsetBefore());
					}
				}
			}
			if (matches(local) && !(this.policy.repeat() == DstPolicy.Repeat.ONCE && inSecondOccurrence(local, offset))) {
				return t;
			}
			long step = 1;
			if (!dateMatches(local.toLocalDate())) {
				step = ChronoUnit.SECONDS.between(local, local.toLocalDate().plusDays(1).atStartOfDay());
			}
			else if (!value(CronField.HOUR, local.getHour())) {
				step = ChronoUnit.SECONDS.between(local, local.truncatedTo(ChronoUnit.HOURS).plusHours(1));
			}
			else if (!value(CronField.MINUTE, local.getMinute())) {
				step = ChronoUnit.SECONDS.between(local, local.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1));
			}
			Instant next = t.plusSeconds(step);
			ZoneOffsetTransition transition = this.rules.nextTransition(t);
			if (transition != null && transition.getInstant().isBefore(next)) {
				next = transition.getInstant();
			}
			t = next;
		}
		return null;
	}

	private boolean inSecondOccurrence(LocalDateTime local, ZoneOffset offset) {
		ZoneOffsetTransition transition = this.rules.getTransition(local);
		return transition != null && transition.isOverlap() && offset.equals(transition.getOffsetAfter());
	}

	private boolean matches(LocalDateTime local) {
		return dateAndHourMatch(local) && value(CronField.MINUTE, local.getMinute())
				&& value(CronField.SECOND, local.getSecond());
	}

	private boolean dateAndHourMatch(LocalDateTime local) {
		return dateMatches(local.toLocalDate()) && value(CronField.HOUR, local.getHour());
	}

	private boolean dateMatches(LocalDate date) {
		return value(CronField.YEAR, date.getYear()) && value(CronField.MONTH, date.getMonthValue())
				&& dayMatches(date) && value(CronField.WEEK, date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR))
				&& value(CronField.DAY_OF_WEEK, date.getDayOfWeek().getValue() - 1);
	}

	private boolean dayMatches(LocalDate date) {
		CronFieldValues day = this.fields[CronField.DAY.ordinal()];
		if (day.contains(date.getDayOfMonth())) {
			return true;
		}
		if (day.lastDayOfMonth() && date.getDayOfMonth() == date.lengthOfMonth()) {
			return true;
		}
		for (int position = 0; position <= CronFieldValues.LAST_POSITION; position++) {
			for (int weekday = 0; weekday < 7; weekday++) {
				if ((day.weekdayPositions() & (1L << (position * 7 + weekday))) != 0) {
					DayOfWeek dayOfWeek = DayOfWeek.of(weekday + 1);
					LocalDate target = (position == CronFieldValues.LAST_POSITION)
							? date.with(TemporalAdjusters.lastInMonth(dayOfWeek))
							: date.with(TemporalAdjusters.dayOfWeekInMonth(position + 1, dayOfWeek));
					if (target.equals(date)) {
						return true;
					}
				}
			}
		}
		return false;
	}

	private boolean value(CronField field, int value) {
		return this.fields[field.ordinal()].contains(value);
	}

}
