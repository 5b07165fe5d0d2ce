package dev.takt.scheduler.boot.annotation;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.takt.scheduler.AsyncJobHandler;
import dev.takt.scheduler.JobContext;
import dev.takt.scheduler.JobHandler;
import dev.takt.scheduler.JobResult;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ReflectionUtils;

/**
 * Calls a {@link ScheduledJob @ScheduledJob} method: with the {@link JobContext} when it takes
 * one, its return value turned into a {@link JobResult} (nothing is success, a {@code JobResult}
 * is kept, any other value becomes the result's data). A method that returns a
 * {@link CompletionStage} gets an {@link AsyncJobHandler}.
 */
class MethodJobHandler implements JobHandler {

	private final Object bean;

	private final Method method;

	private final boolean takesContext;

	private final String description;

	MethodJobHandler(Object bean, Method method, String description) {
		ReflectionUtils.makeAccessible(method);
		this.bean = bean;
		this.method = method;
		this.takesContext = method.getParameterCount() == 1;
		this.description = description;
	}

	static JobHandler of(Object bean, Method method, String description) {
		return CompletionStage.class.isAssignableFrom(method.getReturnType())
				? new Async(new MethodJobHandler(bean, method, description))
				: new MethodJobHandler(bean, method, description);
	}

	@Override
	public JobResult handle(JobContext context) throws Exception {
		return toResult(invoke(context));
	}

	@Nullable Object invoke(JobContext context) throws Exception {
		try {
			return this.takesContext ? this.method.invoke(this.bean, context) : this.method.invoke(this.bean);
		}
		catch (InvocationTargetException ex) {
			Throwable cause = ex.getTargetException();
			if (cause instanceof Exception exception) {
				throw exception;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw ex;
		}
	}

	static JobResult toResult(@Nullable Object value) {
		if (value == null) {
			return JobResult.success();
		}
		if (value instanceof JobResult result) {
			return result;
		}
		return JobResult.success(value);
	}

	@Override
	public String toString() {
		return "@ScheduledJob " + this.description;
	}

	/** The handler of a method that returns a {@link CompletionStage}. */
	static final class Async implements AsyncJobHandler {

		private final MethodJobHandler method;

		Async(MethodJobHandler method) {
			this.method = method;
		}

		@Override
		public CompletionStage<JobResult> handleAsync(JobContext context) throws Exception {
			Object stage = this.method.invoke(context);
			if (stage == null) {
				return CompletableFuture.completedFuture(JobResult.success());
			}
			return ((CompletionStage<?>) stage).thenApply(MethodJobHandler::toResult);
		}

		@Override
		public String toString() {
			return this.method.toString();
		}

	}

}
