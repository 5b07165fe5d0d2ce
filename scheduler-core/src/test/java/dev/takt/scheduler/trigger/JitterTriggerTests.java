package dev.takt.scheduler.trigger;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link JitterTrigger}.
 */
class JitterTriggerTests {

	private static final Instant T0 = Instant.parse("2024-06-07T10:00:00Z");

	@Test
	void delaysEveryFireTimeByAtMostTheJitter() {
		Trigger delegate = new IntervalTrigger(Duration.ofMinutes(1), T0, null);
		JitterTrigger trigger = new JitterTrigger(delegate, Duration.ofSeconds(10), new SplittableRandom(42));
		long distinct = 0;
		Instant previousDelay = null;
		for (int i = 0; i < 1_000; i++) {
			Instant next = trigger.nextFireTime(null, T0).orElseThrow();
			assertThat(next).isBetween(T0, T0.plusSeconds(10));
			if (!next.equals(previousDelay)) {
				distinct++;
			}
			previousDelay = next;
		}
		assertThat(distinct).isGreaterThan(900);
	}

	@Test
	void sameSeedGivesSameDelays() {
		Trigger delegate = new IntervalTrigger(Duration.ofMinutes(1), T0, null);
		JitterTrigger first = new JitterTrigger(delegate, Duration.ofSeconds(30), new SplittableRandom(7));
		JitterTrigger second = new JitterTrigger(delegate, Duration.ofSeconds(30), new SplittableRandom(7));
		for (int i = 0; i < 10; i++) {
			assertThat(first.nextFireTime(null, T0)).isEqualTo(second.nextFireTime(null, T0));
		}
	}

	@Test
	void delaysAreWholeMicroseconds() {
		Trigger delegate = new IntervalTrigger(Duration.ofMinutes(1), T0, null);
		JitterTrigger trigger = new JitterTrigger(delegate, Duration.ofMillis(3), new SplittableRandom(1));
		for (int i = 0; i < 100; i++) {
			assertThat(trigger.nextFireTime(null, T0).orElseThrow().getNano() % 1_000).isZero();
		}
	}

	@Test
	void returnsTheUndelayedTimeWhenTheDelayedOneIsStillPast() {
		Instant runDate = T0.minusSeconds(3600);
		JitterTrigger trigger = new JitterTrigger(DateTrigger.at(runDate), Duration.ofSeconds(10), new SplittableRandom(3));
		for (int i = 0; i < 100; i++) {
			assertThat(trigger.nextFireTime(null, T0)).contains(runDate);
		}
	}

	@Test
	void finishedWhenTheDelegateIs() {
		JitterTrigger trigger = JitterTrigger.of(DateTrigger.at(T0), Duration.ofSeconds(10));
		assertThat(trigger.nextFireTime(T0, T0)).isEmpty();
	}

	@Test
	void rejectsANonPositiveJitter() {
		Trigger delegate = DateTrigger.at(T0);
		assertThatExceptionOfType(InvalidTriggerException.class)
			.isThrownBy(() -> JitterTrigger.of(delegate, Duration.ZERO))
			.withMessageContaining("jitter");
		assertThatExceptionOfType(InvalidTriggerException.class)
			.isThrownBy(() -> JitterTrigger.of(delegate, Duration.ofSeconds(-1)));
	}

	@Test
	void rejectsAJitterOnAJitter() {
		Trigger jittered = JitterTrigger.of(DateTrigger.at(T0), Duration.ofSeconds(1));
		assertThatExceptionOfType(InvalidTriggerException.class)
			.isThrownBy(() -> JitterTrigger.of(jittered, Duration.ofSeconds(1)))
			.withMessageContaining("already has a jitter");
	}

	@Test
	void jitterTriggersWithTheSharedRandomAreEqual() {
		assertThat(JitterTrigger.of(DateTrigger.at(T0), Duration.ofSeconds(5)))
			.isEqualTo(JitterTrigger.of(DateTrigger.at(T0), Duration.ofSeconds(5)));
	}

}
