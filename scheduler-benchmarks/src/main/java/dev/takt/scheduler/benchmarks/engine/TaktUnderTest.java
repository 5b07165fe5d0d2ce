package dev.takt.scheduler.benchmarks.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import dev.takt.scheduler.JobDefaults;
import dev.takt.scheduler.JobHandler;
import dev.takt.scheduler.JobResult;
import dev.takt.scheduler.JobSpec;
import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.SchedulerBuilder;
import dev.takt.scheduler.executor.ThreadPoolJobExecutor;
import dev.takt.scheduler.executor.VirtualThreadJobExecutor;
import dev.takt.scheduler.trigger.DateTrigger;
import dev.takt.scheduler.trigger.IntervalTrigger;

/**
 * Takt with its defaults (memory store, a {@code default} executor of 10 threads, run history),
 * except for the two job options Quartz is given too: no fire is dropped for being late
 * ({@code misfireGraceTime} as long as Quartz's misfire threshold) and each missed fire runs
 * rather than one for all ({@code coalesce} off, as Quartz does not coalesce), so both schedulers
 * run every fire. Jobs name their handler, as a stored job would.
 * <p>
 * With virtual threads, the {@code default} executor is Takt's virtual-thread executor (Java 21+).
 */
final class TaktUnderTest implements SchedulerUnderTest {

	private static final String HANDLER = "probe";

	private static final JobHandler PROBE = (context) -> {
		Instant scheduled = context.scheduledFireTime();
		Probe.fired(scheduled.getEpochSecond() * 1_000_000L + scheduled.getNano() / 1_000);
		return JobResult.success();
	};

	private static final JobDefaults JOB_DEFAULTS = JobDefaults.standard()
		.withMisfireGraceTime(QuartzUnderTest.MISFIRE_THRESHOLD)
		.withCoalesce(false);

	private static final AtomicInteger instances = new AtomicInteger();

	private final Scheduler scheduler;

	private TaktUnderTest(boolean virtualThreads) {
		SchedulerBuilder builder = Scheduler.builder()
			.name("bench-" + instances.incrementAndGet())
			.handler(HANDLER, PROBE)
			.jobDefaults(JOB_DEFAULTS);
		if (virtualThreads) {
			builder.executor(JobDefaults.DEFAULT_EXECUTOR, VirtualThreadJobExecutor.create("bench-virtual-"));
		}
		this.scheduler = builder.build();
	}

	/**
	 * Returns the contender.
	 * @param virtualThreads whether the default executor runs jobs on virtual threads
	 * @return Takt as configured here
	 */
	static Contender contender(boolean virtualThreads) {
		return new Contender() {

			@Override
			public String name() {
				return virtualThreads ? "takt-virtual" : "takt";
			}

			@Override
			public String configuration() {
				String executor = virtualThreads ? "on virtual threads"
						: "of " + ThreadPoolJobExecutor.DEFAULT_SIZE + " threads";
				return "Takt, memory store, default executor " + executor
						+ ", batch size " + SchedulerBuilder.DEFAULT_BATCH_SIZE + ", job defaults: coalesce="
						+ JOB_DEFAULTS.coalesce() + ", misfireGraceTime=" + JOB_DEFAULTS.misfireGraceTime()
						+ ", maxInstances=" + JOB_DEFAULTS.maxInstances() + ", a named handler per job";
			}

			@Override
			public SchedulerUnderTest create() {
				return new TaktUnderTest(virtualThreads);
			}

		};
	}

	@Override
	public void addOneOff(String id, Instant runAt) {
		this.scheduler.addJob(JobSpec.builder(HANDLER).id(id).trigger(DateTrigger.at(runAt)).build());
	}

	@Override
	public void addInterval(String id, Instant firstRun, Duration interval) {
		this.scheduler.addJob(
				JobSpec.builder(HANDLER).id(id).trigger(new IntervalTrigger(interval, firstRun, null)).build());
	}

	@Override
	public void remove(String id) {
		this.scheduler.removeJob(id);
	}

	@Override
	public void start() {
		this.scheduler.start();
	}

	@Override
	public void close() {
		this.scheduler.shutdown(false);
	}

}
