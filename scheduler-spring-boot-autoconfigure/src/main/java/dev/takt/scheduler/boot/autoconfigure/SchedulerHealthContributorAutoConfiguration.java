package dev.takt.scheduler.boot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.SchedulerManager;
import dev.takt.scheduler.boot.actuate.SchedulerHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code scheduler} health contributor: one
 * {@link SchedulerHealthIndicator} per instance of the {@link SchedulerManager}, by instance name
 * ({@code /actuator/health/scheduler/default}). Switched off by
 * {@code management.health.scheduler.enabled=false}.
 */
@AutoConfiguration(after = SchedulerAutoConfiguration.class)
@ConditionalOnClass({ SchedulerManager.class, HealthContributor.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(SchedulerManager.class)
@ConditionalOnEnabledHealthIndicator("scheduler")
public final class SchedulerHealthContributorAutoConfiguration {

	SchedulerHealthContributorAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean(name = "schedulerHealthContributor")
	HealthContributor schedulerHealthContributor(SchedulerManager schedulerManager) {
		Map<String, Scheduler> instances = new LinkedHashMap<>();
		for (Scheduler scheduler : schedulerManager.schedulers()) {
			instances.put(scheduler.name(), scheduler);
		}
		return CompositeHealthContributor.fromMap(instances, SchedulerHealthIndicator::new);
	}

}
