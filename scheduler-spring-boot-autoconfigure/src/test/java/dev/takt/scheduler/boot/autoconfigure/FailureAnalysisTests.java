package dev.takt.scheduler.boot.autoconfigure;

import java.util.List;

import dev.takt.scheduler.JobHandler;
import dev.takt.scheduler.JobResult;
import dev.takt.scheduler.boot.annotation.InvalidScheduledJobException;
import dev.takt.scheduler.boot.annotation.ScheduledJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests that bad configuration fails start-up with a failure analysis naming the
 * {@code @ScheduledJob} method or the property, and the bad value.
 */
@ExtendWith(OutputCaptureExtension.class)
class FailureAnalysisTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SchedulerAutoConfiguration.class))
		.withBean("report", JobHandler.class, () -> (context) -> JobResult.success())
		.withPropertyValues("scheduler.auto-startup=false");

	@Test
	void badCronFieldInAnAnnotation() {
		this.contextRunner.withBean("badCron", BadCron.class).run((context) -> {
			FailureAnalysis analysis = analyzeMethod(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains(BadCron.class.getName() + ".job() (bean 'badCron')")
				.contains("Attribute: cron")
				.contains("Value: \"0 61 * * *\"")
				.contains("Invalid hour '61'");
			assertThat(analysis.getAction()).contains("cron attribute");
		});
	}

	@Test
	void badCronFieldInAnAnnotationPlaceholder() {
		this.contextRunner.withBean("placeholderCron", PlaceholderCron.class)
			.withPropertyValues("jobs.hour=25")
			.run((context) -> assertThat(analyzeMethod(context.getStartupFailure()).getDescription())
				.contains("Attribute: hour")
				.contains("Value: \"25\""));
	}

	@Test
	void badCronExpressionInProperties() {
		this.contextRunner
			.withPropertyValues("scheduler.jobs.nightly.handler=report", "scheduler.jobs.nightly.cron=0 2 * * 8-9")
			.run((context) -> assertThat(analyzeProperty(context.getStartupFailure()).getDescription())
				.contains("Property: scheduler.jobs.nightly.cron")
				.contains("Value: \"0 2 * * 8-9\""));
	}

	@Test
	void badCronFieldInProperties() {
		this.contextRunner
			.withPropertyValues("scheduler.jobs.nightly.handler=report", "scheduler.jobs.nightly.day-of-week=fry")
			.run((context) -> assertThat(analyzeProperty(context.getStartupFailure()).getDescription())
				.contains("Property: scheduler.jobs.nightly.day-of-week")
				.contains("Value: \"fry\""));
	}

	@Test
	void unknownHandlerBean() {
		this.contextRunner
			.withPropertyValues("scheduler.jobs.nightly.handler=reprot", "scheduler.jobs.nightly.cron=@daily")
			.run((context) -> assertThat(analyzeProperty(context.getStartupFailure()).getDescription())
				.contains("Property: scheduler.jobs.nightly.handler")
				.contains("Value: \"reprot\"")
				.contains("no JobHandler bean has this name (handlers: [report])"));
	}

	@Test
	void handlerBeanThatIsNoJobHandler() {
		this.contextRunner.withBean("notAHandler", String.class, () -> "text")
			.withPropertyValues("scheduler.jobs.nightly.handler=notAHandler", "scheduler.jobs.nightly.cron=@daily")
			.run((context) -> assertThat(analyzeProperty(context.getStartupFailure()).getDescription())
				.contains("bean 'notAHandler' is a java.lang.String, not a dev.takt.scheduler.JobHandler"));
	}

	@Test
	void twoJobsWithOneId() {
		this.contextRunner.withBean("duplicate", DuplicateId.class)
			.withPropertyValues("scheduler.jobs.shared.handler=report", "scheduler.jobs.shared.interval=1m")
			.run((context) -> assertThat(analyzeProperty(context.getStartupFailure()).getDescription())
				.contains("Property: scheduler.jobs.shared.id")
				.contains("Value: \"shared\"")
				.contains("already declared by @ScheduledJob on " + DuplicateId.class.getName() + ".job()"));
	}

	@Test
	void unknownInstanceNameInAnAnnotation() {
		this.contextRunner.withBean("unknownInstance", UnknownInstance.class).run((context) -> {
			FailureAnalysis analysis = analyzeMethod(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("Attribute: scheduler")
				.contains("Value: \"reprot\"")
				.contains("no scheduler instance has this name (instances: [default])");
		});
	}

	@Test
	void unknownInstanceNameInProperties() {
		this.contextRunner
			.withPropertyValues("scheduler.jobs.nightly.handler=report", "scheduler.jobs.nightly.cron=@daily",
					"scheduler.jobs.nightly.scheduler=reprot")
			.run((context) -> assertThat(analyzeProperty(context.getStartupFailure()).getDescription())
				.contains("Property: scheduler.jobs.nightly.scheduler")
				.contains("Value: \"reprot\""));
	}

	@Test
	void negativeDurationInProperties() {
		this.contextRunner.withPropertyValues("scheduler.misfire-grace-time=-5s").run((context) -> {
			FailureAnalysis analysis = analyzeProperty(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("Property: scheduler.misfire-grace-time")
				.contains("Value: \"-5s\"")
				.contains("must be a positive duration");
		});
	}

	@Test
	void negativeDurationOfANamedInstance() {
		this.contextRunner.withPropertyValues("scheduler.instances.report.retry.delay=-1s")
			.run((context) -> assertThat(analyzeProperty(context.getStartupFailure()).getDescription())
				.contains("Property: scheduler.instances.report.retry.delay")
				.contains("must not be a negative duration"));
	}

	@Test
	void negativeDurationInAnAnnotation() {
		this.contextRunner.withBean("negative", NegativeDuration.class)
			.run((context) -> assertThat(analyzeMethod(context.getStartupFailure()).getDescription())
				.contains("Attribute: misfireGraceTime")
				.contains("Value: \"-5s\"")
				.contains("must be a positive duration"));
	}

	@Test
	void jobWithoutATrigger() {
		this.contextRunner.withPropertyValues("scheduler.jobs.nightly.handler=report")
			.run((context) -> assertThat(analyzeProperty(context.getStartupFailure()).getDescription())
				.contains("Property: scheduler.jobs.nightly\n")
				.contains("the job has no trigger"));
	}

	@Test
	void jobWithTwoTriggers() {
		this.contextRunner.withBean("twoTriggers", TwoTriggers.class)
			.run((context) -> assertThat(analyzeMethod(context.getStartupFailure()).getDescription())
				.contains("more than one trigger (cron, interval)"));
	}

	@Test
	void methodWithParametersOtherThanTheContext() {
		this.contextRunner.withBean("badParameters", BadParameters.class)
			.run((context) -> assertThat(analyzeMethod(context.getStartupFailure()).getDescription())
				.contains(BadParameters.class.getName() + ".job(String) (bean 'badParameters')")
				.contains("takes no parameter or one JobContext"));
	}

	@Test
	void malformedJobstoreUrl() {
		this.contextRunner.withPropertyValues("scheduler.jobstore-url=postgresql://user:secret@/jobs")
			.run((context) -> {
				FailureAnalysis analysis = analyzeProperty(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("Property: scheduler.jobstore-url")
					.contains("Value: \"postgresql://user:******@/jobs\"")
					.contains("has no host")
					.doesNotContain("secret");
			});
	}

	@Test
	void unknownJobstoreUrlScheme() {
		this.contextRunner.withPropertyValues("scheduler.instances.report.jobstore-url=mongodb://db/jobs")
			.run((context) -> assertThat(analyzeProperty(context.getStartupFailure()).getDescription())
				.contains("Property: scheduler.instances.report.jobstore-url")
				.contains("unknown scheme 'mongodb:'"));
	}

	@Test
	void sqlJobstoreUrlNamesTheModuleItNeeds() {
		this.contextRunner.withPropertyValues("scheduler.jobstore-url=postgresql://user:secret@db.example/jobs")
			.run((context) -> {
				FailureAnalysis analysis = analyzeProperty(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("Value: \"postgresql://user:******@db.example/jobs\"")
					.contains("asks for a SQL job store (postgresql), which needs the dependency dev.takt:scheduler-jdbc")
					.doesNotContain("secret");
				assertThat(analysis.getAction()).contains("Add dev.takt:scheduler-jdbc");
			});
	}

	@Test
	void redisJobstoreUrlNamesTheModuleItNeeds() {
		this.contextRunner.withPropertyValues("scheduler.jobstore-url=redis://:secret@localhost:6379/2")
			.run((context) -> assertThat(analyzeProperty(context.getStartupFailure()).getAction())
				.contains("Add dev.takt:scheduler-redis"));
	}

	@Test
	void jobstoreUrlNamingAMissingBean() {
		this.contextRunner.withPropertyValues("scheduler.jobstore-url=jobsDataSource")
			.run((context) -> assertThat(analyzeProperty(context.getStartupFailure()).getDescription())
				.contains("there is no bean of that name"));
	}

	@Test
	void instancesThatWouldShareAJobStoreBean() {
		this.contextRunner.withBean("sharedStore", dev.takt.scheduler.store.JobStore.class,
				dev.takt.scheduler.store.MemoryJobStore::new)
			.withPropertyValues("scheduler.jobstore-url=sharedStore", "scheduler.instances.report.timezone=UTC")
			.run((context) -> assertThat(analyzeProperty(context.getStartupFailure()).getDescription())
				.contains("Property: scheduler.instances.report.jobstore-url")
				.contains("would share its job store with scheduler 'default'"));
	}

	@Test
	void analyzersAreRegistered() {
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class,
					SpringFactoriesLoader.ArgumentResolver
						.of(BeanFactory.class, new DefaultListableBeanFactory())
						.and(Environment.class, new StandardEnvironment()),
					SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> {
						// analyzers of technologies this module does not have on its class path
					}));
		assertThat(analyzers).hasAtLeastOneElementOfType(InvalidSchedulerPropertyFailureAnalyzer.class)
			.hasAtLeastOneElementOfType(InvalidScheduledJobFailureAnalyzer.class);
	}

	@Test
	void applicationReportsTheAnalysisAndWhereTheValueWasWritten(CapturedOutput output) {
		SpringApplication application = new SpringApplication(FailingApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(java.util.Map.of("scheduler.jobs.nightly.handler", "report",
				"scheduler.jobs.nightly.cron", "0 2 31 2 *x", "scheduler.auto-startup", "false"));
		assertThatException().isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: scheduler.jobs.nightly.cron")
			.contains("Value: \"0 2 31 2 *x\"")
			.contains("Origin: \"scheduler.jobs.nightly.cron\" from property source \"defaultProperties\"");
	}

	private static FailureAnalysis analyzeProperty(Throwable failure) {
		assertThat(failure).isNotNull();
		FailureAnalysis analysis = new InvalidSchedulerPropertyFailureAnalyzer(null).analyze(failure);
		assertThat(analysis).as("analysis of %s", failure).isNotNull();
		return analysis;
	}

	private static FailureAnalysis analyzeMethod(Throwable failure) {
		assertThat(failure).isNotNull();
		FailureAnalysis analysis = new InvalidScheduledJobFailureAnalyzer().analyze(failure);
		assertThat(analysis).as("analysis of %s", failure).isNotNull();
		return analysis;
	}

	static class BadCron {

		@ScheduledJob(cron = "0 61 * * *")
		void job() {
		}

	}

	static class PlaceholderCron {

		@ScheduledJob(hour = "${jobs.hour}")
		void job() {
		}

	}

	static class DuplicateId {

		@ScheduledJob(id = "shared", interval = "1m")
		void job() {
		}

	}

	static class UnknownInstance {

		@ScheduledJob(cron = "@daily", scheduler = "reprot")
		void job() {
		}

	}

	static class NegativeDuration {

		@ScheduledJob(cron = "@daily", misfireGraceTime = "-5s")
		void job() {
		}

	}

	static class TwoTriggers {

		@ScheduledJob(cron = "@daily", interval = "1h")
		void job() {
		}

	}

	static class BadParameters {

		@ScheduledJob(cron = "@daily")
		void job(String name) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(SchedulerAutoConfiguration.class)
	static class FailingApplication {

		@Bean
		JobHandler report() {
			return (context) -> JobResult.success();
		}

	}

}
