package dev.takt.scheduler.boot.annotation;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.takt.scheduler.JobContext;
import dev.takt.scheduler.JobHandler;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.EmbeddedValueResolverAware;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.StringValueResolver;

/**
 * Finds {@link ScheduledJob @ScheduledJob} methods on every bean, as Spring's
 * {@code ScheduledAnnotationBeanPostProcessor} finds {@code @Scheduled} ones: on the target class
 * of a proxy, called through the proxy. Each method gets a handler named
 * {@code beanName.methodName}, and its attributes have their {@code ${...}} placeholders
 * resolved. The jobs themselves are added once every singleton exists, by the auto-configuration,
 * which reads {@link #methods()}.
 */
public class ScheduledJobBeanPostProcessor implements BeanPostProcessor, EmbeddedValueResolverAware, Ordered {

	private final Map<String, ScheduledJobMethod> methods = new LinkedHashMap<>();

	private final Set<Class<?>> classesWithoutJobs = ConcurrentHashMap.newKeySet();

	private @Nullable StringValueResolver valueResolver;

	/**
	 * Creates a post-processor.
	 */
	public ScheduledJobBeanPostProcessor() {
	}

	@Override
	public void setEmbeddedValueResolver(StringValueResolver resolver) {
		this.valueResolver = resolver;
	}

	@Override
	public int getOrder() {
		return LOWEST_PRECEDENCE;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof AopInfrastructureBean) {
			return bean;
		}
		Class<?> targetClass = AopProxyUtils.ultimateTargetClass(bean);
		if (this.classesWithoutJobs.contains(targetClass)) {
			return bean;
		}
		Map<Method, ScheduledJob> annotated = AnnotationUtils.isCandidateClass(targetClass, ScheduledJob.class)
				? MethodIntrospector.selectMethods(targetClass, (MethodIntrospector.MetadataLookup<ScheduledJob>) (
						method) -> AnnotatedElementUtils.findMergedAnnotation(method, ScheduledJob.class))
				: Map.of();
		if (annotated.isEmpty()) {
			this.classesWithoutJobs.add(targetClass);
			return bean;
		}
		annotated.entrySet()
			.stream()
			.sorted((a, b) -> a.getKey().toGenericString().compareTo(b.getKey().toGenericString()))
			.forEach((entry) -> register(bean, beanName, targetClass, entry.getKey(), entry.getValue()));
		return bean;
	}

	private void register(Object bean, String beanName, Class<?> targetClass, Method method, ScheduledJob annotation) {
		String description = ScheduledJobMethod.describe(beanName, targetClass, method);
		Class<?>[] parameters = method.getParameterTypes();
		if (parameters.length > 1 || (parameters.length == 1 && !parameters[0].equals(JobContext.class))) {
			throw new InvalidScheduledJobException(description, null, null,
					"a @ScheduledJob method takes no parameter or one JobContext");
		}
		Method invocable;
		try {
			invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
		}
		catch (IllegalStateException ex) {
			throw new InvalidScheduledJobException(description, null, null,
					"the method cannot be called through the bean's proxy; make it public or protected", ex);
		}
		ScheduledJob attributes = resolve(annotation, method, description);
		String handlerName = beanName + "." + method.getName();
		synchronized (this.methods) {
			ScheduledJobMethod existing = this.methods.get(handlerName);
			if (existing != null) {
				if (existing.method().equals(method)) {
					// the same bean created again (a non-singleton scope): its first instance runs the job
					return;
				}
				throw new InvalidScheduledJobException(description, null, null, "bean '" + beanName
						+ "' has another @ScheduledJob method named '" + method.getName() + "'"
						+ "; handlers are named beanName.methodName, so give the methods different names");
			}
			JobHandler handler = MethodJobHandler.of(bean, invocable, description);
			this.methods.put(handlerName,
					new ScheduledJobMethod(beanName, targetClass, method, attributes, handlerName, handler));
		}
	}

	private ScheduledJob resolve(ScheduledJob annotation, Method method, String description) {
		Map<String, Object> attributes = new LinkedHashMap<>(AnnotationUtils.getAnnotationAttributes(annotation));
		StringValueResolver resolver = this.valueResolver;
		if (resolver != null) {
			for (Map.Entry<String, Object> attribute : attributes.entrySet()) {
				if (attribute.getValue() instanceof String value && !value.isEmpty()) {
					try {
						String resolved = resolver.resolveStringValue(value);
						attribute.setValue((resolved != null) ? resolved : "");
					}
					catch (IllegalArgumentException ex) {
						throw new InvalidScheduledJobException(description, attribute.getKey(), value,
								String.valueOf(ex.getMessage()), ex);
					}
				}
			}
		}
		return AnnotationUtils.synthesizeAnnotation(attributes, ScheduledJob.class, method);
	}

	/**
	 * Returns the methods found so far, in the order their beans were created.
	 * @return the methods
	 */
	public List<ScheduledJobMethod> methods() {
		synchronized (this.methods) {
			return new ArrayList<>(this.methods.values());
		}
	}

	/**
	 * Returns the handler of a method by its name, {@code beanName.methodName}.
	 * @param handlerName the handler name
	 * @return the handler, or empty when no method has that name
	 */
	public Optional<JobHandler> handler(String handlerName) {
		synchronized (this.methods) {
			ScheduledJobMethod method = this.methods.get(handlerName);
			return (method != null) ? Optional.of(method.handler()) : Optional.empty();
		}
	}

	/**
	 * Returns the names of the handlers of the methods found so far.
	 * @return the handler names
	 */
	public Set<String> handlerNames() {
		synchronized (this.methods) {
			return Set.copyOf(this.methods.keySet());
		}
	}

}
