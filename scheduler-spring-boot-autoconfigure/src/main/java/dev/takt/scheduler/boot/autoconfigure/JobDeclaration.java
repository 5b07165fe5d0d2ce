package dev.takt.scheduler.boot.autoconfigure;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.takt.scheduler.InvalidJobException;
import dev.takt.scheduler.JobSpec;
import dev.takt.scheduler.SchedulerBuilder;
import dev.takt.scheduler.boot.annotation.ScheduledJob;
import dev.takt.scheduler.boot.annotation.ScheduledJobMethod;
import dev.takt.scheduler.retry.RetryPolicy;
import dev.takt.scheduler.trigger.CronTrigger;
import dev.takt.scheduler.trigger.DateTrigger;
import dev.takt.scheduler.trigger.DstPolicy;
import dev.takt.scheduler.trigger.IntervalTrigger;
import dev.takt.scheduler.trigger.InvalidTriggerException;
import dev.takt.scheduler.trigger.JitterTrigger;
import dev.takt.scheduler.trigger.Trigger;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;

/**
 * One job declaration as written, by a {@code @ScheduledJob} method (strings, parsed here) or
 * under {@code scheduler.jobs.<id>} (bound by Spring Boot), turned into a {@link DeclaredJob} with
 * its instance's settings. Every value is checked, and a bad one is reported at its
 * {@link DeclarationOrigin}.
 */
final class JobDeclaration {

	/** APScheduler's cron field names, by the attribute names of {@code @ScheduledJob}. */
	private static final Map<String, String> CRON_FIELDS = Map.of("year", "year", "month", "month", "day", "day",
			"week", "week", "dayOfWeek", "day_of_week", "hour", "hour", "minute", "minute", "second", "second");

	private static final List<String> CRON_FIELD_ORDER = List.of("year", "month", "day", "week", "dayOfWeek", "hour",
			"minute", "second");

	final DeclarationOrigin origin;

	String id;

	@Nullable String name;

	@Nullable String handler;

	String scheduler = SchedulerBuilder.DEFAULT_NAME;

	@Nullable String cron;

	final Map<String, String> cronFields = new LinkedHashMap<>();

	@Nullable Duration interval;

	@Nullable String runAt;

	@Nullable ZoneId zone;

	List<@Nullable Object> args = new ArrayList<>();

	Map<String, @Nullable Object> kwargs = new LinkedHashMap<>();

	@Nullable String executor;

	@Nullable Boolean coalesce;

	@Nullable Integer maxInstances;

	@Nullable Duration misfireGraceTime;

	@Nullable Duration jitter;

	@Nullable Duration timeout;

	@Nullable Integer retryMaxAttempts;

	@Nullable Duration retryDelay;

	@Nullable Double retryMultiplier;

	@Nullable Duration retryMaxDelay;

	@Nullable List<Class<? extends Throwable>> retryOn;

	@Nullable List<Class<? extends Throwable>> abortOn;

	DstPolicy.@Nullable Gap dstGap;

	DstPolicy.@Nullable Repeat dstRepeat;

	private JobDeclaration(DeclarationOrigin origin, String id) {
		this.origin = origin;
		this.id = id;
	}

	/**
	 * Reads a job declared under {@code scheduler.jobs.<id>}.
	 * @param id the job id, the map key
	 * @param job the bound properties
	 * @return the declaration
	 */
	static JobDeclaration fromProperties(String id, SchedulerProperties.JobProperties job) {
		JobDeclaration declaration = new JobDeclaration(new DeclarationOrigin.Property("scheduler.jobs." + id), id);
		if (id.isBlank()) {
			throw declaration.origin.invalid(null, id, "a job id must not be blank");
		}
		declaration.name = job.getName();
		declaration.handler = job.getHandler();
		if (declaration.handler == null || declaration.handler.isBlank()) {
			throw declaration.origin.invalid("handler", declaration.handler,
					"a declared job needs the name of the JobHandler bean that runs it");
		}
		declaration.scheduler = job.getScheduler();
		declaration.cron = job.getCron();
		declaration.putCronField("year", job.getYear());
		declaration.putCronField("month", job.getMonth());
		declaration.putCronField("day", job.getDay());
		declaration.putCronField("week", job.getWeek());
		declaration.putCronField("dayOfWeek", job.getDayOfWeek());
		declaration.putCronField("hour", job.getHour());
		declaration.putCronField("minute", job.getMinute());
		declaration.putCronField("second", job.getSecond());
		declaration.interval = job.getInterval();
		declaration.runAt = job.getRunAt();
		declaration.zone = job.getZone();
		declaration.args = jsonList(job.getArgs());
		declaration.kwargs = jsonMap(job.getKwargs());
		declaration.executor = job.getExecutor();
		declaration.coalesce = job.getCoalesce();
		declaration.maxInstances = job.getMaxInstances();
		declaration.misfireGraceTime = job.getMisfireGraceTime();
		declaration.jitter = job.getJitter();
		declaration.timeout = job.getTimeout();
		SchedulerProperties.RetryOverrides retry = job.getRetry();
		declaration.retryMaxAttempts = retry.getMaxAttempts();
		declaration.retryDelay = retry.getDelay();
		declaration.retryMultiplier = retry.getMultiplier();
		declaration.retryMaxDelay = retry.getMaxDelay();
		declaration.retryOn = retry.getRetryOn();
		declaration.abortOn = retry.getAbortOn();
		declaration.dstGap = job.getDst().getGap();
		declaration.dstRepeat = job.getDst().getRepeat();
		return declaration;
	}

