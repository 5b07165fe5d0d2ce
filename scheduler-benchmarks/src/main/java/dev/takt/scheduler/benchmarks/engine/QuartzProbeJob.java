package dev.takt.scheduler.benchmarks.engine;

import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * The no-op Quartz job: reports its scheduled fire time to {@link Probe}. Public with a public
 * constructor because Quartz creates an instance per fire by reflection.
 */
public class QuartzProbeJob implements Job {

	@Override
	public void execute(JobExecutionContext context) {
		Probe.fired(context.getScheduledFireTime().getTime() * 1_000L);
	}

}
