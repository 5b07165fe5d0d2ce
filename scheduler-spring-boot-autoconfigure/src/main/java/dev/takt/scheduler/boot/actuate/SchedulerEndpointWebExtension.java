package dev.takt.scheduler.boot.actuate;

import java.util.List;
import java.util.function.Supplier;

import dev.takt.scheduler.InvalidJobException;
import dev.takt.scheduler.JobNotFoundException;
import dev.takt.scheduler.SchedulerNotRunningException;
import dev.takt.scheduler.UnknownSchedulerException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;
import org.springframework.util.ClassUtils;

/**
 * {@link EndpointWebExtension @EndpointWebExtension} of the {@link SchedulerEndpoint}: the same
 * operations over HTTP, with their failures as status codes and a reason in the body (404 for an
 * unknown instance or job, 400 for a bad action or trigger spec, 409 when the instance is not
 * running or a job already has its maximum of runs in progress).
 * <p>
 * When Spring Security is on the class path, the write and delete operations answer 403 unless
 * the caller is authenticated and, when {@code roles} are given, has one of them: an application
 * that lets everyone read the actuator does not let everyone steer its jobs by mistake.
 */
@EndpointWebExtension(endpoint = SchedulerEndpoint.class)
public class SchedulerEndpointWebExtension {

	private static final boolean SPRING_SECURITY_PRESENT = ClassUtils.isPresent(
			"org.springframework.security.core.Authentication", SchedulerEndpointWebExtension.class.getClassLoader());

	/** The HTTP status of a conflict with the scheduler's state. */
	static final int STATUS_CONFLICT = 409;

	/** The HTTP status of a refused caller. */
	static final int STATUS_FORBIDDEN = 403;

	private final SchedulerEndpoint delegate;

	private final List<String> roles;

	private final boolean securityPresent;

	/**
	 * Creates a web extension; write operations need an authenticated caller with one of the given
	 * roles when Spring Security is on the class path.
	 * @param delegate the endpoint
	 * @param roles the roles that may write (any authenticated caller when empty)
	 */
	public SchedulerEndpointWebExtension(SchedulerEndpoint delegate, List<String> roles) {
		this(delegate, roles, SPRING_SECURITY_PRESENT);
	}

	SchedulerEndpointWebExtension(SchedulerEndpoint delegate, List<String> roles, boolean securityPresent) {
		this.delegate = delegate;
		this.roles = List.copyOf(roles);
		this.securityPresent = securityPresent;
	}

	/**
	 * Describes every instance.
	 * @return the instances
	 */
	@ReadOperation
	public WebEndpointResponse<SchedulerEndpoint.SchedulersDescriptor> schedulers() {
		return new WebEndpointResponse<>(this.delegate.schedulers());
	}

	/**
	 * Describes one instance's jobs.
	 * @param instance the instance name
	 * @return the instance, or 404
	 */
	@ReadOperation
	public WebEndpointResponse<OperationResponseBody> scheduler(@Selector String instance) {
		return handle(() -> {
			this.delegate.instance(instance);
			return orNotFound(this.delegate.scheduler(instance), instance, null);
		});
	}

	/**
	 * Describes one job.
	 * @param instance the instance name
	 * @param jobId the job id
	 * @return the job, or 404
	 */
	@ReadOperation
	public WebEndpointResponse<OperationResponseBody> job(@Selector String instance, @Selector String jobId) {
		return handle(() -> {
			this.delegate.instance(instance);
			return orNotFound(this.delegate.job(instance, jobId), instance, jobId);
		});
	}

	/**
	 * Pauses or resumes an instance.
	 * @param securityContext the caller
	 * @param instance the instance name
	 * @param action {@code pause} or {@code resume}
	 * @return the instance as it is now, or 400, 403, 404 or 409
	 */
	@WriteOperation
	public WebEndpointResponse<OperationResponseBody> changeScheduler(SecurityContext securityContext,
			@Selector String instance, String action) {
		return authorized(securityContext, () -> this.delegate.changeScheduler(instance, action));
	}

