package dev.takt.scheduler.boot.autoconfigure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.takt.scheduler.ConflictingJobIdException;
import dev.takt.scheduler.InvalidJobException;
import dev.takt.scheduler.Job;
import dev.takt.scheduler.JobDefaults;
import dev.takt.scheduler.JobHandler;
import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.SchedulerBuilder;
import dev.takt.scheduler.SchedulerManager;
import dev.takt.scheduler.UnknownHandlerException;
import dev.takt.scheduler.boot.annotation.ScheduledJobBeanPostProcessor;
import dev.takt.scheduler.boot.annotation.ScheduledJobMethod;
import dev.takt.scheduler.trigger.DateTrigger;
import dev.takt.scheduler.trigger.InvalidTriggerException;
import dev.takt.scheduler.trigger.Trigger;
import dev.takt.scheduler.trigger.TriggerSpecs;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Adds the declared jobs, {@code @ScheduledJob} methods and {@code scheduler.jobs}, to their
 * instances once every singleton exists (before the instances start, and before a web server
 * does): checks each declaration (instance, handler, unique id per instance), then upserts it
 * under {@code scheduler.declared-jobs.conflict-policy}, and with
 * {@code scheduler.declared-jobs.remove-undeclared} removes the jobs declared at an earlier start
 * and not any more.
 * <p>
 * A stored job is the same as its declaration when its name, handler, arguments, trigger (compared
 * as its JSON spec) and options are: it is then left as it is, next run time included, so a
 * restart neither resets its schedule nor forgets a missed fire.
 */
