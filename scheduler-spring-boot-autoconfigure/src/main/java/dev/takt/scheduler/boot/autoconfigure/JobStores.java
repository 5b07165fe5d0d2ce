package dev.takt.scheduler.boot.autoconfigure;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.takt.scheduler.boot.autoconfigure.JobStoreFactory.StoreContext;
import dev.takt.scheduler.boot.autoconfigure.JobStoreFactory.StoreSetup;
import dev.takt.scheduler.store.JobStore;
import dev.takt.scheduler.store.MemoryJobStore;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Turns each instance's {@code jobstore-url} into its store: the memory store, a
 * {@code JobStore} bean named by the URL, or what a {@link JobStoreFactory} bean builds. A form no
 * factory builds fails with the module to add.
 */
final class JobStores {

	static final String JDBC_MODULE = "dev.takt:scheduler-jdbc";

	static final String REDIS_MODULE = "dev.takt:scheduler-redis";

	private static final String DATA_SOURCE = "javax.sql.DataSource";

	private static final String REDIS_CONNECTION_FACTORY = "org.springframework.data.redis.connection.RedisConnectionFactory";

	private final ListableBeanFactory beanFactory;

	private final List<JobStoreFactory> factories;

	JobStores(ListableBeanFactory beanFactory, List<JobStoreFactory> factories) {
		this.beanFactory = beanFactory;
		this.factories = factories;
	}

	/**
	 * Returns the store a URL asks for, with its run history.
	 * @param value the URL
	 * @param instance the instance the store is for
	 * @return the store
	 * @throws InvalidSchedulerPropertyException when the URL is malformed or asks for a store that
	 * cannot be built
	 */
	StoreSetup create(String value, StoreContext instance) {
		String property = instance.jobstoreUrlProperty();
		JobStoreUrl url;
		try {
			url = JobStoreUrl.parse(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSchedulerPropertyException(property, JobStoreUrl.mask(value), "the value " + ex.getMessage(),
					"Set " + property + " to one of the forms the README lists, for example memory: or "
							+ "postgresql://user:pass@host/db.",
					null);
		}
		if (url instanceof JobStoreUrl.Memory) {
			return StoreSetup.of(new MemoryJobStore());
		}
		for (JobStoreFactory factory : this.factories) {
			if (factory.supports(url)) {
				return factory.create(url, instance);
			}
		}
		if (url instanceof JobStoreUrl.BeanReference bean) {
			return StoreSetup.of(fromBean(property, bean));
		}
		if (url instanceof JobStoreUrl.Jdbc jdbc) {
			throw missingModule(property, url,
					"asks for a SQL job store (" + jdbc.database() + "), which needs the dependency " + JDBC_MODULE,
					"Add " + JDBC_MODULE + " and the JDBC driver for " + jdbc.database()
							+ " to the application's dependencies, or set " + property + " to memory:.");
		}
		throw missingModule(property, url, "asks for a Redis job store, which needs the dependency " + REDIS_MODULE,
				"Add " + REDIS_MODULE + " to the application's dependencies, or set " + property + " to memory:.");
	}

	private JobStore fromBean(String property, JobStoreUrl.BeanReference url) {
		String name = url.beanName();
		if (!this.beanFactory.containsBean(name)) {
			Set<String> candidates = storeBeanNames();
			throw new InvalidSchedulerPropertyException(property, name,
					"there is no bean of that name; the value is a URL (memory:, jdbc:..., postgresql://..., "
							+ "redis://...) or the name of a DataSource, RedisConnectionFactory or JobStore bean"
							+ (candidates.isEmpty() ? "" : " (the application has " + String.join(", ", candidates) + ")"),
					"Define a bean named '" + name + "', or set " + property + " to "
							+ (candidates.isEmpty() ? "" : "the name of one of those beans or ") + "a job store URL.",
					null);
		}
		if (this.beanFactory.isTypeMatch(name, JobStore.class)) {
			return this.beanFactory.getBean(name, JobStore.class);
		}
		Class<?> type = this.beanFactory.getType(name);
		if (isA(type, DATA_SOURCE)) {
			throw missingModule(property, url,
					"names a DataSource bean, which a SQL job store uses; that needs the dependency " + JDBC_MODULE,
					"Add " + JDBC_MODULE + " to the application's dependencies, or set " + property + " to memory:.");
		}
		if (isA(type, REDIS_CONNECTION_FACTORY)) {
			throw missingModule(property, url,
					"names a RedisConnectionFactory bean, which a Redis job store uses; that needs the dependency "
							+ REDIS_MODULE,
					"Add " + REDIS_MODULE + " to the application's dependencies, or set " + property + " to memory:.");
		}
		throw new InvalidSchedulerPropertyException(property, name,
				"the bean of that name is a " + ((type != null) ? type.getName() : "bean of unknown type")
						+ ", not a DataSource, RedisConnectionFactory or JobStore",
				null, null);
	}

	/** Returns the names of the beans a URL may name, in the order of their types. */
	private Set<String> storeBeanNames() {
		Set<String> names = new LinkedHashSet<>();
		for (String className : List.of(DATA_SOURCE, REDIS_CONNECTION_FACTORY, JobStore.class.getName())) {
			ClassLoader classLoader = (this.beanFactory instanceof ConfigurableBeanFactory configurable)
					? configurable.getBeanClassLoader() : null;
			if (ClassUtils.isPresent(className, classLoader)) {
				names.addAll(Arrays.asList(this.beanFactory
					.getBeanNamesForType(ClassUtils.resolveClassName(className, classLoader), true, false)));
			}
		}
		return names;
	}

	private static InvalidSchedulerPropertyException missingModule(String property, JobStoreUrl url, String reason,
			String action) {
		return new InvalidSchedulerPropertyException(property, url.masked(), "the value " + reason, action, null);
	}

	private static boolean isA(@Nullable Class<?> type, String className) {
		if (type == null) {
			return false;
		}
		ClassLoader classLoader = type.getClassLoader();
		if (!ClassUtils.isPresent(className, classLoader)) {
			return false;
		}
		return ClassUtils.resolveClassName(className, classLoader).isAssignableFrom(type);
	}

}