	/**
	 * Pauses, resumes, runs or reschedules a job.
	 * @param securityContext the caller
	 * @param instance the instance name
	 * @param jobId the job id
	 * @param action {@code pause}, {@code resume}, {@code run} or {@code reschedule}
	 * @param trigger the trigger spec, for {@code reschedule}
	 * @return the job as it is now, or 400, 403, 404 or 409
	 */
	@WriteOperation
	public WebEndpointResponse<OperationResponseBody> changeJob(SecurityContext securityContext,
			@Selector String instance, @Selector String jobId, String action, @Nullable String trigger) {
		return authorized(securityContext, () -> this.delegate.changeJob(instance, jobId, action, trigger));
	}

	/**
	 * Removes a job.
	 * @param securityContext the caller
	 * @param instance the instance name
	 * @param jobId the job id
	 * @return the job as it was, or 403 or 404
	 */
	@DeleteOperation
	public WebEndpointResponse<OperationResponseBody> removeJob(SecurityContext securityContext,
			@Selector String instance, @Selector String jobId) {
		return authorized(securityContext, () -> this.delegate.removeJob(instance, jobId));
	}

	private WebEndpointResponse<OperationResponseBody> authorized(SecurityContext securityContext,
			Supplier<@Nullable OperationResponseBody> operation) {
		String refusal = refusal(securityContext);
		if (refusal != null) {
			return failure(STATUS_FORBIDDEN, "Forbidden", refusal);
		}
		return handle(operation);
	}

	private @Nullable String refusal(SecurityContext securityContext) {
		if (!this.securityPresent) {
			return null;
		}
		if (securityContext.getPrincipal() == null) {
			return "Changing the scheduler needs an authenticated user";
		}
		if (!this.roles.isEmpty() && this.roles.stream().noneMatch(securityContext::isUserInRole)) {
			return "Changing the scheduler needs one of the roles " + this.roles;
		}
		return null;
	}

	private static WebEndpointResponse<OperationResponseBody> handle(Supplier<@Nullable OperationResponseBody> operation) {
		try {
			OperationResponseBody body = operation.get();
			return (body != null) ? new WebEndpointResponse<>(body)
					: new WebEndpointResponse<>(WebEndpointResponse.STATUS_NO_CONTENT);
		}
		catch (NotFound | UnknownSchedulerException | JobNotFoundException ex) {
			return failure(WebEndpointResponse.STATUS_NOT_FOUND, "Not Found", ex.getMessage());
		}
		catch (InvalidEndpointRequestException ex) {
			return failure(WebEndpointResponse.STATUS_BAD_REQUEST, "Bad Request", ex.getReason());
		}
		catch (InvalidJobException ex) {
			return failure(WebEndpointResponse.STATUS_BAD_REQUEST, "Bad Request", ex.getMessage());
		}
		catch (SchedulerNotRunningException | RunNotStartedException ex) {
			return failure(STATUS_CONFLICT, "Conflict", ex.getMessage());
		}
	}

	private static OperationResponseBody orNotFound(@Nullable OperationResponseBody body, String instance,
			@Nullable String jobId) {
		if (body != null) {
			return body;
		}
		throw new NotFound(
				(jobId != null) ? "No job '" + jobId + "' in scheduler '" + instance + "'" : "No scheduler '" + instance + "'");
	}

	private static WebEndpointResponse<OperationResponseBody> failure(int status, String error,
			@Nullable String reason) {
		return new WebEndpointResponse<>(new FailureDescriptor(status, error, String.valueOf(reason)), status);
	}

	/**
	 * Why an operation failed.
	 *
	 * @param status the HTTP status
	 * @param error the status's reason phrase
	 * @param reason what went wrong, for people
	 */
	public record FailureDescriptor(int status, String error, String reason) implements OperationResponseBody {
	}

	/** A read operation found nothing. */
	private static final class NotFound extends RuntimeException {

		private static final long serialVersionUID = 1L;

		NotFound(String message) {
			super(message, null, false, false);
		}

	}

}
