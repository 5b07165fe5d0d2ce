package dev.takt.scheduler.trigger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link AndTrigger} and {@link OrTrigger} over interval and date triggers.
 */
class CombiningTriggerTests {

	private static final Instant T0 = Instant.parse("2024-06-07T10:00:00Z");

	@Test
	void andOfTwoIntervalsFiresAtTheirCommonMultiples() {
		Trigger trigger = AndTrigger.of(interval(Duration.ofMinutes(6), T0), interval(Duration.ofMinutes(10), T0));
		assertThat(run(trigger, T0.plusSeconds(1), 4)).containsExactly(T0.plusSeconds(1800), T0.plusSeconds(3600),
				T0.plusSeconds(5400), T0.plusSeconds(7200));
	}

	@Test
	void andFirstCallIncludesNow() {
		Trigger trigger = AndTrigger.of(interval(Duration.ofMinutes(6), T0), interval(Duration.ofMinutes(10), T0));
		assertThat(trigger.nextFireTime(null, T0)).contains(T0);
	}

	@Test
	void andLaterCallsLookOnlyAfterThePreviousFireTime() {
		Trigger trigger = AndTrigger.of(interval(Duration.ofMinutes(6), T0), interval(Duration.ofMinutes(10), T0));
		Instant later = T0.plusSeconds(86_400);
		assertThat(trigger.nextFireTime(T0, later)).contains(T0.plusSeconds(1800));
	}

	@Test
	void andWithADateFiresOnceWhenTheOthersAgree() {
		Instant runDate = T0.plusSeconds(3600);
		Trigger trigger = AndTrigger.of(interval(Duration.ofMinutes(15), T0), DateTrigger.at(runDate));
		assertThat(trigger.nextFireTime(null, T0)).contains(runDate);
		assertThat(trigger.nextFireTime(runDate, runDate)).isEmpty();
	}

	@Test
	void andWithADateTheOthersMissIsFinished() {
		Trigger trigger = AndTrigger.of(interval(Duration.ofMinutes(15), T0), DateTrigger.at(T0.plusSeconds(60)));
		assertThat(trigger.nextFireTime(null, T0)).isEmpty();
	}

	@Test
	void andWithAPastDateIsFinished() {
		Trigger trigger = AndTrigger.of(interval(Duration.ofMinutes(15), T0), DateTrigger.at(T0));
		assertThat(trigger.nextFireTime(null, T0.plusSeconds(1))).isEmpty();
	}

	@Test
	void andIsFinishedAsSoonAsOneTriggerIs() {
		IntervalTrigger ending = interval(Duration.ofMinutes(5), T0).withEndDate(T0.plusSeconds(1200));
		Trigger trigger = AndTrigger.of(ending, interval(Duration.ofMinutes(10), T0));
		assertThat(run(trigger, T0, 5)).containsExactly(T0, T0.plusSeconds(600), T0.plusSeconds(1200));
	}

