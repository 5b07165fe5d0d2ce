package dev.takt.scheduler.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.takt.scheduler.Job;
import dev.takt.scheduler.JobDefaults;
import dev.takt.scheduler.JobResult;
import dev.takt.scheduler.JobSpec;
import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.SchedulerState;
import dev.takt.scheduler.event.JobExecuted;
import dev.takt.scheduler.event.JobMissed;
import dev.takt.scheduler.event.SchedulerEvent;
import dev.takt.scheduler.executor.ThreadPoolJobExecutor;
import dev.takt.scheduler.trigger.DateTrigger;
import dev.takt.scheduler.trigger.IntervalTrigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Schedulers sharing one clustered store, with real threads: every fire runs on exactly one node,
 * and a run whose node died is recovered by another.
 */
class ClusterSchedulerTests {

	private Scheduler nodeA;

	private Scheduler nodeB;

	@AfterEach
	void shutdown() {
		for (Scheduler node : new Scheduler[] { this.nodeA, this.nodeB }) {
			if (node != null && node.state() == SchedulerState.RUNNING) {
				node.shutdown(false);
			}
		}
	}

	@Test
	void everyFireRunsOnExactlyOneNode() {
		Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
		Map<String, String> nodes = new ConcurrentHashMap<>();
		ClusteredJobStore[] stores = cluster(2, Duration.ofSeconds(30));
		this.nodeA = node("a", stores[0], runs, nodes);
		this.nodeB = node("b", stores[1], runs, nodes);
		Instant now = Instant.now();
		for (int i = 0; i < 500; i++) {
			this.nodeA.addJob(JobSpec.builder("count").id("once-" + i).trigger(DateTrigger.at(now))
				.misfireGraceTime(null).build());
		}
		this.nodeB.addJob(JobSpec.builder("count").id("every").trigger(IntervalTrigger.every(Duration.ofMillis(20)))
			.misfireGraceTime(null).build());
		this.nodeA.start();
		this.nodeB.start();
		await().atMost(Duration.ofSeconds(20)).until(() -> runs.keySet().stream()
			.filter((key) -> key.startsWith("once-")).count() == 500 && runs.keySet().stream()
				.filter((key) -> key.startsWith("every@")).count() >= 20);
		assertThat(runs.values()).allSatisfy((count) -> assertThat(count).hasValue(1));
		assertThat(this.nodeA.getJobs()).extracting((job) -> job.id()).containsExactly("every");
	}

