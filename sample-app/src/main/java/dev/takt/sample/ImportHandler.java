package dev.takt.sample;

import java.util.concurrent.atomic.AtomicLong;

import dev.takt.scheduler.JobContext;
import dev.takt.scheduler.JobHandler;
import dev.takt.scheduler.JobResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The handler of the {@code import} job declared in {@code application.yml}. Its source is flaky:
 * the first attempt of every run fails (a handler may throw, or return a failed result as here),
 * and the job's retry policy runs it again.
 */
@Component("importHandler")
public class ImportHandler implements JobHandler {

	private static final Logger logger = LoggerFactory.getLogger(ImportHandler.class);

	private final AtomicLong imports = new AtomicLong();

	@Override
	public JobResult handle(JobContext context) {
		String source = (String) context.kwarg("source").orElse("unknown");
		if (context.attempt() == 1) {
			return JobResult.failure("Source " + source + " did not answer");
		}
		long count = this.imports.incrementAndGet();
		logger.info("Imported from {} on attempt {}", source, context.attempt());
		return JobResult.success(count);
	}

	/**
	 * Returns how many imports succeeded.
	 * @return the number of imports
	 */
	public long imports() {
		return this.imports.get();
	}

}
