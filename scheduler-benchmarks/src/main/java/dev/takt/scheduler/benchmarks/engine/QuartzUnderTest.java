package dev.takt.scheduler.benchmarks.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.core.QuartzScheduler;
import org.quartz.impl.StdSchedulerFactory;

/**
 * Quartz with its in-memory {@code RAMJobStore}, configured for these workloads as a Quartz user
 * who knows it would: as many worker threads as Takt's default executor, trigger acquisition in
 * batches as large as the pool, a misfire threshold no workload reaches. Each job is a
 * {@link JobDetail} with its own {@code SimpleTrigger}, as Quartz maps "a scheduled job".
 */
final class QuartzUnderTest implements SchedulerUnderTest {

	/** Worker threads: the size of Takt's default executor. */
	static final int THREADS = 10;

	/**
	 * Triggers acquired per pass of the scheduler thread. Quartz caps a batch at the number of idle
	 * workers, so a larger value never acquires more; a batch of the pool size lets one pass of the
	 * loop (one lock, one store scan) feed every idle thread. System property
	 * {@code quartz.batchMaxCount} overrides it, to check that claim.
	 */
	static final int BATCH_MAX_COUNT = Integer.getInteger("quartz.batchMaxCount", THREADS);

	/**
	 * How far ahead of its fire time a trigger may join a batch. Zero: a trigger never fires before
	 * its time because of batching (Quartz still fires up to 2 ms early, by design of its loop).
	 */
	static final long BATCH_TIME_WINDOW_MS = 0;

	/** Misfire threshold: far above any lateness the workloads produce, so no fire is dropped. */
	static final Duration MISFIRE_THRESHOLD = Duration.ofHours(1);

	private static final AtomicInteger instances = new AtomicInteger();

	private final Scheduler scheduler;

	private QuartzUnderTest() {
		Properties properties = new Properties();
		properties.setProperty("org.quartz.scheduler.instanceName", "bench-" + instances.incrementAndGet());
		properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
		properties.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", String.valueOf(BATCH_MAX_COUNT));
		properties.setProperty("org.quartz.scheduler.batchTriggerAcquisitionFireAheadTimeWindow",
				String.valueOf(BATCH_TIME_WINDOW_MS));
		properties.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
		properties.setProperty("org.quartz.threadPool.threadCount", String.valueOf(THREADS));
		properties.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
		properties.setProperty("org.quartz.jobStore.misfireThreshold", String.valueOf(MISFIRE_THRESHOLD.toMillis()));
		try {
			this.scheduler = new StdSchedulerFactory(properties).getScheduler();
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("Quartz did not start", ex);
		}
	}

	/**
	 * Returns the contender.
	 * @return Quartz as configured here
	 */
	static Contender contender() {
		return new Contender() {

			@Override
			public String name() {
				return "quartz";
			}

			@Override
			public String configuration() {
				return "Quartz " + QuartzScheduler.getVersionMajor() + "." + QuartzScheduler.getVersionMinor() + "."
						+ QuartzScheduler.getVersionIteration()
						+ ", RAMJobStore, SimpleThreadPool of " + THREADS + " threads"
						+ ", batchTriggerAcquisitionMaxCount=" + BATCH_MAX_COUNT
						+ ", batchTriggerAcquisitionFireAheadTimeWindow=" + BATCH_TIME_WINDOW_MS
						+ ", misfireThreshold=" + MISFIRE_THRESHOLD.toMillis() + " ms"
						+ ", a JobDetail + SimpleTrigger per job";
			}

			@Override
			public SchedulerUnderTest create() {
				return new QuartzUnderTest();
			}

		};
	}

	@Override
	public void addOneOff(String id, Instant runAt) {
		schedule(id, TriggerBuilder.newTrigger()
			.withIdentity(id)
			.startAt(Date.from(runAt))
			.withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
			.build());
	}

	@Override
	public void addInterval(String id, Instant firstRun, Duration interval) {
		schedule(id, TriggerBuilder.newTrigger()
			.withIdentity(id)
			.startAt(Date.from(firstRun))
			.withSchedule(SimpleScheduleBuilder.simpleSchedule()
				.withIntervalInMilliseconds(interval.toMillis())
				.repeatForever())
			.build());
	}

	private void schedule(String id, Trigger trigger) {
		JobDetail job = JobBuilder.newJob(QuartzProbeJob.class).withIdentity(id).build();
		try {
			this.scheduler.scheduleJob(job, trigger);
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("Quartz refused job " + id, ex);
		}
	}

	@Override
	public void remove(String id) {
		try {
			if (!this.scheduler.deleteJob(JobKey.jobKey(id))) {
				throw new IllegalStateException("Quartz has no job " + id);
			}
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("Quartz did not remove job " + id, ex);
		}
	}

	@Override
	public void start() {
		try {
			this.scheduler.start();
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("Quartz did not start", ex);
		}
	}

	@Override
	public void close() {
		try {
			this.scheduler.shutdown(false);
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("Quartz did not shut down", ex);
		}
	}

}