	@Test
	void andOfIntervalsThatNeverMeetGivesUp() {
		Trigger trigger = AndTrigger.of(interval(Duration.ofSeconds(2), T0),
				interval(Duration.ofSeconds(2), T0.plusSeconds(1)));
		long started = System.nanoTime();
		assertThat(trigger.nextFireTime(null, T0)).isEmpty();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void andOfIntervalsWithoutStartDateCountsFromTheFirstCallThenFromThePreviousFireTime() {
		Trigger trigger = AndTrigger.of(IntervalTrigger.every(Duration.ofMinutes(2)),
				IntervalTrigger.every(Duration.ofMinutes(3)));
		Instant first = trigger.nextFireTime(null, T0).orElseThrow();
		assertThat(first).isEqualTo(T0.plusSeconds(360));
		assertThat(trigger.nextFireTime(first, first)).contains(first.plusSeconds(360));
	}

	@Test
	void andOfOneTriggerIsThatTrigger() {
		Trigger trigger = AndTrigger.of(interval(Duration.ofMinutes(7), T0));
		assertThat(run(trigger, T0.plusSeconds(1), 2)).containsExactly(T0.plusSeconds(420), T0.plusSeconds(840));
	}

	@Test
	void nestedAndOfOrFindsTheIntersectionOfTheUnion() {
		Trigger or = OrTrigger.of(interval(Duration.ofMinutes(4), T0), interval(Duration.ofMinutes(6), T0));
		Trigger trigger = AndTrigger.of(or, interval(Duration.ofMinutes(10), T0));
		assertThat(run(trigger, T0.plusSeconds(60), 4)).containsExactly(T0.plusSeconds(1200), T0.plusSeconds(1800),
				T0.plusSeconds(2400), T0.plusSeconds(3600));
	}

	@Test
	void nestedAndInsideAnd() {
		Trigger inner = AndTrigger.of(interval(Duration.ofMinutes(2), T0), interval(Duration.ofMinutes(3), T0));
		Trigger trigger = AndTrigger.of(inner, interval(Duration.ofMinutes(5), T0));
		assertThat(run(trigger, T0.plusSeconds(1), 2)).containsExactly(T0.plusSeconds(1800), T0.plusSeconds(3600));
	}

	@Test
	void andIgnoresTheJitterOfItsTriggers() {
		Trigger jittered = JitterTrigger.of(interval(Duration.ofMinutes(6), T0), Duration.ofMinutes(1));
		Trigger trigger = AndTrigger.of(jittered, interval(Duration.ofMinutes(10), T0));
		assertThat(trigger.nextFireTime(null, T0.plusSeconds(1))).contains(T0.plusSeconds(1800));
	}

	@Test
	void andAsksOtherTriggersForTheirFirstFireTimeAtOrAfterACandidate() {
		Trigger everyFiveMinutes = (previous, now) -> {
			long seconds = (previous != null) ? previous.getEpochSecond() + 300
					: now.getEpochSecond() + ((now.getNano() > 0) ? 1 : 0);
			return Optional.of(Instant.ofEpochSecond((seconds + 299) / 300 * 300));
		};
		Trigger trigger = AndTrigger.of(everyFiveMinutes, interval(Duration.ofMinutes(3), T0));
		assertThat(run(trigger, T0.plusSeconds(1), 2)).containsExactly(T0.plusSeconds(900), T0.plusSeconds(1800));
	}

	@Test
	void andWithATriggerThatAnswersWithAnEarlierTimeIsFinished() {
		Trigger stuck = (previous, now) -> Optional.of(T0);
		Trigger trigger = AndTrigger.of(interval(Duration.ofMinutes(3), T0), stuck);
		assertThat(trigger.nextFireTime(null, T0.plusSeconds(1))).isEmpty();
	}

	@Test
	void orTakesTheEarliestAnswer() {
		Trigger trigger = OrTrigger.of(interval(Duration.ofMinutes(10), T0.plusSeconds(600)),
				DateTrigger.at(T0.plusSeconds(300)));
		assertThat(trigger.nextFireTime(null, T0)).contains(T0.plusSeconds(300));
	}

	@Test
	void orIntervalsCountFromWhicheverFiredLast() {
		Trigger trigger = OrTrigger.of(interval(Duration.ofMinutes(10), T0), interval(Duration.ofMinutes(15), T0));
		assertThat(run(trigger, T0, 3)).containsExactly(T0, T0.plusSeconds(600), T0.plusSeconds(1200));
	}

	@Test
	void orFiresCoincidingTimesOnce() {
		Trigger trigger = OrTrigger.of(DateTrigger.at(T0), DateTrigger.at(T0));
		assertThat(run(trigger, T0, 3)).containsExactly(T0);
	}

	@Test
	void orOfTwoDatesFiresOnce() {
		Trigger trigger = OrTrigger.of(DateTrigger.at(T0.plusSeconds(60)), DateTrigger.at(T0.plusSeconds(120)));
		assertThat(run(trigger, T0, 3)).containsExactly(T0.plusSeconds(60));
	}

	@Test
	void orIsFinishedWhenAllAre() {
		Trigger trigger = OrTrigger.of(interval(Duration.ofMinutes(1), T0).withEndDate(T0.plusSeconds(60)),
				interval(Duration.ofMinutes(1), T0).withEndDate(T0.plusSeconds(120)));
		assertThat(run(trigger, T0, 5)).containsExactly(T0, T0.plusSeconds(60), T0.plusSeconds(120));
	}

	@Test
	void combiningTriggersNeedAtLeastOneTrigger() {
		assertThatExceptionOfType(InvalidTriggerException.class).isThrownBy(AndTrigger::of)
			.withMessageContaining("triggers");
		assertThatExceptionOfType(InvalidTriggerException.class).isThrownBy(() -> new OrTrigger(List.of()))
			.withMessageContaining("triggers");
	}

	@Test
	void combiningTriggersCopyTheirList() {
		List<Trigger> triggers = new ArrayList<>(List.of(DateTrigger.at(T0)));
		OrTrigger trigger = new OrTrigger(triggers);
		triggers.add(DateTrigger.at(T0.plusSeconds(1)));
		assertThat(trigger.triggers()).hasSize(1);
		assertThat(trigger).isEqualTo(OrTrigger.of(DateTrigger.at(T0)));
	}

	private static IntervalTrigger interval(Duration interval, Instant start) {
		return new IntervalTrigger(interval, start, null);
	}

	/** Calls the trigger as the scheduler does, up to {@code limit} times. */
	static List<Instant> run(Trigger trigger, Instant now, int limit) {
		List<Instant> fireTimes = new ArrayList<>();
		Instant previous = null;
		for (int i = 0; i < limit; i++) {
			Optional<Instant> next = trigger.nextFireTime(previous, now);
			if (next.isEmpty()) {
				break;
			}
			fireTimes.add(next.get());
			previous = next.get();
			now = previous;
		}
		return fireTimes;
	}

}
