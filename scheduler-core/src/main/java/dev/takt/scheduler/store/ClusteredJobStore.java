package dev.takt.scheduler.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * A job store that several scheduler nodes share. Every run the store starts (in
 * {@link #acquireDue} or {@link #acquire}) is owned by this node, {@link #owner()}, under a lease
 * of {@link #leaseTime()}; the scheduler heartbeats the runs it executes, and a node whose leases
 * expire (it died) has its runs recovered by another. Running counts for {@code maxInstances} are
 * kept in the store, so the limit holds across nodes, and the store's clock is the reference for
 * due times and leases.
 * <p>
 * Each take of a run (its claim, the claim of its retry, its recovery) gives it a new
 * {@link Run#lease()}. {@link #complete}, {@link #retryLater} and {@link #heartbeat} act only on
 * a run this node holds under the lease the given run carries: a node that stalled past its lease
 * and lost a run to another (which may have handed it back to this node since, as a retry) has
 * its late completion or retry ignored, and logged, rather than ending the run its new owner is
 * executing.
 */
public interface ClusteredJobStore extends JobStore {

	/**
	 * Returns the id this node owns its runs under, unique in the cluster.
	 * @return the owner id
	 */
	String owner();

	/**
	 * Returns how long a run's lease lasts without a heartbeat; the scheduler heartbeats well
	 * within it.
	 * @return the lease time
	 */
	Duration leaseTime();

	/**
	 * Extends the leases of runs this node is executing.
	 * @param runs the runs in progress on this node
	 * @return the ids of runs whose lease this node no longer holds (they expired and were
	 * recovered by another node, or taken again since under another lease); the scheduler logs
	 * them, the runs go on
	 */
	Set<String> heartbeat(Collection<Run> runs);

	/**
	 * Takes over runs whose lease expired (their node died): they become this node's, under a new
	 * lease, for the scheduler to execute again, however late (they were claimed in time). Runs
	 * waiting for a retry are not leased and are not concerned.
	 * @param now the current time (the store may use its own clock instead)
	 * @param limit the most runs to take
	 * @return the runs taken over
	 */
	List<Run> recoverExpired(Instant now, int limit);

	/**
	 * Gives back runs this node claimed but will not execute (it is shutting down): they become
	 * due at once for any node, with their attempt unchanged.
	 * @param runs the runs given back
	 */
	void release(Collection<Run> runs);

}
