package dev.takt.scheduler.boot.autoconfigure;

import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.SchedulerManager;
import dev.takt.scheduler.boot.actuate.SchedulerEndpoint;
import dev.takt.scheduler.boot.actuate.SchedulerEndpointWebExtension;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SchedulerEndpointAutoConfiguration}.
 */
class SchedulerEndpointAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(SchedulerAutoConfiguration.class, SchedulerEndpointAutoConfiguration.class));

	@Test
	void endpointAndWebExtensionWhenExposedOnTheWeb() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=scheduler")
			.run((context) -> assertThat(context).hasSingleBean(SchedulerEndpoint.class)
				.hasSingleBean(SchedulerEndpointWebExtension.class));
	}

	@Test
	void noEndpointWhenNotExposed() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(SchedulerEndpoint.class)
			.doesNotHaveBean(SchedulerEndpointWebExtension.class));
	}

	@Test
	void noWebExtensionWhenExposedOverJmxOnly() {
		this.contextRunner
			.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=scheduler")
			.run((context) -> assertThat(context).hasSingleBean(SchedulerEndpoint.class)
				.doesNotHaveBean(SchedulerEndpointWebExtension.class));
	}

	@Test
	void noEndpointWhenItsAccessIsNone() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=scheduler",
					"management.endpoint.scheduler.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(SchedulerEndpoint.class));
	}

	@Test
	void noEndpointWithoutASchedulerManager() {
		this.contextRunner
			.withPropertyValues("scheduler.enabled=false", "management.endpoints.web.exposure.include=scheduler")
			.run((context) -> assertThat(context).doesNotHaveBean(SchedulerEndpoint.class));
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwnEndpoint() {
		this.contextRunner.withUserConfiguration(CustomEndpointConfiguration.class)
			.withPropertyValues("management.endpoints.web.exposure.include=scheduler")
			.run((context) -> assertThat(context).hasSingleBean(SchedulerEndpoint.class).hasBean("customEndpoint"));
	}

	@Test
	void noEndpointWithoutTheActuatorAndTheSchedulerStillRuns() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ConditionalOnAvailableEndpoint.class))
			.withPropertyValues("management.endpoints.web.exposure.include=scheduler")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(SchedulerEndpoint.class);
				assertThat(context.getBean(Scheduler.class)).isNotNull();
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomEndpointConfiguration {

		@Bean
		SchedulerEndpoint customEndpoint(SchedulerManager schedulerManager) {
			return new SchedulerEndpoint(schedulerManager);
		}

	}

}