	/**
	 * Reads a job declared by a {@code @ScheduledJob} method, parsing its string attributes.
	 * @param method the method
	 * @return the declaration
	 */
	static JobDeclaration fromAnnotation(ScheduledJobMethod method) {
		ScheduledJob job = method.attributes();
		String id = text(job.id());
		JobDeclaration declaration = new JobDeclaration(new DeclarationOrigin.Method(method.description()),
				(id != null) ? id : method.defaultId());
		declaration.name = text(job.name());
		declaration.handler = method.handlerName();
		String scheduler = text(job.scheduler());
		if (scheduler != null) {
			declaration.scheduler = scheduler;
		}
		declaration.cron = text(job.cron());
		declaration.putCronField("year", text(job.year()));
		declaration.putCronField("month", text(job.month()));
		declaration.putCronField("day", text(job.day()));
		declaration.putCronField("week", text(job.week()));
		declaration.putCronField("dayOfWeek", text(job.dayOfWeek()));
		declaration.putCronField("hour", text(job.hour()));
		declaration.putCronField("minute", text(job.minute()));
		declaration.putCronField("second", text(job.second()));
		declaration.interval = declaration.duration("interval", job.interval());
		declaration.runAt = text(job.runAt());
		declaration.zone = declaration.zone("zone", job.zone());
		declaration.executor = text(job.executor());
		declaration.coalesce = declaration.bool("coalesce", job.coalesce());
		declaration.maxInstances = declaration.integer("maxInstances", job.maxInstances());
		declaration.misfireGraceTime = declaration.duration("misfireGraceTime", job.misfireGraceTime());
		declaration.jitter = declaration.duration("jitter", job.jitter());
		declaration.timeout = declaration.duration("timeout", job.timeout());
		declaration.retryMaxAttempts = declaration.integer("retryMaxAttempts", job.retryMaxAttempts());
		declaration.retryDelay = declaration.duration("retryDelay", job.retryDelay());
		declaration.retryMultiplier = declaration.decimal("retryMultiplier", job.retryMultiplier());
		declaration.retryMaxDelay = declaration.duration("retryMaxDelay", job.retryMaxDelay());
		declaration.retryOn = (job.retryOn().length > 0) ? Arrays.asList(job.retryOn()) : null;
		declaration.abortOn = (job.abortOn().length > 0) ? Arrays.asList(job.abortOn()) : null;
		return declaration;
	}

	/**
	 * Turns the declaration into a job of its instance, with the instance's settings for what it
	 * leaves unset.
	 * @param settings the settings of the instance the job runs on
	 * @return the declared job
	 */
	DeclaredJob resolve(InstanceSettings settings) {
		ZoneId jobZone = (this.zone != null) ? this.zone : settings.timezone();
		String handlerName = (this.handler != null) ? this.handler : "";
		JobSpec.Builder spec = JobSpec.builder(handlerName).id(this.id).trigger(trigger(jobZone, settings));
		if (this.name != null) {
			spec.name(this.name);
		}
		try {
			spec.args(this.args);
		}
		catch (InvalidJobException ex) {
			throw this.origin.invalid("args", String.valueOf(this.args), ex.getMessage(), ex);
		}
		try {
			spec.kwargs(this.kwargs);
		}
		catch (InvalidJobException ex) {
			throw this.origin.invalid("kwargs", String.valueOf(this.kwargs), ex.getMessage(), ex);
		}
		if (this.executor != null) {
			if (this.executor.isBlank()) {
				throw this.origin.invalid("executor", this.executor, "must not be blank");
			}
			spec.executor(this.executor);
		}
		if (this.coalesce != null) {
			spec.coalesce(this.coalesce);
		}
		if (this.maxInstances != null) {
			spec.maxInstances(atLeastOne("maxInstances", this.maxInstances));
		}
		if (this.misfireGraceTime != null) {
			spec.misfireGraceTime(positive("misfireGraceTime", this.misfireGraceTime));
		}
		if (this.timeout != null) {
			spec.timeout(positive("timeout", this.timeout));
		}
		RetryPolicy retry = retryPolicy(settings.retry());
		if (retry != null) {
			spec.retry(retry);
		}
		return new DeclaredJob(this.id, this.scheduler, this.origin, spec.build());
	}

