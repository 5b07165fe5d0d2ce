package dev.takt.scheduler.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.SchedulerManager;
import dev.takt.scheduler.SchedulerNotRunningException;
import dev.takt.scheduler.SchedulerState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * Starts every instance of the {@link SchedulerManager} once the application context is ready
 * (in the last lifecycle phase, after the web server), and shuts them down first on close, all at
 * once, each waiting for its running jobs up to {@code scheduler.shutdown.await-termination-period}
 * and then interrupting those still running. It is running while any instance is, so instances
 * started by the application itself ({@code scheduler.auto-startup=false}) are shut down as well.
 */
final class SchedulerLifecycle implements SmartLifecycle, DisposableBean {

	/** Starts last and stops first: after the web server starts, before it shuts down. */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE;

	private static final Logger logger = LoggerFactory.getLogger(SchedulerLifecycle.class);

	private final SchedulerManager manager;

	private final SchedulerProperties properties;

	SchedulerLifecycle(SchedulerManager manager, SchedulerProperties properties) {
		this.manager = manager;
		this.properties = properties;
	}

	@Override
	public void start() {
		this.manager.startAll();
	}

	@Override
	public void stop() {
		SchedulerProperties.Shutdown shutdown = this.properties.getShutdown();
		Duration wait = shutdown.isAwaitTermination() ? shutdown.getAwaitTerminationPeriod() : Duration.ZERO;
		List<CompletableFuture<Boolean>> shutdowns = new ArrayList<>();
		for (Scheduler scheduler : this.manager.schedulers()) {
			if (scheduler.state() == SchedulerState.RUNNING || scheduler.state() == SchedulerState.PAUSED) {
				CompletableFuture<Boolean> done = new CompletableFuture<>();
				Thread thread = new Thread(() -> done.complete(shutdown(scheduler, wait)),
						"takt-" + scheduler.name() + "-shutdown");
				thread.start();
				shutdowns.add(done);
			}
		}
		for (CompletableFuture<Boolean> done : shutdowns) {
			done.join();
		}
	}

	private static boolean shutdown(Scheduler scheduler, Duration wait) {
		try {
			boolean finished = scheduler.shutdown(wait);
			if (!finished) {
				logger.warn("Scheduler '{}' interrupted the jobs still running after {}", scheduler.name(), wait);
			}
			return finished;
		}
		catch (SchedulerNotRunningException ex) {
			return true;
		}
		catch (RuntimeException ex) {
			logger.warn("Scheduler '{}' did not shut down cleanly", scheduler.name(), ex);
			return false;
		}
	}

	@Override
	public boolean isRunning() {
		for (Scheduler scheduler : this.manager.schedulers()) {
			if (scheduler.state() == SchedulerState.RUNNING || scheduler.state() == SchedulerState.PAUSED) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void destroy() {
		// the context failed to refresh after the instances started, or was closed without its lifecycle
		stop();
	}

	@Override
	public boolean isAutoStartup() {
		return this.properties.isAutoStartup();
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
