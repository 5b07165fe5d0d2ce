package dev.takt.scheduler.boot.autoconfigure;

import dev.takt.scheduler.SchedulerManager;
import dev.takt.scheduler.boot.metrics.SchedulerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SchedulerMetricsAutoConfiguration}.
 */
class SchedulerMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				SchedulerAutoConfiguration.class, SchedulerMetricsAutoConfiguration.class));

	@Test
	void metersAreBoundToTheRegistry() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(SchedulerMetrics.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get(SchedulerMetrics.JOBS).tags("instance", "default", "state", "scheduled").gauge())
				.isNotNull();
			assertThat(registry.get(SchedulerMetrics.EXECUTOR_QUEUED).tags("executor", "default").gauge()).isNotNull();
		});
	}

	@Test
	void noMetersWithoutAMeterRegistry() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(SchedulerAutoConfiguration.class, SchedulerMetricsAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SchedulerMetrics.class));
	}

	@Test
	void switchedOffByProperty() {
		this.contextRunner.withPropertyValues("scheduler.metrics.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SchedulerMetrics.class));
	}

	@Test
	void noMetersWithoutASchedulerManager() {
		this.contextRunner.withPropertyValues("scheduler.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SchedulerMetrics.class));
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwn() {
		this.contextRunner.withUserConfiguration(CustomMetricsConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(SchedulerMetrics.class).hasBean("customMetrics"));
	}

	@Test
	void noMetersWithoutMicrometerAndTheSchedulerStillRuns() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(SchedulerAutoConfiguration.class, SchedulerMetricsAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("io.micrometer"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean("schedulerMetrics")
				.hasSingleBean(SchedulerManager.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomMetricsConfiguration {

		@Bean
		SchedulerMetrics customMetrics(SchedulerManager schedulerManager) {
			return new SchedulerMetrics(schedulerManager, false);
		}

	}

}
