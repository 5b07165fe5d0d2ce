package dev.takt.scheduler.engine;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.takt.scheduler.JobContext;
import dev.takt.scheduler.JobHandler;
import dev.takt.scheduler.JobResult;
import dev.takt.scheduler.event.SchedulerEvent;
import dev.takt.scheduler.event.SchedulerListener;

/**
 * A handler and a listener that remember what they saw.
 */
final class Recorder implements JobHandler, SchedulerListener {

	final List<JobContext> calls = new CopyOnWriteArrayList<>();

	final List<SchedulerEvent> events = new CopyOnWriteArrayList<>();

	@Override
	public JobResult handle(JobContext context) {
		this.calls.add(context);
		return JobResult.success();
	}

	@Override
	public void onEvent(SchedulerEvent event) {
		this.events.add(event);
	}

	List<Instant> runTimes() {
		return this.calls.stream().map(JobContext::scheduledFireTime).toList();
	}

	<T extends SchedulerEvent> List<T> events(Class<T> type) {
		return this.events.stream().filter(type::isInstance).map(type::cast).toList();
	}

}
