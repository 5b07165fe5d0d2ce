package dev.takt.scheduler.boot.autoconfigure;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.takt.scheduler.HandlerRegistry;
import dev.takt.scheduler.JobDefaults;
import dev.takt.scheduler.JobHandler;
import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.SchedulerBuilder;
import dev.takt.scheduler.SchedulerManager;
import dev.takt.scheduler.boot.autoconfigure.InstanceSettings.ExecutorSettings;
import dev.takt.scheduler.boot.autoconfigure.JobStoreFactory.StoreContext;
import dev.takt.scheduler.boot.autoconfigure.JobStoreFactory.StoreSetup;
import dev.takt.scheduler.event.SchedulerListener;
import dev.takt.scheduler.executor.JobExecutor;
import dev.takt.scheduler.executor.ThreadPoolJobExecutor;
import dev.takt.scheduler.executor.VirtualThreadJobExecutor;
import dev.takt.scheduler.store.JobStore;

/**
 * Builds the {@link SchedulerManager} of the {@code scheduler.*} properties: the {@code default}
 * instance and every named one, each with its store (and the run history that goes with it),
 * executors, time zone and job defaults, the application's handlers, the listener that publishes
 * events, then the customizers.
 */
final class ConfiguredSchedulers {

	private ConfiguredSchedulers() {
	}

	static SchedulerManager build(SchedulerProperties properties, HandlerRegistry handlers, JobStores stores,
			List<SchedulerCustomizer> customizers, SchedulerListener events) {
		SchedulerManager manager = new SchedulerManager();
		Map<JobStore, String> storeOwners = new IdentityHashMap<>();
		for (InstanceSettings instance : InstanceSettings.resolveAll(properties).values()) {
			SchedulerHandlers storeHandlers = new SchedulerHandlers(handlers);
			StoreSetup setup = stores.create(instance.jobstoreUrl(),
					new StoreContext(instance.name(), instance.jobstoreUrlProperty(), storeHandlers));
			JobStore store = setup.store();
			String owner = storeOwners.putIfAbsent(store, instance.name());
			if (owner != null) {
				throw new InvalidSchedulerPropertyException(instance.prefix() + ".jobstore-url",
						JobStoreUrl.mask(instance.jobstoreUrl()),
						"scheduler '" + instance.name() + "' would share its job store with scheduler '" + owner
								+ "', and each instance needs a store of its own",
						"Set " + instance.prefix() + ".jobstore-url to a store of its own, such as memory:.", null);
			}
			SchedulerBuilder builder = Scheduler.builder()
				.name(instance.name())
				.timezone(instance.timezone())
				.jobDefaults(instance.jobDefaults())
				.handlers(handlers)
				.jobStore(store)
				.listener(events);
			if (setup.runHistory() != null) {
				builder.runHistory(setup.runHistory());
			}
			instance.executors()
				.forEach((name, executor) -> builder.executor(name, executor(instance.name(), name, executor)));
			for (SchedulerCustomizer customizer : customizers) {
				customizer.customize(instance.name(), builder);
			}
			Scheduler scheduler = builder.build();
			storeHandlers.resolveWith(scheduler.handlers());
			manager.add(scheduler);
		}
		return manager;
	}

	/**
	 * The handlers a store is given before its scheduler is built: the application's at first,
	 * then the scheduler's own, which also has those that customizers registered.
	 */
	private static final class SchedulerHandlers implements HandlerRegistry {

		private volatile HandlerRegistry handlers;

		SchedulerHandlers(HandlerRegistry handlers) {
			this.handlers = handlers;
		}

		void resolveWith(HandlerRegistry schedulerHandlers) {
			this.handlers = schedulerHandlers;
		}

		@Override
		public Optional<JobHandler> find(String name) {
			return this.handlers.find(name);
		}

		@Override
		public Set<String> names() {
			return this.handlers.names();
		}

	}

	private static JobExecutor executor(String instance, String name, ExecutorSettings executor) {
		String prefix = "takt-" + instance + (name.equals(JobDefaults.DEFAULT_EXECUTOR) ? "-" : "-" + name + "-");
		return switch (executor.type()) {
			case THREAD_POOL -> ThreadPoolJobExecutor.ofSize(executor.size(), prefix);
			case VIRTUAL -> {
				if (!VirtualThreadJobExecutor.isSupported()) {
					throw new InvalidSchedulerPropertyException(executor.property() + ".type", "virtual",
							"virtual threads need Java 21 or later, and this is Java " + Runtime.version().feature(),
							"Run the application on Java 21 or later, or set " + executor.property()
									+ ".type to thread-pool.",
							null);
				}
				yield VirtualThreadJobExecutor.create(prefix);
			}
		};
	}

}
