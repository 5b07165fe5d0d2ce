package dev.takt.scheduler.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.takt.scheduler.boot.actuate.SchedulerHealthIndicator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SchedulerHealthContributorAutoConfiguration}.
 */
class SchedulerHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(SchedulerAutoConfiguration.class, SchedulerHealthContributorAutoConfiguration.class));

	@Test
	void oneIndicatorPerInstanceUnderScheduler() {
		this.contextRunner.withPropertyValues("scheduler.instances.report.misfire-grace-time=5m").run((context) -> {
			assertThat(context).hasBean("schedulerHealthContributor");
			CompositeHealthContributor contributor = context.getBean("schedulerHealthContributor",
					CompositeHealthContributor.class);
			List<String> names = new ArrayList<>();
			for (HealthContributors.Entry entry : contributor) {
				names.add(entry.name());
				assertThat(entry.contributor()).isInstanceOf(SchedulerHealthIndicator.class);
			}
			assertThat(names).containsExactly("default", "report");
			Health health = ((HealthIndicator) contributor.getContributor("default")).health();
			assertThat(health.getDetails()).containsKeys("state", "store", "jobs", "running", "stuckRuns",
					"missingHandlers");
		});
	}

	@Test
	void switchedOffByTheHealthProperty() {
		this.contextRunner.withPropertyValues("management.health.scheduler.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("schedulerHealthContributor"));
	}

	@Test
	void noIndicatorWithoutASchedulerManager() {
		this.contextRunner.withPropertyValues("scheduler.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("schedulerHealthContributor"));
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwn() {
		this.contextRunner.withUserConfiguration(CustomHealthConfiguration.class)
			.run((context) -> assertThat(context.getBean("schedulerHealthContributor"))
				.isSameAs(CustomHealthConfiguration.CUSTOM));
	}

	@Test
	void noIndicatorWithoutTheHealthModule() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthContributor.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("schedulerHealthContributor"));
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomHealthConfiguration {

		static final HealthIndicator CUSTOM = () -> Health.up().build();

		@Bean
		HealthContributor schedulerHealthContributor() {
			return CUSTOM;
		}

	}

}
