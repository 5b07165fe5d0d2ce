package dev.takt.scheduler.trigger;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Fires at the local date-times that match every given cron field, as APScheduler 3.11's
 * {@code CronTrigger}: fields {@code year month day week day_of_week hour minute second}, each an
 * APScheduler expression ({@code * *}{@code /n a a-b a-b/n a/n x,y}, month and weekday names,
 * and for {@code day} also {@code last}, {@code 2nd mon}, {@code last fri}), all of them ANDed
 * ({@code day} and {@code day_of_week} included), in a time zone, between an optional start and
 * end date (inclusive instants).
 * <p>
 * Fields not given take APScheduler's defaults: those before the last given field are {@code *},
 * those after it their minimum ({@code week} and {@code day_of_week} stay {@code *}); so
 * {@code hour=9} fires daily at 09:00:00. The field form numbers weekdays from 0 = Monday;
 * crontab strings ({@link #fromCrontab(String, ZoneId)}, {@link #parse(String, ZoneId)}) use
 * standard numbering (0 and 7 = Sunday) unless APScheduler's is asked for.
 * <p>
 * Daylight-saving changes are handled as APScheduler does (see {@link DstPolicy}); the other
 * policies skip nonexistent local times or fire repeated ones once. Where APScheduler 3 has a bug
 * this class does what APScheduler documents instead: no fire time between 00:00 and 01:00 is
 * skipped after a change, and the end date is compared as an instant. The search gives up after
 * year 9999.
 * <p>
 * Instances are immutable and thread-safe.
 */
public final class CronTrigger implements Trigger {

	private static final int FIELD_COUNT = CronField.values().length;

	/** Search starts are clamped to here: no local date before 1970 can match. */
	private static final long EARLIEST_START = -2L * CronMatcher.SECONDS_PER_DAY;

	/** No local date after 9999 can match; from here on the trigger is finished. */
	private static final long LATEST_START = 253_402_300_800L + 2L * CronMatcher.SECONDS_PER_DAY;

	private static final long UNKNOWN = CronMatcher.NONE + 1;

	private static final int NOT_FIXED = Integer.MIN_VALUE;

	private static final int LAST_YEAR = 9999;

	private final @Nullable String[] given;

	private final CronMatcher matcher;

	private final ZoneId zone;

	private final ZoneRules rules;

	private final int fixedOffset;

	private final @Nullable Instant startDate;

	private final @Nullable Instant endDate;

	private final int lastYear;

	private final DstPolicy dstPolicy;

	private CronTrigger(@Nullable String[] given, CronMatcher matcher, ZoneId zone, @Nullable Instant startDate,
			@Nullable Instant endDate, DstPolicy dstPolicy) {
		this.given = given;
		this.matcher = matcher;
		this.zone = zone;
		this.rules = zone.getRules();
		this.fixedOffset = this.rules.isFixedOffset() ? this.rules.getOffset(Instant.EPOCH).getTotalSeconds()
				: NOT_FIXED;
		this.startDate = startDate;
		this.endDate = endDate;
		this.lastYear = lastYear(endDate);
		this.dstPolicy = dstPolicy;
	}

	/** The last year worth searching: past it every local time lies after the end date. */
	private static int lastYear(@Nullable Instant endDate) {
		if (endDate == null || endDate.getEpochSecond() >= LATEST_START) {
			return LAST_YEAR;
		}
		long day = Math.floorDiv(Math.max(endDate.getEpochSecond(), EARLIEST_START), CronMatcher.SECONDS_PER_DAY);
		return Math.min(LAST_YEAR, (CronMatcher.civilDate(day + 2) >> 9));
	}

	/**
	 * Returns a builder for a trigger from APScheduler's cron fields.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns a trigger for a 5-field crontab string ({@code minute hour day month day_of_week})
	 * with standard weekday numbering: 0 and 7 are Sunday, so {@code 0 9 * * 1-5} fires at 09:00
	 * Monday to Friday. Every field is an APScheduler expression; {@code day} and
	 * {@code day_of_week} are ANDed.
	 * @param expression the crontab string
	 * @param zone the time zone
	 * @return the trigger
	 * @throws InvalidTriggerException if the string is not 5 valid fields
	 */
	public static CronTrigger fromCrontab(String expression, ZoneId zone) {
		return fromCrontab(expression, zone, WeekdayNumbering.STANDARD);
	}

	/**
	 * Returns a trigger for a 5-field crontab string ({@code minute hour day month day_of_week}).
	 * With {@link WeekdayNumbering#APSCHEDULER} this is APScheduler 3's
	 * {@code CronTrigger.from_crontab}: 0 is Monday and 7 is rejected.
	 * @param expression the crontab string
	 * @param zone the time zone
	 * @param numbering how the weekday field's numbers are read
	 * @return the trigger
	 * @throws InvalidTriggerException if the string is not 5 valid fields
	 */
	public static CronTrigger fromCrontab(String expression, ZoneId zone, WeekdayNumbering numbering) {
		Objects.requireNonNull(expression, "expression must not be null");
		Objects.requireNonNull(numbering, "numbering must not be null");
		return CrontabParser.crontab(expression, numbering, false).zone(zone).build();
	}

	/**
	 * Returns a trigger for what Spring and Quartz users write: a 5-field crontab string (as
	 * {@link #fromCrontab(String, ZoneId)}), a 6-field string with leading seconds
	 * ({@code second minute hour day month day_of_week}, as Spring's {@code @Scheduled(cron)}), or
	 * one of the macros {@code @yearly @annually @monthly @weekly @daily @midnight @hourly}. Weekdays
	 * are numbered the standard way (0 and 7 = Sunday); {@code ?} is read as {@code *} in the day
	 * and weekday fields. Expressions are APScheduler's, and {@code day} and {@code day_of_week} are
	 * ANDed.
	 * @param expression the cron string
	 * @param zone the time zone
	 * @return the trigger
	 * @throws InvalidTriggerException if the string is none of these
	 */
	public static CronTrigger parse(String expression, ZoneId zone) {
		Objects.requireNonNull(expression, "expression must not be null");
		return CrontabParser.parse(expression).zone(zone).build();
	}

	@Override
	public Optional<Instant> nextFireTime(@Nullable Instant previousFireTime, Instant now) {
		long start;
		if (previousFireTime != null) {
			start = previousFireTime.getEpochSecond() + 1;
		}
		else {
			Objects.requireNonNull(now, "now must not be null");
			Instant from = (this.startDate != null && this.startDate.isAfter(now)) ? this.startDate : now;
			start = from.getEpochSecond() + ((from.getNano() > 0) ? 1 : 0);
		}
		long fireTime = search(start);
		if (fireTime == CronMatcher.NONE || (this.endDate != null && fireTime > this.endDate.getEpochSecond())) {
			return Optional.empty();
		}
		return Optional.of(Instant.ofEpochSecond(fireTime));
	}

	/**
	 * The first fire time at or after the instant {@code start} (in epoch seconds), or
	 * {@link CronMatcher#NONE}. The search walks local date-times from the local time of
	 * {@code start}; each zone transition on the way is dealt with by the DST policy.
	 */
	private long search(long start) {
		if (start >= LATEST_START) {
			return CronMatcher.NONE;
		}
		long t = Math.max(start, EARLIEST_START);
		if (this.fixedOffset != NOT_FIXED) {
			long local = this.matcher.next(t + this.fixedOffset, this.lastYear);
			return (local != CronMatcher.NONE) ? local - this.fixedOffset : CronMatcher.NONE;
		}
		int offset = this.rules.getOffset(Instant.ofEpochSecond(t)).getTotalSeconds();
		long localStart = t + offset;
		if (this.dstPolicy.repeat() == DstPolicy.Repeat.ONCE) {
			ZoneOffsetTransition previous = this.rules.previousTransition(Instant.ofEpochSecond(t + 1));
			if (previous != null && previous.isOverlap()) {
				int before = previous.getOffsetBefore().getTotalSeconds();
				long secondOccurrenceEnd = previous.toEpochSecond() + before - offset;
				if (t < secondOccurrenceEnd) {
					t = secondOccurrenceEnd;
					localStart = previous.toEpochSecond() + before;
				}
			}
		}
		long local = UNKNOWN;
		for (;;) {
			if (local == UNKNOWN) {
				local = this.matcher.next(localStart, this.lastYear);
				if (local == CronMatcher.NONE) {
					return CronMatcher.NONE;
				}
			}
			ZoneOffsetTransition transition = this.rules.nextTransition(Instant.ofEpochSecond(t));
			if (transition == null) {
				return local - offset;
			}
			long at = transition.toEpochSecond();
			int before = transition.getOffsetBefore().getTotalSeconds();
			int after = transition.getOffsetAfter().getTotalSeconds();
			// local times before the change end at g0; after it they start at g1
			long g0 = at + before;
			long g1 = at + after;
			if (local < g0) {
				return local - offset;
			}
			if (g1 > g0) {
				if (local < g1) {
					// the first match is in the gap: it fires shifted unless the search would have
					// rolled over into the gap from the allowed hour before it
					if (this.dstPolicy.gap() == DstPolicy.Gap.SHIFT && !this.matcher.matchesDateAndHour(g0 - 1)) {
						return local - before;
					}
					local = UNKNOWN;
				}
				localStart = g1;
				t = at;
			}
			else if (this.dstPolicy.repeat() == DstPolicy.Repeat.ONCE) {
				localStart = g0;
				t = at + before - after;
			}
			else {
				if (localStart > g1) {
					local = UNKNOWN;
				}
				localStart = g1;
				t = at;
			}
			offset = after;
		}
	}

	/**
	 * Returns the fields that were given (defaults left out), keyed by APScheduler's field names in
	 * field order, each written as APScheduler renders it; {@code builder().field(name, value)} for
	 * each entry rebuilds an equal trigger (with the same zone, dates and policy). A crontab string
	 * with standard weekday numbering comes back in APScheduler's terms (weekday names).
	 * @return the given fields
	 */
	public Map<String, String> fields() {
		Map<String, String> fields = new LinkedHashMap<>();
		for (CronField field : CronField.values()) {
			String text = this.given[field.ordinal()];
			if (text != null) {
				fields.put(field.apschedulerName(), text);
			}
		}
		return Collections.unmodifiableMap(fields);
	}

	/**
	 * Returns the time zone the fields are matched in.
	 * @return the zone
	 */
	public ZoneId zone() {
		return this.zone;
	}

	/**
	 * Returns the earliest possible fire time (inclusive), if any.
	 * @return the start date
	 */
	public Optional<Instant> startDate() {
		return Optional.ofNullable(this.startDate);
	}

	/**
	 * Returns the latest possible fire time (inclusive), if any.
	 * @return the end date
	 */
	public Optional<Instant> endDate() {
		return Optional.ofNullable(this.endDate);
	}

	/**
	 * Returns what the trigger does with local times that a daylight-saving change skips or repeats.
	 * @return the policy
	 */
	public DstPolicy dstPolicy() {
		return this.dstPolicy;
	}

	/**
	 * Returns a copy with another daylight-saving policy.
	 * @param policy the policy
	 * @return the new trigger
	 */
	public CronTrigger withDstPolicy(DstPolicy policy) {
		Objects.requireNonNull(policy, "policy must not be null");
		return new CronTrigger(this.given, this.matcher, this.zone, this.startDate, this.endDate, policy);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof CronTrigger that)) {
			return false;
		}
		return Arrays.equals(this.given, that.given) && this.zone.equals(that.zone)
				&& Objects.equals(this.startDate, that.startDate) && Objects.equals(this.endDate, that.endDate)
				&& this.dstPolicy.equals(that.dstPolicy);
	}

	@Override
	public int hashCode() {
		return Objects.hash(Arrays.hashCode(this.given), this.zone, this.startDate, this.endDate, this.dstPolicy);
	}

	/**
	 * Returns the given fields as APScheduler writes them, e.g.
	 * {@code cron[month='6-8', day='last', hour='9', minute='0']}.
	 */
	@Override
	public String toString() {
		StringBuilder text = new StringBuilder("cron[");
		for (CronField field : CronField.values()) {
			String value = this.given[field.ordinal()];
			if (value != null) {
				text.append((text.length() > 5) ? ", " : "").append(field.apschedulerName()).append("='")
					.append(value).append('\'');
			}
		}
		return text.append(']').toString();
	}

	/**
	 * Builds a {@link CronTrigger} from APScheduler's cron fields. Each field takes an APScheduler
	 * expression; {@code null} means not given. Weekdays are numbered from 0 = Monday. The zone
	 * defaults to the system's default zone (as APScheduler's scheduler does), the policy to
	 * {@link DstPolicy#APSCHEDULER}.
	 */
	public static final class Builder {

		private final @Nullable String[] expressions = new String[FIELD_COUNT];

		private boolean standardWeekdays;

		private @Nullable Instant startDate;

		private @Nullable Instant endDate;

		private ZoneId zone = ZoneId.systemDefault();

		private DstPolicy dstPolicy = DstPolicy.APSCHEDULER;

		private Builder() {
		}

		/**
		 * Sets the {@code year} field (1970-9999).
		 * @param expression the expression, or {@code null} for not given
		 * @return this builder
		 */
		public Builder year(@Nullable String expression) {
			return set(CronField.YEAR, expression);
		}

		/**
		 * Sets the {@code month} field (1-12, {@code jan}-{@code dec}).
		 * @param expression the expression, or {@code null} for not given
		 * @return this builder
		 */
		public Builder month(@Nullable String expression) {
			return set(CronField.MONTH, expression);
		}

		/**
		 * Sets the {@code day} field (1-31, {@code last}, {@code 2nd mon}, {@code last fri}).
		 * @param expression the expression, or {@code null} for not given
		 * @return this builder
		 */
		public Builder day(@Nullable String expression) {
			return set(CronField.DAY, expression);
		}

		/**
		 * Sets the {@code week} field (ISO 8601 week number, 1-53).
		 * @param expression the expression, or {@code null} for not given
		 * @return this builder
		 */
		public Builder week(@Nullable String expression) {
			return set(CronField.WEEK, expression);
		}

		/**
		 * Sets the {@code day_of_week} field (0-6 with 0 = Monday, {@code mon}-{@code sun}).
		 * @param expression the expression, or {@code null} for not given
		 * @return this builder
		 */
		public Builder dayOfWeek(@Nullable String expression) {
			return set(CronField.DAY_OF_WEEK, expression);
		}

		/**
		 * Sets the {@code hour} field (0-23).
		 * @param expression the expression, or {@code null} for not given
		 * @return this builder
		 */
		public Builder hour(@Nullable String expression) {
			return set(CronField.HOUR, expression);
		}

		/**
		 * Sets the {@code minute} field (0-59).
		 * @param expression the expression, or {@code null} for not given
		 * @return this builder
		 */
		public Builder minute(@Nullable String expression) {
			return set(CronField.MINUTE, expression);
		}

		/**
		 * Sets the {@code second} field (0-59).
		 * @param expression the expression, or {@code null} for not given
		 * @return this builder
		 */
		public Builder second(@Nullable String expression) {
			return set(CronField.SECOND, expression);
		}

		/**
		 * Sets a field by its APScheduler name ({@code year}, {@code month}, {@code day},
		 * {@code week}, {@code day_of_week}, {@code hour}, {@code minute}, {@code second}).
		 * @param apschedulerName the field's name
		 * @param expression the expression, or {@code null} for not given
		 * @return this builder
		 * @throws InvalidTriggerException if there is no such field
		 */
		public Builder field(String apschedulerName, @Nullable String expression) {
			Objects.requireNonNull(apschedulerName, "apschedulerName must not be null");
			CronField field = CronField.byName(apschedulerName);
			if (field == null) {
				throw new InvalidTriggerException("cron field", apschedulerName,
						"unknown field; expected one of " + CronField.names());
			}
			return set(field, expression);
		}

		/**
		 * Sets the earliest possible fire time (inclusive).
		 * @param startDate the start date, or {@code null} for none
		 * @return this builder
		 */
		public Builder startDate(@Nullable Instant startDate) {
			this.startDate = startDate;
			return this;
		}

		/**
		 * Sets the latest possible fire time (inclusive).
		 * @param endDate the end date, or {@code null} for none
		 * @return this builder
		 */
		public Builder endDate(@Nullable Instant endDate) {
			this.endDate = endDate;
			return this;
		}

		/**
		 * Sets the time zone the fields are matched in.
		 * @param zone the zone
		 * @return this builder
		 */
		public Builder zone(ZoneId zone) {
			this.zone = Objects.requireNonNull(zone, "zone must not be null");
			return this;
		}

		/**
		 * Sets what the trigger does with local times that a daylight-saving change skips or
		 * repeats.
		 * @param dstPolicy the policy
		 * @return this builder
		 */
		public Builder dstPolicy(DstPolicy dstPolicy) {
			this.dstPolicy = Objects.requireNonNull(dstPolicy, "dstPolicy must not be null");
			return this;
		}

		/** Sets the weekday field of a crontab string in standard numbering (0 and 7 = Sunday). */
		Builder standardDayOfWeek(String expression) {
			set(CronField.DAY_OF_WEEK, expression);
			this.standardWeekdays = true;
			return this;
		}

		private Builder set(CronField field, @Nullable String expression) {
			this.expressions[field.ordinal()] = expression;
			if (field == CronField.DAY_OF_WEEK) {
				this.standardWeekdays = false;
			}
			return this;
		}

		/**
		 * Builds the trigger, checking the fields in APScheduler's order.
		 * @return the trigger
		 * @throws InvalidTriggerException naming the first bad field and its value
		 */
		public CronTrigger build() {
			int lastGiven = -1;
			for (int i = 0; i < FIELD_COUNT; i++) {
				if (this.expressions[i] != null) {
					lastGiven = i;
				}
			}
			CronFieldValues[] values = new CronFieldValues[FIELD_COUNT];
			String[] given = new String[FIELD_COUNT];
			for (CronField field : CronField.values()) {
				int i = field.ordinal();
				String expression = this.expressions[i];
				if (expression != null) {
					if (field == CronField.DAY_OF_WEEK && this.standardWeekdays) {
						expression = CrontabParser.standardWeekdays(expression);
					}
					values[i] = CronExpressionParser.parse(field, expression);
					given[i] = values[i].text();
				}
				else {
					values[i] = CronExpressionParser.parse(field, (i > lastGiven && lastGiven >= 0)
							? field.defaultExpression() : "*");
				}
			}
			return new CronTrigger(given, new CronMatcher(values), this.zone, this.startDate, this.endDate,
					this.dstPolicy);
		}

	}

}
