package dev.takt.scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.takt.scheduler.retry.RetryPolicy;
import dev.takt.scheduler.trigger.DateTrigger;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The job value: checks, frozen JSON arguments, copies.
 */
class JobTests {

	private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

	private static Job job() {
		return JobSpec.builder("h").id("j").trigger(DateTrigger.at(T0)).build().toJob(JobDefaults.standard(), T0);
	}

	@Test
	void argumentsAreFrozenCopies() {
		List<Object> args = new ArrayList<>(Arrays.asList("a", null, List.of(1, 2)));
		Map<String, Object> kwargs = new HashMap<>();
		kwargs.put("k", new ArrayList<>(List.of("v")));
		Job job = job().withArgs(args).withKwargs(kwargs);
		args.add("later");
		((List<Object>) kwargs.get("k")).add("later");
		assertThat(job.args()).containsExactly("a", null, List.of(1, 2));
		assertThat(job.kwargs()).containsEntry("k", List.of("v"));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> job.args().add("x"));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> job.kwargs().put("x", 1));
		assertThat(job.withArgs(job.args()).args()).isSameAs(job.args());
	}

	@Test
	void copiesChangeOneValue() {
		Job job = job();
		assertThat(job.withNextRunTime(null).isPaused()).isTrue();
		assertThat(job.withMaxInstances(3)).isEqualTo(job.withMaxInstances(3)).isNotEqualTo(job);
		assertThat(job.withCoalesce(false).coalesce()).isFalse();
		assertThat(job.withRetryPolicy(RetryPolicy.fixed(2, Duration.ZERO)).retryPolicy().maxAttempts()).isEqualTo(2);
		assertThat(job.withHandler("other").handler()).isEqualTo("other");
		assertThat(job.toString()).contains("j").contains(T0.toString());
	}

	@Test
	void inlineCodeCarriesTheInlineHandlerName() {
		Job inline = JobSpec.builder(() -> { }).id("i").build().toJob(JobDefaults.standard(), T0);
		assertThat(inline.isInline()).isTrue();
		assertThat(inline.handler()).isEqualTo(Job.INLINE_HANDLER);
		assertThat(inline.withHandler("named").isInline()).isFalse();
		assertThatExceptionOfType(InvalidJobException.class).isThrownBy(() -> JobSpec.builder(Job.INLINE_HANDLER));
		assertThatExceptionOfType(InvalidJobException.class).isThrownBy(() -> new Job("i", "i", "named",
				(context) -> JobResult.success(), List.of(), Map.of(), DateTrigger.at(T0), "default", true, 1, null,
				RetryPolicy.none(), null, T0));
	}

	@Test
	void resultsKnowTheirOutcome() {
		assertThat(JobResult.success().successful()).isTrue();
		assertThat(JobResult.success("data").data()).isEqualTo("data");
		JobResult failure = JobResult.failure("why", new IllegalStateException("ex"));
		assertThat(failure.isFailure()).isTrue();
		assertThat(failure.message()).isEqualTo("why");
		assertThat(JobResult.failure(new IllegalStateException("ex")).message()).contains("ex");
		JobResult timed = failure.withRun(2, T0, Duration.ofSeconds(1));
		assertThat(timed.attempts()).isEqualTo(2);
		assertThat(timed.start()).isEqualTo(T0);
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> new JobResult(true, null, null, new IllegalStateException(), 1, null, null));
	}

}
