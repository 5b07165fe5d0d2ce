package dev.takt.scheduler.retry;

import java.io.IOException;
import java.time.Duration;

import dev.takt.scheduler.InvalidJobException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Which failures a policy retries and how long it waits.
 */
class RetryPolicyTests {

	@Test
	void noneNeverRetries() {
		assertThat(RetryPolicy.none().shouldRetry(new IOException(), 1)).isFalse();
		assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
	}

	@Test
	void fixedWaitsTheSameEachTime() {
		RetryPolicy policy = RetryPolicy.fixed(3, Duration.ofSeconds(5));
		assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofSeconds(5));
		assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofSeconds(5));
		assertThat(policy.shouldRetry(new IOException(), 2)).isTrue();
		assertThat(policy.shouldRetry(new IOException(), 3)).isFalse();
	}

	@Test
	void exponentialGrowsAndIsCapped() {
		RetryPolicy policy = RetryPolicy.exponential(10, Duration.ofMillis(100), 3.0);
		assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofMillis(100));
		assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofMillis(300));
		assertThat(policy.delayAfter(3)).isEqualTo(Duration.ofMillis(900));
		assertThat(policy.withMaxDelay(Duration.ofMillis(500)).delayAfter(3)).isEqualTo(Duration.ofMillis(500));
		assertThat(RetryPolicy.exponential(1000, Duration.ofDays(1), 10.0).delayAfter(500))
			.isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
	}

	@Test
	void retryOnAndAbortOnSelectFailures() {
		RetryPolicy policy = RetryPolicy.fixed(3, Duration.ZERO).retryOn(IOException.class)
			.abortOn(java.io.FileNotFoundException.class);
		assertThat(policy.shouldRetry(new IOException(), 1)).isTrue();
		assertThat(policy.shouldRetry(new java.io.FileNotFoundException(), 1)).isFalse();
		assertThat(policy.shouldRetry(new IllegalStateException(), 1)).isFalse();
		assertThat(policy.shouldRetry(null, 1)).isFalse();
		assertThat(RetryPolicy.fixed(3, Duration.ZERO).shouldRetry(null, 1)).isTrue();
	}

	@Test
	void badValuesAreRefused() {
		assertThatExceptionOfType(InvalidJobException.class).isThrownBy(() -> RetryPolicy.fixed(0, Duration.ZERO))
			.withMessage("Invalid retry.maxAttempts '0': must be at least 1");
		assertThatExceptionOfType(InvalidJobException.class)
			.isThrownBy(() -> RetryPolicy.exponential(2, Duration.ZERO, 0.5))
			.withMessageContaining("retry.multiplier");
		assertThatExceptionOfType(InvalidJobException.class)
			.isThrownBy(() -> RetryPolicy.fixed(2, Duration.ZERO).withMaxDelay(Duration.ofSeconds(-1)))
			.withMessageContaining("retry.maxDelay");
	}

}