	@Test
	void runOfADeadNodeIsRecoveredAndRun() {
		Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
		ClusteredJobStore[] stores = cluster(2, Duration.ofMillis(300));
		stores[0].add(JobSpec.builder("count").id("orphaned").trigger(DateTrigger.at(Instant.now())).build()
			.toJob(JobDefaults.standard(), Instant.now()));
		assertThat(stores[0].acquireDue(Instant.now(), 10, new DuePlannerProbe())).singleElement()
			.satisfies((claim) -> assertThat(claim.run()).isNotNull());
		this.nodeB = node("b", stores[1], runs, new ConcurrentHashMap<>());
		this.nodeB.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> runs.containsKey("orphaned"));
		await().atMost(Duration.ofSeconds(10)).until(() -> stores[1].counts().runs() == 0);
	}

	@Test
	void runWhoseLeaseWasLostIsShownAsStuck() throws InterruptedException {
		ClusteredJobStore store = losingEveryLease(cluster(1, Duration.ofMillis(150))[0]);
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		this.nodeA = Scheduler.builder().name("a").jobStore(store).handler("wait", (context) -> {
			started.countDown();
			release.await(10, TimeUnit.SECONDS);
			return JobResult.success();
		}).build();
		this.nodeA.start();
		this.nodeA.addJob(JobSpec.builder("wait").id("long").build());
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.nodeA.getRunningRuns().stream()
			.anyMatch((run) -> run.leaseLost() && run.isStuck(Instant.now())));
		release.countDown();
	}

	/** A store whose heartbeats all report the runs' leases as lost to another node. */
	private static ClusteredJobStore losingEveryLease(ClusteredJobStore store) {
		return (ClusteredJobStore) Proxy.newProxyInstance(ClusteredJobStore.class.getClassLoader(),
				new Class<?>[] { ClusteredJobStore.class }, (proxy, method, args) -> {
					if (method.getName().equals("heartbeat")) {
						@SuppressWarnings("unchecked")
						java.util.Collection<Run> runs = (java.util.Collection<Run>) args[0];
						Set<String> ids = runs.stream().map(Run::id).collect(Collectors.toSet());
						return ids;
					}
					try {
						return method.invoke(store, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

	@Test
	void runOfADeadNodeRunsHoweverLateItIsRecovered() {
		Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
		List<SchedulerEvent> events = new CopyOnWriteArrayList<>();
		ClusteredJobStore[] stores = cluster(2, Duration.ofMillis(300));
		Instant runTime = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		stores[0].add(JobSpec.builder("count").id("orphaned").trigger(DateTrigger.at(runTime))
			.misfireGraceTime(Duration.ofMillis(50)).build().toJob(JobDefaults.standard(), runTime));
		assertThat(stores[0].acquireDue(runTime, 10, new DuePlannerProbe())).singleElement()
			.satisfies((claim) -> assertThat(claim.run()).isNotNull());
		this.nodeB = node("b", stores[1], runs, new ConcurrentHashMap<>());
		this.nodeB.addListener(events::add);
		this.nodeB.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> stores[1].counts().runs() == 0);
		assertThat(events).noneMatch(JobMissed.class::isInstance);
		assertThat(runs).containsOnlyKeys("orphaned");
		assertThat(events).filteredOn(JobExecuted.class::isInstance).singleElement()
			.satisfies((event) -> assertThat(((JobExecuted) event).scheduledRunTime()).isEqualTo(runTime));
	}

	@Test
	void busyNodeLeavesDueJobsToTheOtherNode() {
		CountDownLatch gate = new CountDownLatch(1);
		Map<String, AtomicInteger> started = new ConcurrentHashMap<>();
		Map<String, String> ranOn = new ConcurrentHashMap<>();
		ClusteredJobStore[] stores = cluster(2, Duration.ofSeconds(30));
		Instant now = Instant.now();
		for (int i = 0; i < 40; i++) {
			stores[0].add(JobSpec.builder("wait").id("job-" + i).trigger(DateTrigger.at(now)).misfireGraceTime(null)
				.build().toJob(JobDefaults.standard(), now));
		}
		try {
			this.nodeA = waitingNode("a", stores[0], gate, started, ranOn);
			this.nodeA.start();
			await().atMost(Duration.ofSeconds(10)).until(() -> started.containsKey("a") && started.get("a").get() == 2);
			this.nodeB = waitingNode("b", stores[1], gate, started, ranOn);
			this.nodeB.start();
			await().atMost(Duration.ofSeconds(10)).until(() -> started.containsKey("b") && started.get("b").get() == 2);
			assertThat(stores[1].counts().runs()).as("two running and two waiting on each node").isEqualTo(8);
			assertThat(stores[1].counts().jobs()).isEqualTo(32);
		}
		finally {
			gate.countDown();
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> ranOn.size() == 40);
		assertThat(ranOn.values()).contains("a", "b");
		assertThat(started.get("a").get() + started.get("b").get()).isEqualTo(40);
	}

	private static Scheduler waitingNode(String name, ClusteredJobStore store, CountDownLatch gate,
			Map<String, AtomicInteger> started, Map<String, String> ranOn) {
		return Scheduler.builder().name(name).jobStore(store).maxWait(Duration.ofMillis(10))
			.executor(JobDefaults.DEFAULT_EXECUTOR, ThreadPoolJobExecutor.ofSize(2))
			.handler("wait", (context) -> {
				started.computeIfAbsent(name, (key) -> new AtomicInteger()).incrementAndGet();
				gate.await(30, TimeUnit.SECONDS);
				ranOn.put(context.jobId(), name);
				return JobResult.success();
			})
			.build();
	}

	/** Claims a due job as a node would, then dies: no heartbeat, no completion. */
	private static final class DuePlannerProbe implements FirePlanner {

		@Override
		public FirePlan plan(Job job, int runningInstances, Instant now) {
			return new FirePlan(List.of(job.nextRunTime()), List.of(), List.of(), null,
					true);
		}

	}

	private static ClusteredJobStore[] cluster(int nodes, Duration leaseTime) {
		SharedMemoryClusteredStore.Shared shared = new SharedMemoryClusteredStore.Shared();
		ClusteredJobStore[] stores = new ClusteredJobStore[nodes];
		for (int i = 0; i < nodes; i++) {
			stores[i] = new SharedMemoryClusteredStore(shared, "node-" + i, leaseTime);
		}
		return stores;
	}

	private static Scheduler node(String name, ClusteredJobStore store, Map<String, AtomicInteger> runs,
			Map<String, String> nodes) {
		return Scheduler.builder().name(name).jobStore(store).maxWait(Duration.ofMillis(10)).handler("count",
				(context) -> {
					String key = context.jobId().equals("every")
							? "every@" + context.scheduledFireTime() : context.jobId();
					runs.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet();
					nodes.put(key, name);
					return JobResult.success();
				}).build();
	}

}