	private Trigger trigger(ZoneId jobZone, InstanceSettings settings) {
		int triggers = ((this.cron != null) ? 1 : 0) + (this.cronFields.isEmpty() ? 0 : 1)
				+ ((this.interval != null) ? 1 : 0) + ((this.runAt != null) ? 1 : 0);
		if (triggers == 0) {
			throw this.origin.invalid(null, null,
					"the job has no trigger: give cron, the cron fields (year to second), interval or run-at");
		}
		if (triggers > 1) {
			throw this.origin.invalid(null, null, "the job has more than one trigger (" + triggerNames()
					+ "): give exactly one of cron, the cron fields, interval or run-at");
		}
		DstPolicy dst = new DstPolicy((this.dstGap != null) ? this.dstGap : settings.dst().gap(),
				(this.dstRepeat != null) ? this.dstRepeat : settings.dst().repeat());
		Duration maxJitter = (this.jitter != null) ? positive("jitter", this.jitter) : settings.jitter();
		Trigger trigger;
		if (this.cron != null) {
			try {
				trigger = CronTrigger.parse(this.cron, jobZone).withDstPolicy(dst);
			}
			catch (InvalidTriggerException ex) {
				throw this.origin.invalid("cron", this.cron, ex.getMessage(), ex);
			}
		}
		else if (!this.cronFields.isEmpty()) {
			trigger = cronFields(jobZone, dst);
		}
		else if (this.interval != null) {
			try {
				trigger = IntervalTrigger.every(positive("interval", this.interval));
			}
			catch (InvalidTriggerException ex) {
				throw this.origin.invalid("interval", this.interval.toString(), ex.getMessage(), ex);
			}
		}
		else {
			return DateTrigger.at(runAt(jobZone));
		}
		return (maxJitter != null) ? JitterTrigger.of(trigger, maxJitter) : trigger;
	}

	private Trigger cronFields(ZoneId jobZone, DstPolicy dst) {
		CronTrigger.Builder builder = CronTrigger.builder().zone(jobZone).dstPolicy(dst);
		for (Map.Entry<String, String> field : this.cronFields.entrySet()) {
			try {
				builder.field(CRON_FIELDS.get(field.getKey()), field.getValue());
			}
			catch (InvalidTriggerException ex) {
				throw this.origin.invalid(field.getKey(), field.getValue(), ex.getMessage(), ex);
			}
		}
		try {
			return builder.build();
		}
		catch (InvalidTriggerException ex) {
			String attribute = attributeOfCronField(ex.field());
			throw this.origin.invalid(attribute, (attribute != null) ? this.cronFields.get(attribute) : ex.value(),
					ex.getMessage(), ex);
		}
	}

	private @Nullable String attributeOfCronField(String apschedulerName) {
		for (Map.Entry<String, String> field : CRON_FIELDS.entrySet()) {
			if (field.getValue().equals(apschedulerName) && this.cronFields.containsKey(field.getKey())) {
				return field.getKey();
			}
		}
		return null;
	}

	private Instant runAt(ZoneId jobZone) {
		String value = (this.runAt != null) ? this.runAt.strip() : "";
		String iso = (value.length() > 10 && value.charAt(10) == ' ') ? value.substring(0, 10) + 'T' + value.substring(11)
				: value;
		try {
			return OffsetDateTime.parse(iso).toInstant();
		}
		catch (DateTimeParseException ex) {
			// not with an offset: a local date-time or date in the job's zone
		}
		try {
			return LocalDateTime.parse(iso).atZone(jobZone).toInstant();
		}
		catch (DateTimeParseException ex) {
			// not a local date-time either
		}
		try {
			return LocalDate.parse(iso).atStartOfDay(jobZone).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw this.origin.invalid("runAt", value,
					"is not an ISO-8601 date-time such as 2030-01-01T09:00:00Z or 2030-01-01T09:00", ex);
		}
	}

