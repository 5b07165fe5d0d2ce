package dev.takt.scheduler.engine;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import dev.takt.scheduler.Job;
import dev.takt.scheduler.store.Claim;
import dev.takt.scheduler.store.FirePlanner;
import dev.takt.scheduler.store.JobCounts;
import dev.takt.scheduler.store.JobStore;
import dev.takt.scheduler.store.Run;

/**
 * A store that hands every call to another, for tests that watch or change a few of them.
 */
class ForwardingJobStore implements JobStore {

	private final JobStore delegate;

	ForwardingJobStore(JobStore delegate) {
		this.delegate = delegate;
	}

	@Override
	public void add(Job job) {
		this.delegate.add(job);
	}

	@Override
	public Job update(String jobId, UnaryOperator<Job> change) {
		return this.delegate.update(jobId, change);
	}

	@Override
	public void remove(String jobId) {
		this.delegate.remove(jobId);
	}

	@Override
	public void removeAll() {
		this.delegate.removeAll();
	}

	@Override
	public Optional<Job> get(String jobId) {
		return this.delegate.get(jobId);
	}

	@Override
	public List<Job> list() {
		return this.delegate.list();
	}

	@Override
	public Optional<Instant> nextRunTime() {
		return this.delegate.nextRunTime();
	}

	@Override
	public List<Claim> acquireDue(Instant now, int limit, FirePlanner planner) {
		return this.delegate.acquireDue(now, limit, planner);
	}

	@Override
	public Claim acquire(String jobId, Instant now, FirePlanner planner) {
		return this.delegate.acquire(jobId, now, planner);
	}

	@Override
	public void retryLater(Run retry, Instant dueAt) {
		this.delegate.retryLater(retry, dueAt);
	}

	@Override
	public void complete(Run run) {
		this.delegate.complete(run);
	}

	@Override
	public JobCounts counts() {
		return this.delegate.counts();
	}

}
