package dev.takt.scheduler.boot.annotation;

import java.lang.reflect.Method;
import java.util.Objects;

import dev.takt.scheduler.JobHandler;

/**
 * A {@link ScheduledJob @ScheduledJob} method found on a bean, with its handler.
 *
 * @param beanName the name of the bean the method belongs to
 * @param beanClass the bean's class (the target class of a proxy)
 * @param method the annotated method, as declared
 * @param attributes the annotation, with every {@code ${...}} placeholder resolved
 * @param handlerName the name the handler is registered under, {@code beanName.methodName}
 * @param handler the handler that calls the method on the bean
 */
public record ScheduledJobMethod(String beanName, Class<?> beanClass, Method method, ScheduledJob attributes,
		String handlerName, JobHandler handler) {

	/**
	 * Creates a method record, checking its values.
	 * @param beanName the bean name
	 * @param beanClass the bean's class
	 * @param method the annotated method
	 * @param attributes the resolved annotation
	 * @param handlerName the handler name
	 * @param handler the handler
	 */
	public ScheduledJobMethod {
		Objects.requireNonNull(beanName, "beanName must not be null");
		Objects.requireNonNull(beanClass, "beanClass must not be null");
		Objects.requireNonNull(method, "method must not be null");
		Objects.requireNonNull(attributes, "attributes must not be null");
		Objects.requireNonNull(handlerName, "handlerName must not be null");
		Objects.requireNonNull(handler, "handler must not be null");
	}

	/**
	 * Returns the default job id, the handler name.
	 * @return {@code beanName.methodName}
	 */
	public String defaultId() {
		return this.handlerName;
	}

	/**
	 * Describes the method for messages: {@code com.example.Reports.daily() (bean 'reports')}.
	 * @return the description
	 */
	public String description() {
		return describe(this.beanName, this.beanClass, this.method);
	}

	static String describe(String beanName, Class<?> beanClass, Method method) {
		StringBuilder description = new StringBuilder(beanClass.getName()).append('.').append(method.getName())
			.append('(');
		Class<?>[] parameters = method.getParameterTypes();
		for (int i = 0; i < parameters.length; i++) {
			description.append((i > 0) ? ", " : "").append(parameters[i].getSimpleName());
		}
		return description.append(") (bean '").append(beanName).append("')").toString();
	}

}