	private @Nullable RetryPolicy retryPolicy(RetryPolicy base) {
		if (this.retryMaxAttempts == null && this.retryDelay == null && this.retryMultiplier == null
				&& this.retryMaxDelay == null && this.retryOn == null && this.abortOn == null) {
			return null;
		}
		int maxAttempts = atLeastOne("retryMaxAttempts",
				(this.retryMaxAttempts != null) ? this.retryMaxAttempts : base.maxAttempts());
		Duration delay = notNegative("retryDelay", (this.retryDelay != null) ? this.retryDelay : base.delay());
		double multiplier = (this.retryMultiplier != null) ? this.retryMultiplier : base.multiplier();
		if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
			throw this.origin.invalid("retryMultiplier", Double.toString(multiplier),
					"must be a finite number of at least 1.0");
		}
		Duration maxDelay = (this.retryMaxDelay != null) ? notNegative("retryMaxDelay", this.retryMaxDelay)
				: base.maxDelay();
		if (maxAttempts == 1) {
			return RetryPolicy.none();
		}
		return new RetryPolicy(maxAttempts, delay, multiplier, maxDelay,
				(this.retryOn != null) ? this.retryOn : base.retryOn(),
				(this.abortOn != null) ? this.abortOn : base.abortOn());
	}

	private String triggerNames() {
		List<String> names = new ArrayList<>();
		if (this.cron != null) {
			names.add("cron");
		}
		for (String field : CRON_FIELD_ORDER) {
			if (this.cronFields.containsKey(field)) {
				names.add(field);
			}
		}
		if (this.interval != null) {
			names.add("interval");
		}
		if (this.runAt != null) {
			names.add("runAt");
		}
		return String.join(", ", names);
	}

	private void putCronField(String attribute, @Nullable String expression) {
		if (expression != null) {
			this.cronFields.put(attribute, expression);
		}
	}

	private int atLeastOne(String attribute, int value) {
		if (value < 1) {
			throw this.origin.invalid(attribute, Integer.toString(value), "must be at least 1");
		}
		return value;
	}

	private Duration positive(String attribute, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw this.origin.invalid(attribute, print(value), "must be a positive duration");
		}
		return value;
	}

	private Duration notNegative(String attribute, Duration value) {
		if (value.isNegative()) {
			throw this.origin.invalid(attribute, print(value), "must not be a negative duration");
		}
		return value;
	}

	private static String print(Duration value) {
		return InstanceSettings.print(value);
	}

	// --- arguments bound from properties ---

	private static List<@Nullable Object> jsonList(List<?> values) {
		List<@Nullable Object> list = new ArrayList<>(values.size());
		for (Object value : values) {
			list.add(jsonValue(value));
		}
		return list;
	}

	private static Map<String, @Nullable Object> jsonMap(Map<?, ?> values) {
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		values.forEach((key, value) -> map.put(String.valueOf(key), jsonValue(value)));
		return map;
	}

	/**
	 * Returns a bound value as a JSON value: Spring Boot binds a list nested in a map
	 * ({@code kwargs.tags: [a, b]}) as a map keyed {@code 0, 1, ...}, which is a list again here.
	 */
	private static @Nullable Object jsonValue(@Nullable Object value) {
		if (value instanceof Map<?, ?> map) {
			boolean indexed = !map.isEmpty();
			int index = 0;
			for (Object key : map.keySet()) {
				indexed &= String.valueOf(index++).equals(String.valueOf(key));
			}
			return indexed ? jsonList(new ArrayList<>(map.values())) : jsonMap(map);
		}
		if (value instanceof List<?> list) {
			return jsonList(list);
		}
		return value;
	}

	// --- parsing annotation strings ---

	private static @Nullable String text(String value) {
		return value.isEmpty() ? null : value;
	}

	private @Nullable Duration duration(String attribute, String value) {
		if (value.isBlank()) {
			return null;
		}
		try {
			return DurationStyle.detectAndParse(value.strip(), ChronoUnit.SECONDS);
		}
		catch (IllegalArgumentException ex) {
			throw this.origin.invalid(attribute, value, "is not a duration; write, for example, 30s, 5m, 1h or PT30S",
					ex);
		}
	}

	private @Nullable Boolean bool(String attribute, String value) {
		if (value.isBlank()) {
			return null;
		}
		return switch (value.strip().toLowerCase(Locale.ROOT)) {
			case "true" -> Boolean.TRUE;
			case "false" -> Boolean.FALSE;
			default -> throw this.origin.invalid(attribute, value, "is not true or false");
		};
	}

	private @Nullable Integer integer(String attribute, String value) {
		if (value.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(value.strip());
		}
		catch (NumberFormatException ex) {
			throw this.origin.invalid(attribute, value, "is not a whole number", ex);
		}
	}

	private @Nullable Double decimal(String attribute, String value) {
		if (value.isBlank()) {
			return null;
		}
		try {
			return Double.valueOf(value.strip());
		}
		catch (NumberFormatException ex) {
			throw this.origin.invalid(attribute, value, "is not a number", ex);
		}
	}

	private @Nullable ZoneId zone(String attribute, String value) {
		if (value.isBlank()) {
			return null;
		}
		try {
			return ZoneId.of(value.strip());
		}
		catch (DateTimeException ex) {
			throw this.origin.invalid(attribute, value, "is not a time zone id such as Europe/London or UTC", ex);
		}
	}

}
