package dev.takt.scheduler.boot.autoconfigure;

import dev.takt.scheduler.SchedulerManager;
import dev.takt.scheduler.boot.actuate.SchedulerEndpoint;
import dev.takt.scheduler.boot.actuate.SchedulerEndpointWebExtension;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code scheduler} actuator endpoint, {@link SchedulerEndpoint}, and
 * its web extension, when the endpoint is available (enabled and exposed) and the application has
 * a {@link SchedulerManager}. The write operations of the web extension need an authenticated
 * caller with one of {@code scheduler.endpoint.write-roles} when Spring Security is on the class
 * path.
 */
@AutoConfiguration(after = SchedulerAutoConfiguration.class)
@ConditionalOnClass({ SchedulerManager.class, SchedulerEndpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(SchedulerEndpoint.class)
public final class SchedulerEndpointAutoConfiguration {

	SchedulerEndpointAutoConfiguration() {
	}

	@Bean
	@ConditionalOnBean(SchedulerManager.class)
	@ConditionalOnMissingBean
	SchedulerEndpoint schedulerEndpoint(SchedulerManager schedulerManager) {
		return new SchedulerEndpoint(schedulerManager);
	}

	@Bean
	@ConditionalOnBean(SchedulerEndpoint.class)
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
	SchedulerEndpointWebExtension schedulerEndpointWebExtension(SchedulerEndpoint schedulerEndpoint,
			SchedulerProperties properties) {
		return new SchedulerEndpointWebExtension(schedulerEndpoint, properties.getEndpoint().getWriteRoles());
	}

}
