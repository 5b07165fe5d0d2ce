package dev.takt.scheduler.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The behaviour every {@link ClusteredJobStore} shares on top of {@link JobStoreContractTests}:
 * one claim per due fire across nodes, {@code maxInstances} across nodes, leases that
 * heartbeats keep and that other nodes recover once expired, runs ended only by the node and
 * lease that hold them, released runs, and retries that survive a restart. A store's test supplies nodes that share one backing store:
 * <pre>{@code
 * class JdbcClusterTests extends ClusteredJobStoreContractTests {
 *     protected ClusteredJobStore createNode(String owner, Duration leaseTime) {
 *         return JdbcJobStore.builder(dataSource).owner(owner).leaseTime(leaseTime).build();
 *     }
 *     protected void clearSharedStore() { jdbc.update("delete from takt_jobs"); ... }
 * }
 * }</pre>
 * The lease tests wait for real time to pass (a little over {@link #shortLease()}).
 */
public abstract class ClusteredJobStoreContractTests extends JobStoreContractTests {

	/**
	 * Returns a node of the shared store, as another process would open it.
	 * @param owner the node's owner id
	 * @param leaseTime the node's lease time
	 * @return the node
	 */
	protected abstract ClusteredJobStore createNode(String owner, Duration leaseTime);

	/**
	 * Empties the shared backing store; called before each test.
	 */
	protected abstract void clearSharedStore();

	/**
	 * Returns the lease the lease tests use: long enough for a claim and a heartbeat round trip,
	 * short enough to wait for.
	 * @return the short lease
	 */
	protected Duration shortLease() {
		return Duration.ofMillis(500);
	}

	@Override
	protected final JobStore createStore() {
		clearSharedStore();
		return createNode("node-a", Duration.ofMinutes(5));
	}

	private ClusteredJobStore nodeA() {
		return (ClusteredJobStore) this.store;
	}

	private static FirePlanner finishing() {
		return (job, running, now) -> new FirePlan(List.of(job.nextRunTime()), List.of(), List.of(), null, true);
	}

	private Run claimOne(ClusteredJobStore node) {
		List<Claim> claims = node.acquireDue(this.now, 10, new RecordingPlanner());
		assertThat(claims).hasSize(1);
		assertThat(claims.get(0).run()).isNotNull();
		return claims.get(0).run();
	}

	private void waitPast(Duration lease) {
		await().pollDelay(lease.plusMillis(200)).atMost(lease.plusSeconds(10)).until(() -> true);
	}

	@Test
	public void nodesReportTheirOwnerAndLease() {
		ClusteredJobStore node = createNode("node-x", Duration.ofSeconds(42));
		assertThat(node.owner()).isEqualTo("node-x");
		assertThat(node.leaseTime()).isEqualTo(Duration.ofSeconds(42));
	}

	@Test
	public void nodesShareJobs() {
		ClusteredJobStore other = createNode("node-b", Duration.ofMinutes(5));
		this.store.add(job("shared", future(0)));
		assertThat(other.get("shared")).isPresent();
		other.remove("shared");
		assertThat(this.store.get("shared")).isEmpty();
	}

	@Test
	public void dueJobIsClaimedByOneNodeOnly() {
		ClusteredJobStore other = createNode("node-b", Duration.ofMinutes(5));
		this.store.add(job("a", past(0)));
		assertThat(other.acquireDue(this.now, 10, new RecordingPlanner())).hasSize(1);
		assertThat(this.store.acquireDue(this.now, 10, new RecordingPlanner())).isEmpty();
	}

	@Test
	public void racingNodesClaimEveryDueFireExactlyOnce() throws InterruptedException {
		int jobs = 200;
		for (int i = 0; i < jobs; i++) {
			this.store.add(job("job-" + i, past(i % 50)));
		}
		List<ClusteredJobStore> nodes = List.of(nodeA(), createNode("node-b", Duration.ofMinutes(5)),
				createNode("node-c", Duration.ofMinutes(5)));
		Set<String> claimed = ConcurrentHashMap.newKeySet();
		List<String> duplicates = Collections.synchronizedList(new ArrayList<>());
		ExecutorService threads = Executors.newFixedThreadPool(6);
		CountDownLatch go = new CountDownLatch(1);
		for (int t = 0; t < 6; t++) {
			ClusteredJobStore node = nodes.get(t % nodes.size());
			threads.submit(() -> {
				go.await();
				List<Claim> batch;
				while (!(batch = node.acquireDue(this.now, 7, finishing())).isEmpty()) {
					for (Claim claim : batch) {
						if (!claimed.add(claim.job().id())) {
							duplicates.add(claim.job().id());
						}
					}
				}
				return null;
			});
		}
		go.countDown();
		threads.shutdown();
		assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
		assertThat(duplicates).isEmpty();
		assertThat(claimed).hasSize(jobs);
		assertThat(this.store.list()).isEmpty();
	}

	@Test
	public void runningCountsHoldAcrossNodes() {
		ClusteredJobStore other = createNode("node-b", Duration.ofMinutes(5));
		this.store.add(job("a", past(0)));
		Run run = claimOne(nodeA());
		this.store.update("a", (job) -> job.withNextRunTime(past(1)));
		RecordingPlanner planner = new RecordingPlanner();
		other.acquireDue(this.now, 10, planner);
		assertThat(planner.running).containsExactly(1);
		assertThat(other.counts().runs()).isEqualTo(2);
		this.store.complete(run);
		assertThat(other.counts().runs()).isEqualTo(1);
	}

	@Test
	public void onlyTheNodeThatHoldsARunCompletesIt() {
		ClusteredJobStore other = createNode("node-b", Duration.ofMinutes(5));
		this.store.add(job("a", past(0)));
		Run run = claimOne(nodeA());
		other.complete(run);
		assertThat(this.store.counts().runs()).isEqualTo(1);
		nodeA().complete(run);
		assertThat(this.store.counts().runs()).isZero();
	}

	@Test
	public void lateCompletionFromANodeThatLostItsLeaseLeavesTheNewOwnersRun() {
		ClusteredJobStore stalled = createNode("node-stalled", shortLease());
		ClusteredJobStore survivor = createNode("node-b", Duration.ofMinutes(5));
		this.store.add(job("once", past(0)));
		Run run = stalled.acquireDue(this.now, 10, finishing()).get(0).run();
		waitPast(shortLease());
		Run taken = survivor.recoverExpired(Instant.now(), 10).get(0);
		assertThat(taken.id()).isEqualTo(run.id());
		stalled.complete(run);
		stalled.retryLater(run.retry(0, 1), past(0));
		assertThat(survivor.counts().runs()).isEqualTo(1);
		assertThat(survivor.counts().pendingRetries()).isZero();
		assertThat(taken.lease()).isNotNull().isNotEqualTo(run.lease());
		assertThat(stalled.heartbeat(List.of(run))).containsExactly(run.id());
		assertThat(survivor.heartbeat(List.of(taken))).isEmpty();
		assertThat(createNode("node-c", Duration.ofMinutes(5)).recoverExpired(Instant.now(), 10)).isEmpty();
		survivor.complete(taken);
		assertThat(survivor.counts().runs()).isZero();
	}

	@Test
	public void lateCompletionOfARunTakenAgainByTheSameNodeLeavesTheNewTake() {
		ClusteredJobStore stalled = createNode("node-stalled", shortLease());
		ClusteredJobStore other = createNode("node-b", Duration.ofMinutes(5));
		this.store.add(job("once", past(0)));
		Run first = stalled.acquireDue(this.now, 10, finishing()).get(0).run();
		waitPast(shortLease());
		Run taken = other.recoverExpired(Instant.now(), 10).get(0);
		other.retryLater(taken.retry(0, 1), past(0));
		List<Claim> claims = stalled.acquireDue(Instant.now(), 10, new RecordingPlanner());
		assertThat(claims).singleElement().satisfies((claim) -> assertThat(claim.run().id()).isEqualTo(first.id()));
		Run again = claims.get(0).run();
		stalled.complete(first);
		assertThat(stalled.counts().runs()).isEqualTo(1);
		assertThat(again.lease()).isNotEqualTo(first.lease()).isNotEqualTo(taken.lease());
		assertThat(stalled.heartbeat(List.of(first))).containsExactly(first.id());
		assertThat(stalled.heartbeat(List.of(again))).isEmpty();
		stalled.complete(again);
		assertThat(stalled.counts().runs()).isZero();
	}

	@Test
	public void expiredLeaseIsRecoveredByAnotherNode() {
		ClusteredJobStore dying = createNode("node-dying", shortLease());
		ClusteredJobStore survivor = createNode("node-b", Duration.ofMinutes(5));
		this.store.add(job("once", past(0)));
		List<Claim> claims = dying.acquireDue(this.now, 10, finishing());
		Run run = claims.get(0).run();
		assertThat(survivor.recoverExpired(Instant.now(), 10)).isEmpty();
		waitPast(shortLease());
		List<Run> recovered = survivor.recoverExpired(Instant.now(), 10);
		assertThat(recovered).singleElement().satisfies((taken) -> {
			assertThat(taken.id()).isEqualTo(run.id());
			assertThat(taken.job().id()).isEqualTo("once");
			assertThat(taken.runTimes()).isEqualTo(run.runTimes());
			assertThat(taken.attempt()).isEqualTo(run.attempt());
		});
		assertThat(createNode("node-c", Duration.ofMinutes(5)).recoverExpired(Instant.now(), 10)).isEmpty();
		assertThat(dying.heartbeat(List.of(run))).containsExactly(run.id());
		assertThat(survivor.counts().runs()).isEqualTo(1);
		survivor.complete(recovered.get(0));
		assertThat(survivor.counts().runs()).isZero();
	}

	@Test
	public void heartbeatKeepsTheLease() {
		ClusteredJobStore beating = createNode("node-beating", shortLease());
		ClusteredJobStore other = createNode("node-b", Duration.ofMinutes(5));
		this.store.add(job("a", past(0)));
		Run run = claimOne(beating);
		long deadline = System.nanoTime() + shortLease().multipliedBy(3).toNanos();
		while (System.nanoTime() < deadline) {
			assertThat(beating.heartbeat(List.of(run))).isEmpty();
			await().pollDelay(shortLease().dividedBy(4)).until(() -> true);
		}
		assertThat(other.recoverExpired(Instant.now(), 10)).isEmpty();
	}

	@Test
	public void runWaitingForARetryIsNotLeased() {
		ClusteredJobStore node = createNode("node-retrying", shortLease());
		ClusteredJobStore other = createNode("node-b", Duration.ofMinutes(5));
		this.store.add(job("a", past(0)));
		Run run = claimOne(node);
		node.retryLater(run.retry(0, 1), future(0));
		waitPast(shortLease());
		assertThat(other.recoverExpired(Instant.now(), 10)).isEmpty();
		assertThat(other.counts().pendingRetries()).isEqualTo(1);
	}

	@Test
	public void pendingRetrySurvivesARestart() {
		this.store.add(job("a", past(0)));
		Run run = claimOne(nodeA());
		nodeA().retryLater(run.retry(0, 1), past(30));
		ClusteredJobStore restarted = createNode("node-a", Duration.ofMinutes(5));
		List<Claim> claims = restarted.acquireDue(this.now, 10, new RecordingPlanner());
		assertThat(claims).singleElement().satisfies((claim) -> {
			assertThat(claim.run()).isNotNull();
			assertThat(claim.run().id()).isEqualTo(run.id());
			assertThat(claim.run().attempt()).isEqualTo(2);
		});
	}

	@Test
	public void releasedRunIsDueForAnyNodeAtOnce() {
		ClusteredJobStore other = createNode("node-b", Duration.ofMinutes(5));
		this.store.add(job("a", past(0)));
		Run run = claimOne(nodeA());
		Instant nextRunTime = this.store.get("a").get().nextRunTime();
		nodeA().release(List.of(run));
		List<Claim> claims = other.acquireDue(Instant.now(), 10, new RecordingPlanner());
		assertThat(claims).singleElement().satisfies((claim) -> {
			assertThat(claim.run()).isNotNull();
			assertThat(claim.run().id()).isEqualTo(run.id());
			assertThat(claim.run().attempt()).isEqualTo(run.attempt());
			assertThat(claim.run().runTimes()).isEqualTo(run.runTimes());
		});
		assertThat(this.store.get("a").get().nextRunTime()).isEqualTo(nextRunTime);
		assertThat(other.counts().runs()).isEqualTo(1);
	}

}
