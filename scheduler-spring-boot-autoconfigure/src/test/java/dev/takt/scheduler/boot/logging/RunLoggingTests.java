package dev.takt.scheduler.boot.logging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.takt.scheduler.JobContext;
import dev.takt.scheduler.JobResult;
import dev.takt.scheduler.JobSpec;
import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.retry.RetryPolicy;
import dev.takt.scheduler.testing.MutableClock;
import dev.takt.scheduler.testing.TickScheduler;
import dev.takt.scheduler.trigger.DateTrigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.MDC;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's run logging under Spring Boot's Logback: one line per run outcome with job,
 * instance, attempt and duration, and the job in the MDC while its handler runs.
 */
@ExtendWith(OutputCaptureExtension.class)
class RunLoggingTests {

	@Test
	void handlerRunsWithItsJobInTheMdc() {
		Map<String, String> seen = new ConcurrentHashMap<>();
		MutableClock clock = MutableClock.at("2030-01-01T00:00:00Z");
		TickScheduler scheduler = TickScheduler.create(Scheduler.builder().name("mdc").handler("look", (context) -> {
			seen.putAll(MDC.getCopyOfContextMap());
			return JobResult.success();
		}), clock);
		scheduler.start();
		try {
			scheduler.addJob(JobSpec.builder("look").id("nightly").trigger(DateTrigger.at(clock.instant())).build());
			scheduler.tick();
			assertThat(seen).containsEntry(JobContext.MDC_JOB_ID, "nightly")
				.containsEntry(JobContext.MDC_SCHEDULER, "mdc")
				.containsEntry(JobContext.MDC_ATTEMPT, "1");
			assertThat(MDC.get(JobContext.MDC_JOB_ID)).isNull();
		}
		finally {
			scheduler.shutdown();
		}
	}

	@Test
	void oneLinePerRunOutcome(CapturedOutput output) {
		MutableClock clock = MutableClock.at("2030-01-01T00:00:00Z");
		TickScheduler scheduler = TickScheduler.create(Scheduler.builder()
			.name("logs")
			.handler("ok", (context) -> JobResult.success())
			.handler("flaky", (context) -> (context.attempt() == 1) ? JobResult.failure("Source did not answer")
					: JobResult.failure("Still no answer")), clock);
		scheduler.start();
		try {
			scheduler.addJob(JobSpec.builder("ok").id("report").trigger(DateTrigger.at(clock.instant())).build());
			scheduler.addJob(JobSpec.builder("flaky").id("import").trigger(DateTrigger.at(clock.instant()))
				.retry(RetryPolicy.fixed(2, java.time.Duration.ofSeconds(1))).build());
			scheduler.tick();
			scheduler.advance(java.time.Duration.ofSeconds(1));
			assertThat(output).contains(
					"Job 'report' of scheduler 'logs' succeeded on attempt 1 in 0 ms (run time 2030-01-01T00:00:00Z)")
				.contains("Job 'import' of scheduler 'logs' failed on attempt 1 in 0 ms (run time "
						+ "2030-01-01T00:00:00Z): Source did not answer; retrying at 2030-01-01T00:00:01Z")
				.contains("Job 'import' of scheduler 'logs' failed on attempt 2 in 0 ms (run time "
						+ "2030-01-01T00:00:00Z): Still no answer")
				.contains("dev.takt.scheduler.runs");
		}
		finally {
			scheduler.shutdown();
		}
	}

}