final class DeclaredJobsRegistrar implements SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger(DeclaredJobsRegistrar.class);

	private final SchedulerProperties properties;

	private final SchedulerManager manager;

	private final ScheduledJobBeanPostProcessor methods;

	private final ListableBeanFactory beanFactory;

	DeclaredJobsRegistrar(SchedulerProperties properties, SchedulerManager manager,
			ScheduledJobBeanPostProcessor methods, ListableBeanFactory beanFactory) {
		this.properties = properties;
		this.manager = manager;
		this.methods = methods;
		this.beanFactory = beanFactory;
	}

	@Override
	public void afterSingletonsInstantiated() {
		register();
	}

	/**
	 * Checks every declaration and upserts the declared jobs.
	 */
	void register() {
		Map<String, InstanceSettings> settings = InstanceSettings.resolveAll(this.properties);
		Map<String, Map<String, DeclaredJob>> byInstance = new LinkedHashMap<>();
		for (JobDeclaration declaration : declarations()) {
			Scheduler scheduler = instance(declaration);
			InstanceSettings instanceSettings = settings.getOrDefault(declaration.scheduler,
					settings.get(SchedulerBuilder.DEFAULT_NAME));
			DeclaredJob job = declaration.resolve(Objects.requireNonNull(instanceSettings));
			checkHandler(scheduler, job);
			Map<String, DeclaredJob> jobs = byInstance.computeIfAbsent(job.scheduler(), (name) -> new LinkedHashMap<>());
			DeclaredJob other = jobs.putIfAbsent(job.id(), job);
			if (other != null) {
				throw job.origin().invalid("id", job.id(), "job id '" + job.id() + "' of scheduler '" + job.scheduler()
						+ "' is already declared by " + other.origin().describe() + "; give each job its own id");
			}
			if (DeclaredJobsRecord.JOB_ID.equals(job.id())) {
				throw job.origin().invalid("id", job.id(), "this id is reserved");
			}
		}
		ConflictPolicy policy = this.properties.getDeclaredJobs().getConflictPolicy();
		for (Scheduler scheduler : this.manager.schedulers()) {
			Map<String, DeclaredJob> jobs = byInstance.getOrDefault(scheduler.name(), Map.of());
			JobDefaults defaults = scheduler.jobDefaults();
			for (DeclaredJob job : jobs.values()) {
				upsert(scheduler, job, policy, defaults);
			}
			if (this.properties.getDeclaredJobs().isRemoveUndeclared()) {
				removeUndeclared(scheduler, jobs.keySet());
			}
		}
	}

	private List<JobDeclaration> declarations() {
		List<JobDeclaration> declarations = new ArrayList<>();
		for (ScheduledJobMethod method : this.methods.methods()) {
			declarations.add(JobDeclaration.fromAnnotation(method));
		}
		this.properties.getJobs().forEach((id, job) -> declarations.add(JobDeclaration.fromProperties(id, job)));
		return declarations;
	}

	private Scheduler instance(JobDeclaration declaration) {
		Optional<Scheduler> scheduler = this.manager.find(declaration.scheduler);
		if (scheduler.isEmpty()) {
			throw declaration.origin.invalid("scheduler", declaration.scheduler,
					"no scheduler instance has this name (instances: " + new TreeSet<>(this.manager.names())
							+ "); configure it under scheduler.instances." + declaration.scheduler);
		}
		return scheduler.get();
	}

	private void checkHandler(Scheduler scheduler, DeclaredJob job) {
		String handler = job.spec().handler();
		if (scheduler.handlers().find(handler).isPresent()) {
			return;
		}
		String reason;
		if (this.beanFactory.containsBean(handler)) {
			Class<?> type = this.beanFactory.getType(handler);
			reason = "bean '" + handler + "' is a " + ((type != null) ? type.getName() : "bean of unknown type")
					+ ", not a " + JobHandler.class.getName();
		}
		else {
			reason = "no JobHandler bean has this name (handlers: " + new TreeSet<>(scheduler.handlers().names())
					+ ")";
		}
		throw job.origin().invalid("handler", handler, reason);
	}


	private void upsert(Scheduler scheduler, DeclaredJob job, ConflictPolicy policy, JobDefaults defaults) {
		Instant now = scheduler.clock().instant();
		Job wanted = job.spec().toJob(defaults, now);
		Optional<Job> stored = scheduler.getJob(job.id());
		if (stored.isEmpty()) {
			if (isPastOneOff(wanted, now)) {
				logger.info("Did not add job '{}' to scheduler '{}': its run time {} has passed", job.id(),
						scheduler.name(), wanted.nextRunTime());
				return;
			}
			try {
				scheduler.addJob(job.spec());
				return;
			}
			catch (ConflictingJobIdException ex) {
				// another node of a cluster added it just now
				stored = scheduler.getJob(job.id());
				if (stored.isEmpty()) {
					throw ex;
				}
			}
			catch (InvalidJobException ex) {
				throw job.origin().invalid(ex.field(), ex.value(), ex.getMessage() + " in scheduler '"
						+ scheduler.name() + "'", ex);
			}
		}
		Job current = stored.get();
		List<String> differences = differences(current, wanted);
		if (differences.isEmpty()) {
			logger.debug("Job '{}' of scheduler '{}' is stored as declared; keeping it", job.id(), scheduler.name());
			return;
		}
		switch (policy) {
			case KEEP -> logger.info("Kept the stored job '{}' of scheduler '{}' although its {} changed "
					+ "(scheduler.declared-jobs.conflict-policy=keep)", job.id(), scheduler.name(), differences);
			case FAIL -> throw job.origin().invalid(null, null, "the stored job '" + job.id() + "' of scheduler '"
					+ scheduler.name() + "' differs from this declaration in its " + String.join(", ", differences)
					+ ", and scheduler.declared-jobs.conflict-policy is fail");
			case REPLACE -> replace(scheduler, job, wanted, differences);
		}
	}

	private static void replace(Scheduler scheduler, DeclaredJob job, Job wanted, List<String> differences) {
		try {
			if (differences.contains("trigger")) {
				scheduler.addJob(job.spec(), true);
			}
			else {
				scheduler.modifyJob(job.id(), (stored) -> wanted.withNextRunTime(stored.nextRunTime()));
			}
		}
		catch (InvalidJobException ex) {
			throw job.origin().invalid(ex.field(), ex.value(), ex.getMessage() + " in scheduler '"
					+ scheduler.name() + "'", ex);
		}
		logger.info("Replaced the stored job '{}' of scheduler '{}': its {} changed", job.id(), scheduler.name(),
				differences);
	}

	private static void removeUndeclared(Scheduler scheduler, Set<String> declared) {
		for (String id : DeclaredJobsRecord.read(scheduler)) {
			if (!declared.contains(id) && scheduler.getJob(id).isPresent()) {
				scheduler.removeJob(id);
				logger.info("Removed job '{}' of scheduler '{}': it is not declared any more", id, scheduler.name());
			}
		}
		try {
			DeclaredJobsRecord.write(scheduler, declared);
		}
		catch (UnknownHandlerException ex) {
			logger.warn("Scheduler '{}' cannot record its declared jobs, so none will be removed once undeclared: "
					+ "its handler registry does not resolve '{}'", scheduler.name(), DeclaredJobsRecord.HANDLER);
		}
	}

	private static boolean isPastOneOff(Job job, Instant now) {
		return job.trigger() instanceof DateTrigger date && job.misfireGraceTime() != null
				&& date.runDate().plus(job.misfireGraceTime()).isBefore(now);
	}

	/**
	 * Returns what differs between a stored job and its declaration, by field name; empty when
	 * they are the same job. The next run time is not compared.
	 */
	static List<String> differences(Job stored, Job wanted) {
		List<String> differences = new ArrayList<>();
		compare(differences, "name", stored.name(), wanted.name());
		compare(differences, "handler", stored.handler(), wanted.handler());
		if (stored.isInline() || wanted.isInline()) {
			differences.add("handler");
		}
		compare(differences, "args", stored.args(), wanted.args());
		compare(differences, "kwargs", stored.kwargs(), wanted.kwargs());
		if (!sameTrigger(stored.trigger(), wanted.trigger())) {
			differences.add("trigger");
		}
		compare(differences, "executor", stored.executor(), wanted.executor());
		compare(differences, "coalesce", stored.coalesce(), wanted.coalesce());
		compare(differences, "maxInstances", stored.maxInstances(), wanted.maxInstances());
		compare(differences, "misfireGraceTime", stored.misfireGraceTime(), wanted.misfireGraceTime());
		compare(differences, "retryPolicy", stored.retryPolicy(), wanted.retryPolicy());
		compare(differences, "timeout", stored.timeout(), wanted.timeout());
		return differences.stream().distinct().toList();
	}

	private static void compare(List<String> differences, String field, @Nullable Object stored,
			@Nullable Object wanted) {
		if (!Objects.equals(stored, wanted)) {
			differences.add(field);
		}
	}

	private static boolean sameTrigger(Trigger stored, Trigger wanted) {
		try {
			return TriggerSpecs.toJson(stored).equals(TriggerSpecs.toJson(wanted));
		}
		catch (InvalidTriggerException ex) {
			// not a built-in trigger, so it has no spec
			return stored.equals(wanted);
		}
	}

}
