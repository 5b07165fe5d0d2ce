package dev.takt.scheduler.boot.actuate;

import java.security.Principal;
import java.util.List;
import java.util.Set;

import dev.takt.scheduler.JobSpec;
import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.SchedulerManager;
import dev.takt.scheduler.trigger.IntervalTrigger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the caller checks of {@link SchedulerEndpointWebExtension}, with and without Spring
 * Security on the class path.
 */
class SchedulerEndpointWebExtensionTests {

	private Scheduler scheduler;

	private SchedulerEndpoint endpoint;

	@BeforeEach
	void createScheduler() {
		this.scheduler = Scheduler.builder().handler("ok", (context) -> dev.takt.scheduler.JobResult.success()).build();
		this.scheduler.addJob(JobSpec.builder("ok").id("hourly")
			.trigger(IntervalTrigger.every(java.time.Duration.ofHours(1))).build());
		this.endpoint = new SchedulerEndpoint(SchedulerManager.of(this.scheduler));
	}

	@Test
	void withoutSpringSecurityWritesNeedNoCaller() {
		SchedulerEndpointWebExtension extension = new SchedulerEndpointWebExtension(this.endpoint, List.of(), false);
		assertThat(extension.changeJob(SecurityContext.NONE, "default", "hourly", "pause", null).getStatus())
			.isEqualTo(200);
		assertThat(this.scheduler.getJob("hourly").orElseThrow().isPaused()).isTrue();
	}

	@Test
	void withSpringSecurityAnAnonymousCallerChangesNothing() {
		SchedulerEndpointWebExtension extension = new SchedulerEndpointWebExtension(this.endpoint, List.of(), true);
		WebEndpointResponse<?> response = extension.changeJob(SecurityContext.NONE, "default", "hourly", "pause", null);
		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(response.getBody()).isEqualTo(new SchedulerEndpointWebExtension.FailureDescriptor(403, "Forbidden",
				"Changing the scheduler needs an authenticated user"));
		assertThat(extension.removeJob(SecurityContext.NONE, "default", "hourly").getStatus()).isEqualTo(403);
		assertThat(extension.changeScheduler(SecurityContext.NONE, "default", "pause").getStatus()).isEqualTo(403);
		assertThat(this.scheduler.getJob("hourly").orElseThrow().isPaused()).isFalse();
	}

	@Test
	void withSpringSecurityAnyAuthenticatedCallerWritesWhenNoRolesAreSet() {
		SchedulerEndpointWebExtension extension = new SchedulerEndpointWebExtension(this.endpoint, List.of(), true);
		assertThat(extension.changeJob(caller("ops"), "default", "hourly", "pause", null).getStatus()).isEqualTo(200);
	}

	@Test
	void withRolesOnlyACallerWithOneOfThemWrites() {
		SchedulerEndpointWebExtension extension = new SchedulerEndpointWebExtension(this.endpoint,
				List.of("SCHEDULER_ADMIN", "ADMIN"), true);
		WebEndpointResponse<?> refused = extension.changeJob(caller("ops", "OPS"), "default", "hourly", "pause", null);
		assertThat(refused.getStatus()).isEqualTo(403);
		assertThat(refused.getBody()).hasFieldOrPropertyWithValue("reason",
				"Changing the scheduler needs one of the roles [SCHEDULER_ADMIN, ADMIN]");
		assertThat(extension.changeJob(caller("admin", "ADMIN"), "default", "hourly", "pause", null).getStatus())
			.isEqualTo(200);
	}

	@Test
	void readsNeedNoRole() {
		SchedulerEndpointWebExtension extension = new SchedulerEndpointWebExtension(this.endpoint, List.of("ADMIN"),
				true);
		assertThat(extension.schedulers().getStatus()).isEqualTo(200);
		assertThat(extension.scheduler("default").getStatus()).isEqualTo(200);
		assertThat(extension.job("default", "hourly").getStatus()).isEqualTo(200);
	}

	private static SecurityContext caller(String name, String... roles) {
		return new SecurityContext() {

			@Override
			public @Nullable Principal getPrincipal() {
				return () -> name;
			}

			@Override
			public boolean isUserInRole(String role) {
				return Set.of(roles).contains(role);
			}

		};
	}

}
