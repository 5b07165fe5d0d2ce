package dev.takt.scheduler.boot.autoconfigure;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.takt.scheduler.HandlerRegistry;
import dev.takt.scheduler.JobHandler;
import dev.takt.scheduler.JobResult;
import dev.takt.scheduler.boot.annotation.ScheduledJobBeanPostProcessor;

import org.springframework.beans.factory.ListableBeanFactory;

/**
 * Resolves handler names to the application's handlers: the {@code @ScheduledJob} methods by
 * {@code beanName.methodName}, and every {@link JobHandler} bean (an
 * {@link dev.takt.scheduler.AsyncJobHandler} included) by its bean name. Beans are looked up when
 * a job is added and for every run, so a lazy or prototype bean works.
 */
final class BeanJobHandlerRegistry implements HandlerRegistry {

	/** The handler of the record of declared jobs, which never runs. */
	static final JobHandler NO_OP = (context) -> JobResult.success();

	private final ListableBeanFactory beanFactory;

	private final ScheduledJobBeanPostProcessor methods;

	BeanJobHandlerRegistry(ListableBeanFactory beanFactory, ScheduledJobBeanPostProcessor methods) {
		this.beanFactory = beanFactory;
		this.methods = methods;
	}

	@Override
	public Optional<JobHandler> find(String name) {
		Optional<JobHandler> method = this.methods.handler(name);
		if (method.isPresent()) {
			return method;
		}
		if (DeclaredJobsRecord.HANDLER.equals(name)) {
			return Optional.of(NO_OP);
		}
		if (this.beanFactory.containsBean(name) && this.beanFactory.isTypeMatch(name, JobHandler.class)) {
			return Optional.of(this.beanFactory.getBean(name, JobHandler.class));
		}
		return Optional.empty();
	}

	@Override
	public Set<String> names() {
		Set<String> names = new TreeSet<>(this.methods.handlerNames());
		names.addAll(Arrays.asList(this.beanFactory.getBeanNamesForType(JobHandler.class, true, false)));
		return names;
	}

}
