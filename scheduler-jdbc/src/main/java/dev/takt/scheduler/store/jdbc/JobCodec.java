package dev.takt.scheduler.store.jdbc;

import java.io.Serial;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.takt.scheduler.Job;
import dev.takt.scheduler.JobPersistenceException;
import dev.takt.scheduler.retry.RetryPolicy;
import dev.takt.scheduler.trigger.Trigger;
import dev.takt.scheduler.trigger.TriggerSpecs;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a job as the JSON of its {@code job_data} column and reads it back: everything but the
 * id, handler and next run time, which have columns of their own.
 * <pre>
 * {"name": "Nightly report", "trigger": {"type": "cron", ...}, "args": [], "kwargs": {},
 *  "executor": "default", "coalesce": true, "max_instances": 1, "misfire_grace_time": "PT1S",
 *  "timeout": null, "retry": {"max_attempts": 3, "delay": "PT10S", "multiplier": 2.0,
 *  "max_delay": "PT5M", "retry_on": ["java.io.IOException"], "abort_on": []}}
 * </pre>
 * Durations are ISO-8601 strings; exception types are class names, resolved when read. Jobs
 * read are kept by id with their data, so reading the same data again (a recurring job claimed
 * every second) costs no parsing.
 */
final class JobCodec {

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final int CACHE_SIZE = 20_000;

	private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

	String write(Job job) {
		ObjectNode data = MAPPER.createObjectNode();
		data.put("name", job.name());
		data.set("trigger", TriggerSpecs.toSpec(job.trigger()));
		data.set("args", MAPPER.valueToTree(job.args()));
		data.set("kwargs", MAPPER.valueToTree(job.kwargs()));
		data.put("executor", job.executor());
		data.put("coalesce", job.coalesce());
		data.put("max_instances", job.maxInstances());
		putDuration(data, "misfire_grace_time", job.misfireGraceTime());
		putDuration(data, "timeout", job.timeout());
		RetryPolicy retry = job.retryPolicy();
		if (!retry.equals(RetryPolicy.none())) {
			ObjectNode policy = data.putObject("retry");
			policy.put("max_attempts", retry.maxAttempts());
			putDuration(policy, "delay", retry.delay());
			policy.put("multiplier", retry.multiplier());
			putDuration(policy, "max_delay", retry.maxDelay());
			ArrayNode retryOn = policy.putArray("retry_on");
			retry.retryOn().forEach((type) -> retryOn.add(type.getName()));
			ArrayNode abortOn = policy.putArray("abort_on");
			retry.abortOn().forEach((type) -> abortOn.add(type.getName()));
		}
		return MAPPER.writeValueAsString(data);
	}

	/**
	 * Reads a stored job.
	 * @throws UnreadableJobException when the data no longer makes a job
	 */
	Job read(String id, String handler, @Nullable Instant nextRunTime, String data) {
		Parsed known = this.parsed.get(id);
		if (known != null && known.data.equals(data) && known.handler.equals(handler)) {
			Job job = known.job;
			return java.util.Objects.equals(job.nextRunTime(), nextRunTime) ? job : job.withNextRunTime(nextRunTime);
		}
		Job job;
		try {
			job = parse(id, handler, nextRunTime, data);
		}
		catch (RuntimeException ex) {
			throw new UnreadableJobException(id, ex);
		}
		if (this.parsed.size() >= CACHE_SIZE) {
			this.parsed.clear();
		}
		this.parsed.put(id, new Parsed(handler, data, job));
		return job;
	}

	void forget(String id) {
		this.parsed.remove(id);
	}

	private static Job parse(String id, String handler, @Nullable Instant nextRunTime, String text) {
		JsonNode data = MAPPER.readTree(text);
		Trigger trigger = TriggerSpecs.fromSpec(required(data, "trigger"), ZoneOffset.UTC);
		@SuppressWarnings("unchecked")
		List<@Nullable Object> args = MAPPER.treeToValue(required(data, "args"), List.class);
		@SuppressWarnings("unchecked")
		Map<String, @Nullable Object> kwargs = MAPPER.treeToValue(required(data, "kwargs"), Map.class);
		RetryPolicy retry = RetryPolicy.none();
		JsonNode policy = data.get("retry");
		if (policy != null && !policy.isNull()) {
			Duration maxDelay = duration(policy, "max_delay");
			retry = new RetryPolicy(required(policy, "max_attempts").asInt(), duration(policy, "delay"),
					required(policy, "multiplier").asDouble(), maxDelay, types(policy.get("retry_on")),
					types(policy.get("abort_on")));
		}
		return new Job(id, required(data, "name").asString(), handler, null, args, kwargs, trigger,
				required(data, "executor").asString(), required(data, "coalesce").asBoolean(),
				required(data, "max_instances").asInt(), duration(data, "misfire_grace_time"), retry,
				duration(data, "timeout"), nextRunTime);
	}

	private static JsonNode required(JsonNode node, String key) {
		JsonNode value = node.get(key);
		if (value == null) {
			throw new IllegalArgumentException("'" + key + "' is missing");
		}
		return value;
	}

	private static void putDuration(ObjectNode node, String key, @Nullable Duration duration) {
		if (duration == null) {
			node.putNull(key);
		}
		else {
			node.put(key, duration.toString());
		}
	}

	private static @Nullable Duration duration(JsonNode node, String key) {
		JsonNode value = node.get(key);
		return (value == null || value.isNull()) ? null : Duration.parse(value.asString());
	}

	private static List<Class<? extends Throwable>> types(@Nullable JsonNode names) {
		List<Class<? extends Throwable>> types = new ArrayList<>();
		if (names == null) {
			return types;
		}
		ClassLoader loader = Thread.currentThread().getContextClassLoader();
		if (loader == null) {
			loader = JobCodec.class.getClassLoader();
		}
		for (JsonNode name : names) {
			Class<?> type;
			try {
				type = Class.forName(name.asString(), false, loader);
			}
			catch (ClassNotFoundException ex) {
				throw new IllegalArgumentException("exception type " + name.asString() + " is not on the class path");
			}
			if (!Throwable.class.isAssignableFrom(type)) {
				throw new IllegalArgumentException(type.getName() + " is not an exception type");
			}
			types.add(type.asSubclass(Throwable.class));
		}
		return types;
	}

	/** A job read before, with the data it was read from. */
	private record Parsed(String handler, String data, Job job) {
	}

	/**
	 * A stored job whose data no longer makes a job: its trigger spec does not parse, an exception
	 * type of its retry policy is gone, or its JSON was changed by hand.
	 */
	static final class UnreadableJobException extends JobPersistenceException {

		@Serial
		private static final long serialVersionUID = 1L;

		private final String jobId;

		UnreadableJobException(String jobId, Throwable cause) {
			super("Stored job '" + jobId + "' cannot be read: " + cause.getMessage(), cause);
			this.jobId = jobId;
		}

		String jobId() {
			return this.jobId;
		}

	}

}
