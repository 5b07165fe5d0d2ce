package dev.takt.scheduler.boot.autoconfigure;

import java.lang.reflect.Method;

import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.SchedulerManager;
import dev.takt.scheduler.boot.annotation.ScheduledJob;
import dev.takt.scheduler.boot.annotation.ScheduledJobBeanPostProcessor;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Role;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;

/**
 * Auto-configuration of the scheduler: a {@link SchedulerManager} with the {@code default}
 * instance and every {@code scheduler.instances.<name>}, the default {@link Scheduler} as the
 * primary {@code Scheduler} bean, every {@code JobHandler} bean and {@code @ScheduledJob} method
 * as a handler, the declared jobs upserted once every singleton exists, the instances started
 * once the context is ready and shut down gracefully with it, and every scheduler event published
 * as an application event. Switched off by {@code scheduler.enabled=false}; the manager backs off
 * when the application defines its own.
 */
@AutoConfiguration
@ConditionalOnClass(Scheduler.class)
@ConditionalOnBooleanProperty(name = "scheduler.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SchedulerProperties.class)
public final class SchedulerAutoConfiguration {

	SchedulerAutoConfiguration() {
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static ScheduledJobBeanPostProcessor scheduledJobBeanPostProcessor() {
		return new ScheduledJobBeanPostProcessor();
	}

	@Bean
	static LazyInitializationExcludeFilter schedulerLazyInitializationExcludeFilter() {
		return (beanName, definition, type) -> type != null && (SchedulerLifecycle.class.isAssignableFrom(type)
				|| DeclaredJobsRegistrar.class.isAssignableFrom(type) || hasScheduledJobMethods(type));
	}

	@Bean
	@ConditionalOnMissingBean
	SchedulerManager schedulerManager(SchedulerProperties properties, ListableBeanFactory beanFactory,
			ScheduledJobBeanPostProcessor scheduledJobMethods, ObjectProvider<SchedulerCustomizer> customizers,
			ObjectProvider<JobStoreFactory> jobStoreFactories, ApplicationContext context) {
		return ConfiguredSchedulers.build(properties, new BeanJobHandlerRegistry(beanFactory, scheduledJobMethods),
				new JobStores(beanFactory, jobStoreFactories.orderedStream().toList()),
				customizers.orderedStream().toList(), new SchedulerEventPublisher(context));
	}

	@Bean(destroyMethod = "")
	@Primary
	@ConditionalOnMissingBean(Scheduler.class)
	Scheduler scheduler(SchedulerManager schedulerManager) {
		return schedulerManager.getDefault();
	}

	@Bean
	SchedulerLifecycle schedulerLifecycle(SchedulerManager schedulerManager, SchedulerProperties properties) {
		return new SchedulerLifecycle(schedulerManager, properties);
	}

	@Bean
	DeclaredJobsRegistrar declaredJobsRegistrar(SchedulerProperties properties, SchedulerManager schedulerManager,
			ScheduledJobBeanPostProcessor scheduledJobMethods, ListableBeanFactory beanFactory) {
		return new DeclaredJobsRegistrar(properties, schedulerManager, scheduledJobMethods, beanFactory);
	}

	private static boolean hasScheduledJobMethods(@Nullable Class<?> type) {
		return type != null && AnnotationUtils.isCandidateClass(type, ScheduledJob.class)
				&& !MethodIntrospector.selectMethods(type, (MethodIntrospector.MetadataLookup<ScheduledJob>) (
						Method method) -> AnnotatedElementUtils.findMergedAnnotation(method, ScheduledJob.class))
					.isEmpty();
	}

}
