package dev.takt.scheduler.boot.annotation;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.takt.scheduler.Job;
import dev.takt.scheduler.JobContext;
import dev.takt.scheduler.JobResult;
import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.SchedulerManager;
import dev.takt.scheduler.boot.autoconfigure.SchedulerAutoConfiguration;
import dev.takt.scheduler.history.RunRecord;
import dev.takt.scheduler.retry.RetryPolicy;
import dev.takt.scheduler.trigger.CronTrigger;
import dev.takt.scheduler.trigger.DateTrigger;
import dev.takt.scheduler.trigger.DstPolicy;
import dev.takt.scheduler.trigger.IntervalTrigger;
import dev.takt.scheduler.trigger.JitterTrigger;
import dev.takt.scheduler.trigger.Triggers;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ScheduledJob @ScheduledJob} methods: the jobs they declare, with the right
 * trigger and options, and how their handlers call them.
 */
class ScheduledJobTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SchedulerAutoConfiguration.class))
		.withPropertyValues("scheduler.timezone=Europe/London");

	@Test
	void annotatedMethodsDeclareJobsWithTheirTriggerAndOptions() {
		this.contextRunner.withBean("reports", Reports.class)
			.withPropertyValues("reports.cron=0 9 * * 1-5", "scheduler.instances.report.timezone=UTC",
					"scheduler.executors.cpu.size=1")
			.run((context) -> {
				SchedulerManager manager = context.getBean(SchedulerManager.class);
				Scheduler scheduler = manager.getDefault();
				Job daily = scheduler.getJob("reports.daily").orElseThrow();
				assertThat(daily.name()).isEqualTo("reports.daily");
				assertThat(daily.handler()).isEqualTo("reports.daily");
				assertThat(daily.trigger()).isEqualTo(Triggers.cron("0 9 * * 1-5", ZoneId.of("Europe/London")));
				assertThat(daily.nextRunTime()).isNotNull();

				Job weekly = scheduler.getJob("weekly-summary").orElseThrow();
				assertThat(weekly.name()).isEqualTo("Weekly summary");
				assertThat(weekly.trigger()).isEqualTo(CronTrigger.builder()
					.dayOfWeek("fri")
					.hour("17")
					.minute("30")
					.zone(ZoneId.of("America/New_York"))
					.dstPolicy(DstPolicy.APSCHEDULER)
					.build());
				assertThat(weekly.executor()).isEqualTo("cpu");
				assertThat(weekly.coalesce()).isFalse();
				assertThat(weekly.maxInstances()).isEqualTo(2);
				assertThat(weekly.misfireGraceTime()).isEqualTo(Duration.ofMinutes(10));
				assertThat(weekly.timeout()).isEqualTo(Duration.ofSeconds(90));
				assertThat(weekly.retryPolicy()).isEqualTo(new RetryPolicy(3, Duration.ofSeconds(5), 2.0,
						Duration.ofMinutes(1), List.of(IllegalStateException.class), List.of()));

				Job refresh = scheduler.getJob("reports.refresh").orElseThrow();
				assertThat(refresh.trigger()).isInstanceOf(JitterTrigger.class);
				JitterTrigger jittered = (JitterTrigger) refresh.trigger();
				assertThat(jittered.delegate()).isEqualTo(IntervalTrigger.every(Duration.ofSeconds(30)));
				assertThat(jittered.maxJitter()).isEqualTo(Duration.ofSeconds(2));

				Job once = scheduler.getJob("reports.once").orElseThrow();
				assertThat(once.trigger()).isEqualTo(DateTrigger.at(Instant.parse("2099-01-01T08:00:00Z")));

				Job annual = manager.get("report").getJob("reports.annual").orElseThrow();
				assertThat(annual.trigger()).isEqualTo(Triggers.cron("@yearly", ZoneId.of("UTC")));
				assertThat(scheduler.getJob("reports.annual")).isEmpty();
			});
	}

	@Test
	void methodsAreCalledWithTheirContextAndReturnResults() {
		this.contextRunner.withBean("work", Work.class).run((context) -> {
			Work work = context.getBean(Work.class);
			Scheduler scheduler = context.getBean(Scheduler.class);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> scheduler.getRuns("work.withContext", 1).size() == 1
						&& scheduler.getRuns("work.value", 1).size() == 1
						&& scheduler.getRuns("work.result", 1).size() == 1
						&& scheduler.getRuns("work.later", 1).size() == 1 && work.plainRuns.get() > 0);
			assertThat(scheduler.getJob("work.withContext")).isEmpty();
			assertThat(work.contexts).first().satisfies((context1) -> {
				assertThat(context1.jobId()).isEqualTo("work.withContext");
				assertThat(context1.schedulerName()).isEqualTo("default");
			});
			assertThat(result(scheduler, "work.value").data()).isEqualTo(42);
			assertThat(result(scheduler, "work.result").message()).isEqualTo("done");
			assertThat(result(scheduler, "work.later").data()).isEqualTo("later");
			assertThat(result(scheduler, "work.withContext").successful()).isTrue();
		});
	}

	@Test
	void methodsOfProxiedBeansAreCalledThroughTheProxy() {
		this.contextRunner.withBean("work", Work.class).withUserConfiguration(ProxyingConfiguration.class)
			.run((context) -> {
				assertThat(org.springframework.aop.support.AopUtils.isAopProxy(context.getBean("work"))).isTrue();
				Scheduler scheduler = context.getBean(Scheduler.class);
				await().atMost(Duration.ofSeconds(10)).until(() -> scheduler.getRuns("work.value", 1).size() == 1);
				assertThat(ProxyingConfiguration.calls).contains("value");
			});
	}

	@Test
	void lazyInitializationLeavesBeansWithJobsEager() {
		this.contextRunner.withBean("reports", Reports.class)
			.withPropertyValues("reports.cron=@daily", "scheduler.instances.report.timezone=UTC",
					"scheduler.executors.cpu.size=1")
			.withInitializer((context) -> context.addBeanFactoryPostProcessor(new LazyInitializationBeanFactoryPostProcessor()))
			.run((context) -> {
				assertThat(context.getBeanFactory().getBeanDefinition("reports").isLazyInit()).isFalse();
				assertThat(context.getBean(Scheduler.class).getJob("reports.daily")).isPresent();
				assertThat(context.getBean(Scheduler.class).state()).isEqualTo(dev.takt.scheduler.SchedulerState.RUNNING);
			});
	}

	private static JobResult result(Scheduler scheduler, String jobId) {
		List<RunRecord> runs = scheduler.getRuns(jobId, 1);
		return runs.get(0).result();
	}

	static class Reports {

		@ScheduledJob(cron = "${reports.cron}")
		void daily() {
		}

		@ScheduledJob(id = "weekly-summary", name = "Weekly summary", dayOfWeek = "fri", hour = "17", minute = "30",
				zone = "America/New_York", executor = "cpu", coalesce = "false", maxInstances = "2",
				misfireGraceTime = "10m", timeout = "90", retryMaxAttempts = "3", retryDelay = "5s",
				retryMultiplier = "2", retryMaxDelay = "PT1M", retryOn = IllegalStateException.class)
		JobResult weekly(JobContext context) {
			return JobResult.success();
		}

		@ScheduledJob(interval = "30s", jitter = "2s")
		void refresh() {
		}

		@ScheduledJob(runAt = "2099-01-01T08:00")
		void once() {
		}

		@ScheduledJob(cron = "@yearly", scheduler = "report")
		void annual() {
		}

	}

	static class Work {

		final List<JobContext> contexts = new CopyOnWriteArrayList<>();

		final AtomicInteger plainRuns = new AtomicInteger();

		@ScheduledJob(runAt = "2000-01-01T00:00Z", misfireGraceTime = "1000000d")
		public void withContext(JobContext context) {
			this.contexts.add(context);
		}

		@ScheduledJob(runAt = "2000-01-01T00:00Z", misfireGraceTime = "1000000d")
		public void plain() {
			this.plainRuns.incrementAndGet();
		}

		@ScheduledJob(runAt = "2000-01-01T00:00Z", misfireGraceTime = "1000000d")
		public int value() {
			return 42;
		}

		@ScheduledJob(runAt = "2000-01-01T00:00Z", misfireGraceTime = "1000000d")
		public JobResult result() {
			return JobResult.success().withMessage("done");
		}

		@ScheduledJob(runAt = "2000-01-01T00:00Z", misfireGraceTime = "1000000d")
		public CompletionStage<String> later() {
			return CompletableFuture.supplyAsync(() -> "later");
		}

	}

	/** Proxies are made before {@code @ScheduledJob} methods are looked for, as auto-proxy creators do. */
	interface OrderedPostProcessor extends BeanPostProcessor, Ordered {

		@Override
		default int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ProxyingConfiguration {

		static final List<String> calls = new CopyOnWriteArrayList<>();

		@Bean
		static OrderedPostProcessor proxyingPostProcessor() {
			return new OrderedPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					if (!(bean instanceof Work)) {
						return bean;
					}
					ProxyFactory factory = new ProxyFactory(bean);
					factory.setProxyTargetClass(true);
					factory.addAdvice((MethodInterceptor) (invocation) -> {
						calls.add(invocation.getMethod().getName());
						return invocation.proceed();
					});
					return factory.getProxy();
				}

			};
		}

	}

}
