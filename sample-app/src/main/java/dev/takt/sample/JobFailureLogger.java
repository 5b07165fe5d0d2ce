package dev.takt.sample;

import dev.takt.scheduler.event.JobError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Listens to scheduler events, which the starter publishes as Spring application events: here,
 * every run that failed after its last attempt.
 */
@Component
public class JobFailureLogger {

	private static final Logger logger = LoggerFactory.getLogger(JobFailureLogger.class);

	/**
	 * Logs a failed run.
	 * @param event the failure
	 */
	@EventListener
	public void onJobError(JobError event) {
		if (event.willRetry()) {
			return;
		}
		logger.warn("Job '{}' of scheduler '{}' failed: {}", event.jobId(), event.scheduler(), event.result().message());
	}

}
