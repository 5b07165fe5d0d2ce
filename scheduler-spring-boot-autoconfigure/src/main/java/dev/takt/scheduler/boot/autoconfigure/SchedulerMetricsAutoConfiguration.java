package dev.takt.scheduler.boot.autoconfigure;

import dev.takt.scheduler.SchedulerManager;
import dev.takt.scheduler.boot.metrics.SchedulerMetrics;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the scheduler's Micrometer meters, {@link SchedulerMetrics}, when the
 * application has a {@code MeterRegistry} and a {@link SchedulerManager}. Switched off by
 * {@code scheduler.metrics.enabled=false}; {@code scheduler.metrics.max-job-tags} bounds the job
 * tag's values and {@code scheduler.metrics.job-tag=false} drops it. Micrometer's types stay in {@code dev.takt.scheduler.boot.metrics}: this class names them
 * only as strings.
 */
@AutoConfiguration(after = SchedulerAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry", value = SchedulerManager.class)
@ConditionalOnBean(type = "io.micrometer.core.instrument.MeterRegistry", value = SchedulerManager.class)
@ConditionalOnBooleanProperty(name = "scheduler.metrics.enabled", matchIfMissing = true)
public final class SchedulerMetricsAutoConfiguration {

	SchedulerMetricsAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	SchedulerMetrics schedulerMetrics(SchedulerManager schedulerManager, SchedulerProperties properties) {
		SchedulerProperties.Metrics metrics = properties.getMetrics();
		return new SchedulerMetrics(schedulerManager, metrics.isJobTag(), metrics.getMaxJobTags());
	}

}
