package dev.takt.scheduler.boot.autoconfigure;

import dev.takt.scheduler.event.SchedulerEvent;
import dev.takt.scheduler.event.SchedulerListener;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Publishes every scheduler event as a Spring application event: the event record itself is the
 * payload of a {@link org.springframework.context.PayloadApplicationEvent}, so a listener takes
 * the type it wants, {@code @EventListener void on(JobError event)} or
 * {@code @EventListener void on(SchedulerEvent event)}. Listeners run on the scheduler's threads;
 * events that come after the context is closed (a run that outlives the shutdown wait) are
 * dropped.
 */
final class SchedulerEventPublisher implements SchedulerListener {

	private final ApplicationContext context;

	SchedulerEventPublisher(ApplicationContext context) {
		this.context = context;
	}

	@Override
	public void onEvent(SchedulerEvent event) {
		if (this.context instanceof ConfigurableApplicationContext configurable && !configurable.isActive()) {
			return;
		}
		this.context.publishEvent(event);
	}

}
