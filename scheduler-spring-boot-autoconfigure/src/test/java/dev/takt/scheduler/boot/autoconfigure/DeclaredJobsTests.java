package dev.takt.scheduler.boot.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import dev.takt.scheduler.Job;
import dev.takt.scheduler.JobHandler;
import dev.takt.scheduler.JobResult;
import dev.takt.scheduler.JobSpec;
import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.SchedulerManager;
import dev.takt.scheduler.boot.annotation.ScheduledJob;
import dev.takt.scheduler.retry.RetryPolicy;
import dev.takt.scheduler.store.JobStore;
import dev.takt.scheduler.store.MemoryJobStore;
import dev.takt.scheduler.trigger.CronTrigger;
import dev.takt.scheduler.trigger.DstPolicy;
import dev.takt.scheduler.trigger.IntervalTrigger;
import dev.takt.scheduler.trigger.JitterTrigger;
import dev.takt.scheduler.trigger.Triggers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for jobs declared under {@code scheduler.jobs} and for the upsert of declared jobs at
 * start-up: conflict policies, kept next run times and the removal of jobs no longer declared.
 * Restarts are two contexts sharing one store bean, with auto-startup off so that nothing runs.
 */
class DeclaredJobsTests {

	private final MemoryJobStore store = new MemoryJobStore();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SchedulerAutoConfiguration.class))
		.withUserConfiguration(HandlerConfiguration.class)
		.withBean("sharedStore", JobStore.class, () -> this.store)
		.withPropertyValues("scheduler.jobstore-url=sharedStore", "scheduler.auto-startup=false",
				"scheduler.timezone=Europe/Berlin");

	@Test
	void jobsDeclaredInPropertiesHaveTheirTriggerArgumentsAndOptions() {
		this.contextRunner
			.withPropertyValues("scheduler.jitter=3s", "scheduler.retry.delay=4s", "scheduler.dst.gap=skip",
					"scheduler.jobs.nightly.handler=report", "scheduler.jobs.nightly.cron=0 2 * * *",
					"scheduler.jobs.nightly.args[0]=sales", "scheduler.jobs.nightly.args[1]=eu",
					"scheduler.jobs.nightly.kwargs.format=pdf", "scheduler.jobs.nightly.coalesce=false",
					"scheduler.jobs.nightly.max-instances=2", "scheduler.jobs.nightly.misfire-grace-time=5m",
					"scheduler.jobs.nightly.timeout=30", "scheduler.jobs.nightly.retry.max-attempts=5",
					"scheduler.jobs.nightly.retry.multiplier=2", "scheduler.jobs.nightly.name=Nightly report",
					"scheduler.jobs.fields.handler=report", "scheduler.jobs.fields.day=last fri",
					"scheduler.jobs.fields.hour=18", "scheduler.jobs.fields.zone=UTC",
					"scheduler.jobs.fields.dst.repeat=once", "scheduler.jobs.fields.jitter=1s",
					"scheduler.jobs.sync.handler=report", "scheduler.jobs.sync.interval=PT10M",
					"scheduler.jobs.sync.executor=io", "scheduler.executors.io.size=2")
			.run((context) -> {
				Scheduler scheduler = context.getBean(Scheduler.class);
				Job nightly = scheduler.getJob("nightly").orElseThrow();
				assertThat(nightly.name()).isEqualTo("Nightly report");
				assertThat(nightly.handler()).isEqualTo("report");
				assertThat(nightly.trigger()).isEqualTo(JitterTrigger.of(Triggers.cron("0 2 * * *", ZoneId.of("Europe/Berlin"))
					.withDstPolicy(new DstPolicy(DstPolicy.Gap.SKIP, DstPolicy.Repeat.BOTH)), Duration.ofSeconds(3)));
				assertThat(nightly.args()).containsExactly("sales", "eu");
				assertThat(nightly.kwargs()).containsExactly(Map.entry("format", "pdf"));
				assertThat(nightly.coalesce()).isFalse();
				assertThat(nightly.maxInstances()).isEqualTo(2);
				assertThat(nightly.misfireGraceTime()).isEqualTo(Duration.ofMinutes(5));
				assertThat(nightly.timeout()).isEqualTo(Duration.ofSeconds(30));
				assertThat(nightly.retryPolicy()).isEqualTo(
						new RetryPolicy(5, Duration.ofSeconds(4), 2.0, null, List.of(), List.of()));

				Job fields = scheduler.getJob("fields").orElseThrow();
				assertThat(fields.trigger()).isEqualTo(JitterTrigger.of(CronTrigger.builder()
					.day("last fri")
					.hour("18")
					.zone(ZoneId.of("UTC"))
					.dstPolicy(new DstPolicy(DstPolicy.Gap.SKIP, DstPolicy.Repeat.ONCE))
					.build(), Duration.ofSeconds(1)));
				assertThat(fields.retryPolicy()).isEqualTo(RetryPolicy.none());

				Job sync = scheduler.getJob("sync").orElseThrow();
				assertThat(sync.trigger())
					.isEqualTo(JitterTrigger.of(IntervalTrigger.every(Duration.ofMinutes(10)), Duration.ofSeconds(3)));
				assertThat(sync.executor()).isEqualTo("io");
			});
	}

	@Test
	void argumentsFromYamlAreJsonValues() {
		this.contextRunner.withInitializer((context) -> {
			try {
				new YamlPropertySourceLoader().load("typed-jobs", new ClassPathResource("typed-jobs.yml"))
					.forEach((source) -> context.getEnvironment().getPropertySources().addFirst(source));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}).run((context) -> {
			Job job = context.getBean(Scheduler.class).getJob("typed").orElseThrow();
			assertThat(job.args()).containsExactly(1, "two", true, 2.5);
			assertThat(job.kwargs()).containsExactly(Map.entry("limit", 10), Map.entry("tags", List.of("a", "b")),
					Map.entry("nested", Map.of("x", 1)));
		});
	}

	@Test
	void jobsAreDeclaredForTheirInstance() {
		this.contextRunner
			.withPropertyValues("scheduler.instances.report.jobstore-url=memory:",
					"scheduler.instances.report.timezone=UTC", "scheduler.jobs.weekly.handler=report",
					"scheduler.jobs.weekly.scheduler=report", "scheduler.jobs.weekly.day-of-week=mon",
					"scheduler.jobs.weekly.hour=6")
			.run((context) -> {
				SchedulerManager manager = context.getBean(SchedulerManager.class);
				assertThat(manager.get("report").getJob("weekly")).hasValueSatisfying((job) -> assertThat(job.trigger())
					.isEqualTo(CronTrigger.builder().dayOfWeek("mon").hour("6").zone(ZoneId.of("UTC")).build()));
				assertThat(manager.getDefault().getJob("weekly")).isEmpty();
			});
	}

	@Test
	void anUnchangedJobKeepsItsStoredNextRunTimeAcrossARestart() {
		ApplicationContextRunner declared = this.contextRunner.withPropertyValues("scheduler.jobs.sync.handler=report",
				"scheduler.jobs.sync.interval=1h");
		declared.run((context) -> assertThat(this.store.get("sync")).isPresent());
		Instant missed = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
		this.store.update("sync", (job) -> job.withNextRunTime(missed));
		declared.run((context) -> {
			Job job = context.getBean(Scheduler.class).getJob("sync").orElseThrow();
			assertThat(job.nextRunTime()).isEqualTo(missed);
		});
	}

	@Test
	void anUnchangedAnnotatedJobKeepsItsStoredNextRunTimeAcrossARestart() {
		ApplicationContextRunner declared = this.contextRunner.withBean("jobs", AnnotatedJobs.class);
		declared.run((context) -> assertThat(this.store.get("jobs.poll")).isPresent());
		Instant missed = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
		this.store.update("jobs.poll", (job) -> job.withNextRunTime(missed));
		declared.run((context) -> assertThat(this.store.get("jobs.poll").orElseThrow().nextRunTime()).isEqualTo(missed));
	}

	@Test
	void aChangedTriggerReplacesTheStoredJobAndItsNextRunTime() {
		this.contextRunner
			.withPropertyValues("scheduler.jobs.sync.handler=report", "scheduler.jobs.sync.interval=1h")
			.run((context) -> assertThat(this.store.get("sync")).isPresent());
		Instant missed = Instant.now().minus(5, ChronoUnit.MINUTES);
		this.store.update("sync", (job) -> job.withNextRunTime(missed));
		this.contextRunner
			.withPropertyValues("scheduler.jobs.sync.handler=report", "scheduler.jobs.sync.interval=2h")
			.run((context) -> {
				Job job = this.store.get("sync").orElseThrow();
				assertThat(job.trigger()).isEqualTo(IntervalTrigger.every(Duration.ofHours(2)));
				assertThat(job.nextRunTime()).isAfter(Instant.now().plus(Duration.ofMinutes(119)));
			});
	}

	@Test
	void aChangedOptionReplacesTheStoredJobButKeepsItsNextRunTime() {
		this.contextRunner
			.withPropertyValues("scheduler.jobs.sync.handler=report", "scheduler.jobs.sync.interval=1h")
			.run((context) -> assertThat(this.store.get("sync")).isPresent());
		Instant missed = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
		this.store.update("sync", (job) -> job.withNextRunTime(missed));
		this.contextRunner
			.withPropertyValues("scheduler.jobs.sync.handler=other", "scheduler.jobs.sync.interval=1h",
					"scheduler.jobs.sync.max-instances=4", "scheduler.jobs.sync.args[0]=full")
			.run((context) -> {
				Job job = this.store.get("sync").orElseThrow();
				assertThat(job.handler()).isEqualTo("other");
				assertThat(job.maxInstances()).isEqualTo(4);
				assertThat(job.args()).containsExactly("full");
				assertThat(job.nextRunTime()).isEqualTo(missed);
			});
	}

	@Test
	void keepLeavesAChangedStoredJobAsItIs() {
		this.contextRunner
			.withPropertyValues("scheduler.jobs.sync.handler=report", "scheduler.jobs.sync.interval=1h")
			.run((context) -> assertThat(this.store.get("sync")).isPresent());
		Job stored = this.store.get("sync").orElseThrow();
		this.contextRunner
			.withPropertyValues("scheduler.declared-jobs.conflict-policy=keep", "scheduler.jobs.sync.handler=other",
					"scheduler.jobs.sync.interval=2h")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(this.store.get("sync")).contains(stored);
			});
	}

	@Test
	void failRefusesToStartWhenAStoredJobDiffers() {
		this.contextRunner
			.withPropertyValues("scheduler.jobs.sync.handler=report", "scheduler.jobs.sync.interval=1h")
			.run((context) -> assertThat(this.store.get("sync")).isPresent());
		this.contextRunner
			.withPropertyValues("scheduler.declared-jobs.conflict-policy=fail", "scheduler.jobs.sync.handler=report",
					"scheduler.jobs.sync.interval=1h")
			.run((context) -> assertThat(context).hasNotFailed());
		this.contextRunner
			.withPropertyValues("scheduler.declared-jobs.conflict-policy=fail", "scheduler.jobs.sync.handler=report",
					"scheduler.jobs.sync.interval=2h")
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(InvalidSchedulerPropertyException.class)
				.hasMessageContaining("scheduler.jobs.sync")
				.hasMessageContaining("differs from this declaration in its trigger"));
	}

	@Test
	void jobsNoLongerDeclaredAreRemovedWhenAskedButNeverJobsAddedThroughTheApi() {
		ApplicationContextRunner removing = this.contextRunner
			.withPropertyValues("scheduler.declared-jobs.remove-undeclared=true");
		removing.withPropertyValues("scheduler.jobs.a.handler=report", "scheduler.jobs.a.interval=1h",
				"scheduler.jobs.b.handler=report", "scheduler.jobs.b.interval=1h")
			.run((context) -> context.getBean(Scheduler.class)
				.addJob(JobSpec.builder("report").id("dynamic").trigger(Triggers.interval(Duration.ofHours(1))).build()));
		assertThat(this.store.list()).extracting(Job::id)
			.containsExactlyInAnyOrder("a", "b", "dynamic", DeclaredJobsRecord.JOB_ID);
		removing.withPropertyValues("scheduler.jobs.a.handler=report", "scheduler.jobs.a.interval=1h")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(this.store.list()).extracting(Job::id)
			.containsExactlyInAnyOrder("a", "dynamic", DeclaredJobsRecord.JOB_ID);
	}

	@Test
	void jobsNoLongerDeclaredStayByDefault() {
		this.contextRunner.withPropertyValues("scheduler.jobs.a.handler=report", "scheduler.jobs.a.interval=1h")
			.run((context) -> assertThat(this.store.get("a")).isPresent());
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed());
		assertThat(this.store.list()).extracting(Job::id).containsExactly("a");
	}

	@Test
	void aOneOffJobWhoseRunTimeHasPassedIsNotAddedAgain() {
		this.contextRunner
			.withPropertyValues("scheduler.jobs.once.handler=report", "scheduler.jobs.once.run-at=2001-02-03T04:05:06Z")
			.run((context) -> assertThat(context.getBean(Scheduler.class).getJob("once")).isEmpty());
	}

	@Configuration(proxyBeanMethods = false)
	static class HandlerConfiguration {

		@Bean
		JobHandler report() {
			return (context) -> JobResult.success();
		}

		@Bean
		JobHandler other() {
			return (context) -> JobResult.success();
		}

	}

	static class AnnotatedJobs {

		@ScheduledJob(interval = "10m")
		void poll() {
		}

	}

}
