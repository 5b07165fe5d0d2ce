package dev.takt.scheduler;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Named scheduler instances, each with its own store, executors and defaults.
 */
class SchedulerManagerTests {

	@Test
	void instancesAreFoundByNameWithTheirOwnDefaults() {
		Scheduler main = Scheduler.builder().handler("h", (context) -> JobResult.success()).build();
		Scheduler report = Scheduler.builder()
			.name("report")
			.handler("h", (context) -> JobResult.success())
			.jobDefaults(JobDefaults.standard().withMaxInstances(4).withMisfireGraceTime(Duration.ofMinutes(10)))
			.build();
		SchedulerManager manager = SchedulerManager.of(main, report);
		assertThat(manager.get("default")).isSameAs(main);
		assertThat(manager.getDefault()).isSameAs(main);
		assertThat(manager.get("report")).isSameAs(report);
		assertThat(manager.names()).containsExactlyInAnyOrder("default", "report");
		assertThat(manager.schedulers()).containsExactly(main, report);
		Job inReport = manager.get("report").addIntervalJob("j", Duration.ofMinutes(1), "h");
		Job inMain = manager.get("default").addIntervalJob("j", Duration.ofMinutes(1), "h");
		assertThat(inReport.maxInstances()).isEqualTo(4);
		assertThat(inReport.misfireGraceTime()).isEqualTo(Duration.ofMinutes(10));
		assertThat(inMain.maxInstances()).isEqualTo(1);
		assertThat(main.getJobs()).hasSize(1);
		assertThat(report.getJobs()).hasSize(1);
	}

	@Test
	void unknownOrDuplicateNamesAreRefused() {
		SchedulerManager manager = SchedulerManager.of(Scheduler.builder().build());
		assertThatExceptionOfType(UnknownSchedulerException.class).isThrownBy(() -> manager.get("report"))
			.withMessageContaining("'report'")
			.withMessageContaining("default");
		assertThat(manager.find("report")).isEmpty();
		assertThatExceptionOfType(SchedulerException.class).isThrownBy(() -> manager.add(Scheduler.builder().build()));
	}

	@Test
	void startsAndShutsDownEveryInstance() {
		Scheduler one = Scheduler.builder().name("one").build();
		Scheduler two = Scheduler.builder().name("two").build();
		SchedulerManager manager = SchedulerManager.of(one, two);
		manager.startAll();
		assertThat(one.state()).isEqualTo(SchedulerState.RUNNING);
		assertThat(two.state()).isEqualTo(SchedulerState.RUNNING);
		assertThat(manager.shutdownAll(Duration.ofSeconds(5))).isTrue();
		assertThat(one.state()).isEqualTo(SchedulerState.SHUT_DOWN);
		assertThat(manager.remove("one")).contains(one);
		assertThat(manager.names()).containsExactly("two");
	}

}
