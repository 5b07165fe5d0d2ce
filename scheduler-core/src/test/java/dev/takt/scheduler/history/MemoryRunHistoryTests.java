package dev.takt.scheduler.history;

import java.time.Instant;

import dev.takt.scheduler.JobResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bounded in-memory run history.
 */
class MemoryRunHistoryTests {

	private static RunRecord run(String job, int second) {
		return new RunRecord(job, job, Instant.EPOCH.plusSeconds(second), JobResult.success());
	}

	@Test
	void keepsTheNewestRecordsUpToItsCapacity() {
		MemoryRunHistory history = MemoryRunHistory.ofCapacity(4);
		for (int i = 0; i < 10; i++) {
			history.record(run((i % 2 == 0) ? "even" : "odd", i));
		}
		assertThat(history.recent(10)).extracting((run) -> run.scheduledRunTime().getEpochSecond())
			.containsExactly(9L, 8L, 7L, 6L);
		assertThat(history.runs("even", 10)).extracting((run) -> run.scheduledRunTime().getEpochSecond())
			.containsExactly(8L, 6L);
		assertThat(history.recent(1)).hasSize(1);
		assertThat(history.runs("none", 10)).isEmpty();
		assertThat(history.capacity()).isEqualTo(4);
	}

	@Test
	void emptyHistoryHasNoRecords() {
		assertThat(MemoryRunHistory.ofCapacity(3).recent(5)).isEmpty();
	}

}
