package dev.takt.scheduler.boot.autoconfigure;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.takt.scheduler.AsyncJobHandler;
import dev.takt.scheduler.Job;
import dev.takt.scheduler.JobDefaults;
import dev.takt.scheduler.JobHandler;
import dev.takt.scheduler.JobResult;
import dev.takt.scheduler.JobSpec;
import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.SchedulerManager;
import dev.takt.scheduler.SchedulerState;
import dev.takt.scheduler.boot.annotation.ScheduledJobBeanPostProcessor;
import dev.takt.scheduler.engine.LoopScheduler;
import dev.takt.scheduler.event.JobExecuted;
import dev.takt.scheduler.event.SchedulerEvent;
import dev.takt.scheduler.event.SchedulerStarted;
import dev.takt.scheduler.executor.ThreadPoolJobExecutor;
import dev.takt.scheduler.retry.RetryPolicy;
import dev.takt.scheduler.store.MemoryJobStore;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SchedulerAutoConfiguration}: defaults, each property, named instances,
 * backing off, switching off, customizers, handlers, events and the lifecycle.
 */
class SchedulerAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SchedulerAutoConfiguration.class));

	@Test
	void defaultsGiveOneRunningInstanceWithApschedulerDefaults() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(SchedulerManager.class)
				.hasSingleBean(ScheduledJobBeanPostProcessor.class)
				.hasBean("scheduler");
			SchedulerManager manager = context.getBean(SchedulerManager.class);
			assertThat(manager.names()).containsExactly("default");
			Scheduler scheduler = context.getBean(Scheduler.class);
			assertThat(scheduler).isSameAs(manager.getDefault());
			assertThat(scheduler.state()).isEqualTo(SchedulerState.RUNNING);
			assertThat(scheduler.timezone()).isEqualTo(ZoneId.systemDefault());
			assertThat(settings(scheduler).jobDefaults()).isEqualTo(JobDefaults.standard());
			assertThat(settings(scheduler).store()).isInstanceOf(MemoryJobStore.class);
		});
	}

	@Test
	void topLevelPropertiesConfigureTheDefaultInstance() {
		this.contextRunner
			.withPropertyValues("scheduler.timezone=Europe/London", "scheduler.coalesce=false",
					"scheduler.max-instances=3", "scheduler.misfire-grace-time=30", "scheduler.timeout=5m",
					"scheduler.retry.max-attempts=4", "scheduler.retry.delay=2s", "scheduler.retry.multiplier=2",
					"scheduler.retry.max-delay=1m", "scheduler.retry.retry-on=java.io.IOException",
					"scheduler.retry.abort-on=java.lang.IllegalArgumentException")
			.run((context) -> {
				Scheduler scheduler = context.getBean(Scheduler.class);
				assertThat(scheduler.timezone()).isEqualTo(ZoneId.of("Europe/London"));
				assertThat(settings(scheduler).jobDefaults()).isEqualTo(new JobDefaults("default", false, 3,
						Duration.ofSeconds(30),
						new RetryPolicy(4, Duration.ofSeconds(2), 2.0, Duration.ofMinutes(1),
								List.of(java.io.IOException.class), List.of(IllegalArgumentException.class)),
						Duration.ofMinutes(5)));
			});
	}

	@Test
	void executorsAreConfiguredByName() {
		this.contextRunner
			.withPropertyValues("scheduler.executors.default.size=3", "scheduler.executors.cpu.type=thread-pool",
					"scheduler.executors.cpu.size=2")
			.run((context) -> {
				Map<String, ?> executors = settings(context.getBean(Scheduler.class)).executors();
				assertThat(executors).containsOnlyKeys("default", "cpu");
				assertThat(((ThreadPoolJobExecutor) executors.get("default")).size()).isEqualTo(3);
				assertThat(((ThreadPoolJobExecutor) executors.get("cpu")).size()).isEqualTo(2);
				Job job = context.getBean(Scheduler.class)
					.addJob(JobSpec.builder(JobHandler.of(() -> { })).executor("cpu").paused().build());
				assertThat(job.executor()).isEqualTo("cpu");
			});
	}

	@Test
	void environmentVariablesBindThroughRelaxedBinding() {
		this.contextRunner.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					Map.of("SCHEDULER_TIMEZONE", "Asia/Tokyo", "SCHEDULER_MAXINSTANCES", "5",
							"SCHEDULER_INSTANCES_REPORT_TIMEZONE", "UTC"))))
			.run((context) -> {
				SchedulerManager manager = context.getBean(SchedulerManager.class);
				assertThat(manager.getDefault().timezone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
				assertThat(settings(manager.getDefault()).jobDefaults().maxInstances()).isEqualTo(5);
				assertThat(manager.get("report").timezone()).isEqualTo(ZoneId.of("UTC"));
			});
	}

	@Test
	void namedInstancesInheritWhatTheyDoNotSet() {
		this.contextRunner
			.withPropertyValues("scheduler.timezone=Europe/Paris", "scheduler.max-instances=2",
					"scheduler.retry.max-attempts=3", "scheduler.executors.io.size=4",
					"scheduler.instances.report.misfire-grace-time=5m", "scheduler.instances.report.retry.delay=10s",
					"scheduler.instances.report.executors.cpu.size=1", "scheduler.instances.audit.timezone=UTC",
					"scheduler.instances.audit.coalesce=false")
			.run((context) -> {
				SchedulerManager manager = context.getBean(SchedulerManager.class);
				assertThat(manager.schedulers()).extracting(Scheduler::name)
					.containsExactly("default", "report", "audit");
				assertThat(manager.schedulers()).allMatch((scheduler) -> scheduler.state() == SchedulerState.RUNNING);
				Scheduler report = manager.get("report");
				assertThat(report.timezone()).isEqualTo(ZoneId.of("Europe/Paris"));
				JobDefaults reportDefaults = settings(report).jobDefaults();
				assertThat(reportDefaults.maxInstances()).isEqualTo(2);
				assertThat(reportDefaults.misfireGraceTime()).isEqualTo(Duration.ofMinutes(5));
				assertThat(reportDefaults.retryPolicy().maxAttempts()).isEqualTo(3);
				assertThat(reportDefaults.retryPolicy().delay()).isEqualTo(Duration.ofSeconds(10));
				assertThat(settings(report).executors()).containsOnlyKeys("io", "cpu");
				Scheduler audit = manager.get("audit");
				assertThat(audit.timezone()).isEqualTo(ZoneId.of("UTC"));
				assertThat(settings(audit).jobDefaults().coalesce()).isFalse();
				assertThat(settings(audit).jobDefaults().misfireGraceTime()).isEqualTo(Duration.ofSeconds(1));
				assertThat(settings(audit).executors()).containsOnlyKeys("io");
				assertThat(settings(manager.getDefault()).jobDefaults().misfireGraceTime())
					.isEqualTo(Duration.ofSeconds(1));
				assertThat(settings(report).store()).isNotSameAs(settings(manager.getDefault()).store());
			});
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsManager() {
		this.contextRunner.withUserConfiguration(UserManagerConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(SchedulerManager.class);
			SchedulerManager manager = context.getBean(SchedulerManager.class);
			assertThat(manager).isSameAs(context.getBean(UserManagerConfiguration.class).manager);
			assertThat(context.getBean(Scheduler.class)).isSameAs(manager.getDefault());
			assertThat(manager.getDefault().state()).isEqualTo(SchedulerState.RUNNING);
		});
	}

	@Test
	void isSwitchedOffByProperty() {
		this.contextRunner.withPropertyValues("scheduler.enabled=false").run((context) -> assertThat(context)
			.doesNotHaveBean(SchedulerManager.class)
			.doesNotHaveBean(Scheduler.class)
			.doesNotHaveBean(ScheduledJobBeanPostProcessor.class));
	}

	@Test
	void backsOffWithoutTheEngineOnTheClassPath() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Scheduler.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SchedulerManager.class)
				.doesNotHaveBean(SchedulerProperties.class));
	}

	@Test
	void autoStartupFalseLeavesTheInstancesStopped() {
		this.contextRunner.withPropertyValues("scheduler.auto-startup=false")
			.run((context) -> assertThat(context.getBean(Scheduler.class).state()).isEqualTo(SchedulerState.STOPPED));
	}

	@Test
	void customizersAreAppliedInOrderToEachInstance() {
		this.contextRunner.withUserConfiguration(CustomizerConfiguration.class)
			.withPropertyValues("scheduler.instances.report.timezone=UTC")
			.run((context) -> {
				assertThat(context.getBean(CustomizerConfiguration.class).calls).containsExactly("first:default",
						"second:default", "first:report", "second:report");
				assertThat(context.getBean(SchedulerManager.class).get("report").handlers().find("added"))
					.isPresent();
			});
	}

	@Test
	void jobHandlerBeansAreHandlersByBeanName() {
		this.contextRunner.withUserConfiguration(HandlerConfiguration.class).run((context) -> {
			Scheduler scheduler = context.getBean(Scheduler.class);
			assertThat(scheduler.handlers().names()).contains("greeter", "asyncGreeter");
			assertThat(scheduler.handlers().find("greeter")).containsSame(context.getBean("greeter", JobHandler.class));
			scheduler.addJob(JobSpec.builder("asyncGreeter").id("hello").build());
			await().atMost(Duration.ofSeconds(10))
				.until(() -> !scheduler.getRuns("hello", 1).isEmpty());
			assertThat(scheduler.getRuns("hello", 1).get(0).result().data()).isEqualTo("hello");
		});
	}

	@Test
	void schedulerEventsArePublishedAsApplicationEvents() {
		this.contextRunner.withUserConfiguration(EventConfiguration.class).run((context) -> {
			Scheduler scheduler = context.getBean(Scheduler.class);
			scheduler.addJob(JobSpec.builder(JobHandler.of(() -> { })).id("once").build());
			EventConfiguration events = context.getBean(EventConfiguration.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> !events.executed.isEmpty());
			assertThat(events.executed.get(0).jobId()).isEqualTo("once");
			assertThat(events.all).anyMatch(SchedulerStarted.class::isInstance);
		});
	}

	@Test
	void shutdownWaitsForRunningJobs() {
		AtomicBoolean finished = new AtomicBoolean();
		CountDownLatch started = new CountDownLatch(1);
		this.contextRunner.withPropertyValues("scheduler.shutdown.await-termination-period=10s").run((context) -> {
			context.getBean(Scheduler.class).addJob(JobSpec.builder(JobHandler.of(() -> {
				started.countDown();
				sleep(Duration.ofMillis(300));
				finished.set(true);
			})).build());
			assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		});
		assertThat(finished).isTrue();
	}

	@Test
	void shutdownWithoutWaitingInterruptsRunningJobs() {
		AtomicBoolean interrupted = new AtomicBoolean();
		CountDownLatch started = new CountDownLatch(1);
		List<Scheduler> schedulers = new ArrayList<>();
		this.contextRunner.withPropertyValues("scheduler.shutdown.await-termination=false").run((context) -> {
			Scheduler scheduler = context.getBean(Scheduler.class);
			schedulers.add(scheduler);
			scheduler.addJob(JobSpec.builder(JobHandler.of(() -> {
				started.countDown();
				try {
					Thread.sleep(10_000);
				}
				catch (InterruptedException ex) {
					interrupted.set(true);
				}
			})).build());
			assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		});
		assertThat(schedulers.get(0).state()).isEqualTo(SchedulerState.SHUT_DOWN);
		await().atMost(Duration.ofSeconds(5)).untilTrue(interrupted);
	}

	static dev.takt.scheduler.engine.SchedulerSettings settings(Scheduler scheduler) {
		return ((LoopScheduler) scheduler).settings();
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class UserManagerConfiguration {

		final SchedulerManager manager = SchedulerManager.of(Scheduler.builder().build());

		@Bean
		SchedulerManager userSchedulerManager() {
			return this.manager;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@Bean
		@Order(2)
		SchedulerCustomizer second() {
			return (name, builder) -> this.calls.add("second:" + name);
		}

		@Bean
		@Order(1)
		SchedulerCustomizer first() {
			return (name, builder) -> {
				this.calls.add("first:" + name);
				builder.handler("added", JobHandler.of(() -> { }));
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class HandlerConfiguration {

		@Bean
		JobHandler greeter() {
			return (context) -> JobResult.success("hi");
		}

		@Bean
		AsyncJobHandler asyncGreeter() {
			return (context) -> CompletableFuture.supplyAsync(() -> JobResult.success("hello"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EventConfiguration {

		final List<JobExecuted> executed = new CopyOnWriteArrayList<>();

		final List<SchedulerEvent> all = new CopyOnWriteArrayList<>();

		@EventListener
		void onExecuted(JobExecuted event) {
			this.executed.add(event);
		}

		@EventListener
		void onAny(SchedulerEvent event) {
			this.all.add(event);
		}

	}

}
