package dev.takt.scheduler.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import dev.takt.scheduler.Job;
import dev.takt.scheduler.JobPersistenceException;
import org.jspecify.annotations.Nullable;

/**
 * A node of an in-memory "cluster": nodes created over the same {@link Shared} state see the same
 * jobs and runs, and lease their runs as a database-backed store would, each take of a run under
 * a new lease token. Only for proving the clustered contract suite; it keeps everything under one
 * lock.
 */
final class SharedMemoryClusteredStore implements ClusteredJobStore {

	private final Shared shared;

	private final String owner;

	private final Duration leaseTime;

	SharedMemoryClusteredStore(Shared shared, String owner, Duration leaseTime) {
		this.shared = shared;
		this.owner = owner;
		this.leaseTime = leaseTime;
	}

	/** The state every node shares: the jobs and the leases of runs in progress. */
	static final class Shared {

		final MemoryJobStore jobs = new MemoryJobStore();

		/** Run id to its lease; runs waiting for a retry have none. */
		final Map<String, Lease> leases = new HashMap<>();

		/** The last lease token handed out. */
		long lastToken;

		String nextToken() {
			return Long.toString(++this.lastToken);
		}

		void clear() {
			synchronized (this) {
				this.jobs.removeAll();
				this.leases.clear();
			}
		}

	}

	private record Lease(Run run, String owner, Instant expiresAt) {

		String token() {
			return Objects.requireNonNull(this.run.lease());
		}

	}

	/** Returns the lease of a run when this node holds it under the lease the run carries, else null. */
	private @Nullable Lease held(Run run) {
		Lease lease = this.shared.leases.get(run.id());
		return (lease != null && lease.owner().equals(this.owner) && lease.token().equals(run.lease())) ? lease : null;
	}

	private Instant now() {
		return Instant.now();
	}

	@Override
	public void add(Job job) {
		if (job.isInline()) {
			throw JobPersistenceException.inlineHandler(job, "shared-memory");
		}
		synchronized (this.shared) {
			this.shared.jobs.add(job);
		}
	}

	@Override
	public Job update(String jobId, UnaryOperator<Job> change) {
		synchronized (this.shared) {
			return this.shared.jobs.update(jobId, change);
		}
	}

	@Override
	public void remove(String jobId) {
		synchronized (this.shared) {
			this.shared.jobs.remove(jobId);
		}
	}

	@Override
	public void removeAll() {
		synchronized (this.shared) {
			this.shared.jobs.removeAll();
		}
	}

	@Override
	public Optional<Job> get(String jobId) {
		synchronized (this.shared) {
			return this.shared.jobs.get(jobId);
		}
	}

	@Override
	public List<Job> list() {
		synchronized (this.shared) {
			return this.shared.jobs.list();
		}
	}

	@Override
	public Optional<Instant> nextRunTime() {
		synchronized (this.shared) {
			return this.shared.jobs.nextRunTime();
		}
	}

	@Override
	public List<Claim> acquireDue(Instant now, int limit, FirePlanner planner) {
		synchronized (this.shared) {
			return lease(this.shared.jobs.acquireDue(now, limit, planner));
		}
	}

	@Override
	public Claim acquire(String jobId, Instant now, FirePlanner planner) {
		synchronized (this.shared) {
			return lease(List.of(this.shared.jobs.acquire(jobId, now, planner))).get(0);
		}
	}

	private List<Claim> lease(List<Claim> claims) {
		Instant expiresAt = now().plus(this.leaseTime);
		List<Claim> leased = new ArrayList<>(claims.size());
		for (Claim claim : claims) {
			Run run = claim.run();
			if (run != null) {
				run = run.withLease(this.shared.nextToken());
				this.shared.leases.put(run.id(), new Lease(run, this.owner, expiresAt));
				claim = new Claim(claim.job(), run, claim.missedRunTimes(), claim.blockedRunTimes(),
						claim.jobRemoved());
			}
			leased.add(claim);
		}
		return leased;
	}

	@Override
	public void retryLater(Run retry, Instant dueAt) {
		synchronized (this.shared) {
			if (held(retry) == null) {
				return; // another node holds it now
			}
			this.shared.leases.remove(retry.id());
			this.shared.jobs.retryLater(retry, dueAt);
		}
	}

	@Override
	public void complete(Run run) {
		synchronized (this.shared) {
			if (held(run) == null) {
				return; // completed already, or another node holds it now
			}
			this.shared.leases.remove(run.id());
			this.shared.jobs.complete(run);
		}
	}

	@Override
	public JobCounts counts() {
		synchronized (this.shared) {
			return this.shared.jobs.counts();
		}
	}

	@Override
	public String owner() {
		return this.owner;
	}

	@Override
	public Duration leaseTime() {
		return this.leaseTime;
	}

	@Override
	public Set<String> heartbeat(Collection<Run> runs) {
		Set<String> lost = new HashSet<>();
		synchronized (this.shared) {
			Instant expiresAt = now().plus(this.leaseTime);
			for (Run run : runs) {
				Lease lease = held(run);
				if (lease != null) {
					this.shared.leases.put(run.id(), new Lease(lease.run(), this.owner, expiresAt));
				}
				else {
					lost.add(run.id());
				}
			}
		}
		return lost;
	}

	@Override
	public List<Run> recoverExpired(Instant now, int limit) {
		List<Run> recovered = new ArrayList<>();
		synchronized (this.shared) {
			Instant storeNow = now();
			Instant expiresAt = storeNow.plus(this.leaseTime);
			for (Lease lease : List.copyOf(this.shared.leases.values())) {
				boolean expired = lease.expiresAt().isBefore(storeNow) && !lease.owner().equals(this.owner);
				if (recovered.size() < limit && expired) {
					Run taken = lease.run().withLease(this.shared.nextToken());
					this.shared.leases.put(taken.id(), new Lease(taken, this.owner, expiresAt));
					recovered.add(taken);
				}
			}
		}
		return recovered;
	}

	@Override
	public void release(Collection<Run> runs) {
		synchronized (this.shared) {
			for (Run run : runs) {
				if (held(run) != null) {
					this.shared.leases.remove(run.id());
					this.shared.jobs.retryLater(run, Instant.MIN);
				}
			}
		}
	}

}
