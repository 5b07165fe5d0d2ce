package dev.takt.scheduler.store;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.takt.scheduler.ConflictingJobIdException;
import dev.takt.scheduler.InvalidJobException;
import dev.takt.scheduler.Job;
import dev.takt.scheduler.JobHandler;
import dev.takt.scheduler.JobNotFoundException;
import dev.takt.scheduler.JobPersistenceException;
import dev.takt.scheduler.JobResult;
import dev.takt.scheduler.retry.RetryPolicy;
import dev.takt.scheduler.trigger.DateTrigger;
import dev.takt.scheduler.trigger.IntervalTrigger;
import dev.takt.scheduler.trigger.Trigger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The behaviour every {@link JobStore} shares, as APScheduler's {@code tests/test_jobstores.py}
 * plus the loop's claim, runs and retries. A store's test extends this class and supplies a fresh,
 * empty store:
 * <pre>{@code
 * class JdbcJobStoreTests extends JobStoreContractTests {
 *     protected JobStore createStore() { return new JdbcJobStore(dataSource); }
 * }
 * }</pre>
 * Times are relative to the real current time ({@link #now()}), so a store that uses its own
 * clock (a database's) passes too: "due" jobs are an hour in the past, others an hour ahead.
 */
public abstract class JobStoreContractTests {

	/** The handler name the jobs in these tests carry; stores never resolve it. */
	protected static final String HANDLER = "contractHandler";

	/** The store under test, created afresh for each test. */
	protected JobStore store;

	/** The time the test treats as now. */
	protected Instant now;

	/**
	 * Returns a new, empty store.
	 * @return the store
	 */
	protected abstract JobStore createStore();

	/**
	 * Returns whether the store persists jobs, and so refuses jobs with inline code. True unless
	 * overridden.
	 * @return whether the store persists jobs
	 */
	protected boolean persistent() {
		return true;
	}

	/**
	 * Returns the time the tests treat as now: the current time to the millisecond.
	 * @return now
	 */
	protected Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MILLIS);
	}

	@BeforeEach
	void createStoreForTest() {
		this.store = createStore();
		this.now = now();
	}

	// --- helpers ---

	/**
	 * Returns a job that runs {@link #HANDLER} once at {@code nextRunTime} (paused when null).
	 * @param id the id
	 * @param nextRunTime the next run time
	 * @return the job
	 */
	protected Job job(String id, @Nullable Instant nextRunTime) {
		Trigger trigger = DateTrigger.at((nextRunTime != null) ? nextRunTime : this.now.plus(Duration.ofDays(1)));
		return new Job(id, "Job " + id, HANDLER, null, List.of(), Map.of(), trigger, "default", true, 1,
				Duration.ofSeconds(1), RetryPolicy.none(), null, nextRunTime);
	}

	/**
	 * Returns a job on an interval trigger of one minute.
	 * @param id the id
	 * @param nextRunTime the next run time
	 * @return the job
	 */
	protected Job intervalJob(String id, @Nullable Instant nextRunTime) {
		return job(id, nextRunTime).withTrigger(IntervalTrigger.every(Duration.ofMinutes(1)).withStartDate(this.now));
	}

	/** An hour before {@link #now} plus the given seconds: due. */
	protected Instant past(int seconds) {
		return this.now.minus(Duration.ofHours(1)).plusSeconds(seconds);
	}

	/** An hour after {@link #now} plus the given seconds: not due. */
	protected Instant future(int seconds) {
		return this.now.plus(Duration.ofHours(1)).plusSeconds(seconds);
	}

	/** A planner that runs the job's next run time and moves it by a day; records what it sees. */
	protected static final class RecordingPlanner implements FirePlanner {

		final List<String> planned = new CopyOnWriteArrayList<>();

		final List<Integer> running = new CopyOnWriteArrayList<>();

		@Override
		public FirePlan plan(Job job, int runningInstances, Instant now) {
			this.planned.add(job.id());
			this.running.add(runningInstances);
			Instant runTime = (job.nextRunTime() != null) ? job.nextRunTime() : now;
			return new FirePlan(List.of(runTime), List.of(), List.of(), runTime.plus(Duration.ofDays(1)), false);
		}

	}

	private static FirePlanner finishing() {
		return (job, running, now) -> new FirePlan(List.of(job.nextRunTime()), List.of(), List.of(), null, true);
	}

	private static FirePlanner skipping() {
		return (job, running, now) -> new FirePlan(List.of(), List.of(job.nextRunTime()), List.of(),
				job.nextRunTime().plus(Duration.ofDays(1)), false);
	}

	/** A planner that skips one job for a while and plans the others as {@link RecordingPlanner}. */
	private static FirePlanner skipping(String jobId, Duration skip) {
		RecordingPlanner others = new RecordingPlanner();
		return (job, running, now) -> job.id().equals(jobId) ? FirePlan.skip(now.plus(skip))
				: others.plan(job, running, now);
	}

	private static List<String> ids(List<Job> jobs) {
		return jobs.stream().map(Job::id).toList();
	}

	private static List<String> claimedIds(List<Claim> claims) {
		return claims.stream().map((claim) -> claim.job().id()).toList();
	}

	// --- add, get, list ---

	@Test
	public void addedJobCanBeRead() {
		Job job = job("a", future(0));
		this.store.add(job);
		assertThat(this.store.get("a")).contains(job);
	}

	@Test
	public void unknownJobIsEmpty() {
		assertThat(this.store.get("missing")).isEmpty();
	}

	@Test
	public void addingTakenIdFailsAndKeepsTheStoredJob() {
		Job first = job("a", future(0));
		this.store.add(first);
		assertThatExceptionOfType(ConflictingJobIdException.class).isThrownBy(() -> this.store.add(job("a", past(0))))
			.satisfies((ex) -> assertThat(ex.jobId()).isEqualTo("a"));
		assertThat(this.store.get("a")).contains(first);
		assertThat(this.store.list()).hasSize(1);
	}

	@Test
	public void jobValuesSurviveStorage() {
		Map<String, Object> nested = new LinkedHashMap<>();
		nested.put("list", Arrays.asList(1, "two", null, true, 2.5));
		nested.put("map", Map.of("k", "v"));
		Job job = intervalJob("values", future(0)).withArgs(Arrays.asList("text", 42, 3_000_000_000L, false, null))
			.withKwargs(nested)
			.withName("A readable name")
			.withCoalesce(false)
			.withMaxInstances(3)
			.withMisfireGraceTime(null)
			.withTimeout(Duration.ofSeconds(30))
			.withExecutor("cpu")
			.withRetryPolicy(RetryPolicy.exponential(5, Duration.ofSeconds(2), 2.0)
				.withMaxDelay(Duration.ofMinutes(1))
				.retryOn(java.io.IOException.class)
				.abortOn(IllegalArgumentException.class));
		this.store.add(job);
		assertThat(this.store.get("values")).contains(job);
		assertThat(this.store.list()).containsExactly(job);
	}

	@Test
	public void listIsOrderedByNextRunTimeWithPausedJobsLast() {
		this.store.add(job("late", future(20)));
		this.store.add(job("paused", null));
		this.store.add(job("early", future(10)));
		this.store.add(job("b-tie", future(15)));
		this.store.add(job("a-tie", future(15)));
		assertThat(ids(this.store.list())).containsExactly("early", "a-tie", "b-tie", "late", "paused");
	}

	@Test
	public void emptyStoreListsNothing() {
		assertThat(this.store.list()).isEmpty();
		assertThat(this.store.nextRunTime()).isEmpty();
		assertThat(this.store.counts()).isEqualTo(new JobCounts(0, 0, 0, 0));
	}

	// --- update ---

	@Test
	public void updateChangesTheJob() {
		this.store.add(job("a", future(0)));
		Job updated = this.store.update("a", (job) -> job.withMaxInstances(6).withName("renamed"));
		assertThat(updated.maxInstances()).isEqualTo(6);
		assertThat(this.store.get("a")).contains(updated);
	}

	@Test
	public void updateOfNextRunTimeReordersJobs() {
		this.store.add(job("1", future(30)));
		this.store.add(job("2", future(20)));
		this.store.add(job("3", future(10)));
		this.store.update("1", (job) -> job.withNextRunTime(future(15)));
		assertThat(ids(this.store.list())).containsExactly("3", "1", "2");
		assertThat(this.store.nextRunTime()).contains(future(10));
		this.store.update("3", (job) -> job.withNextRunTime(future(40)));
		assertThat(this.store.nextRunTime()).contains(future(15));
	}

	@Test
	public void pausedJobIsListedLastAndNeverDue() {
		this.store.add(job("a", past(0)));
		this.store.add(job("b", future(0)));
		this.store.update("a", (job) -> job.withNextRunTime(null));
		assertThat(ids(this.store.list())).containsExactly("b", "a");
		assertThat(this.store.nextRunTime()).contains(future(0));
		assertThat(this.store.acquireDue(this.now, 10, new RecordingPlanner())).isEmpty();
		assertThat(this.store.counts().paused()).isEqualTo(1);
		this.store.update("a", (job) -> job.withNextRunTime(past(0)));
		assertThat(claimedIds(this.store.acquireDue(this.now, 10, new RecordingPlanner()))).containsExactly("a");
	}

	@Test
	public void updateOfUnknownJobFails() {
		assertThatExceptionOfType(JobNotFoundException.class)
			.isThrownBy(() -> this.store.update("missing", (job) -> job.withNextRunTime(null)));
	}

	@Test
	public void updateCannotChangeTheId() {
		Job job = job("a", future(0));
		this.store.add(job);
		assertThatExceptionOfType(InvalidJobException.class)
			.isThrownBy(() -> this.store.update("a", (stored) -> job("b", future(0))));
		assertThat(this.store.get("a")).contains(job);
		assertThat(this.store.get("b")).isEmpty();
	}

	@Test
	public void failingUpdateChangesNothing() {
		Job job = job("a", future(0));
		this.store.add(job);
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.store.update("a", (stored) -> {
			throw new IllegalStateException("refused");
		}));
		assertThat(this.store.get("a")).contains(job);
	}

	// --- remove ---

	@Test
	public void removedJobIsGone() {
		this.store.add(job("a", future(10)));
		this.store.add(job("b", future(20)));
		this.store.remove("a");
		assertThat(ids(this.store.list())).containsExactly("b");
		assertThat(this.store.nextRunTime()).contains(future(20));
		this.store.remove("b");
		assertThat(this.store.list()).isEmpty();
		assertThat(this.store.nextRunTime()).isEmpty();
	}

	@Test
	public void removingUnknownJobFails() {
		assertThatExceptionOfType(JobNotFoundException.class).isThrownBy(() -> this.store.remove("missing"))
			.satisfies((ex) -> assertThat(ex.jobId()).isEqualTo("missing"));
	}

	@Test
	public void removeAllEmptiesTheStore() {
		this.store.add(job("a", future(10)));
		this.store.add(job("b", null));
		this.store.removeAll();
		assertThat(this.store.list()).isEmpty();
		assertThat(this.store.nextRunTime()).isEmpty();
		assertThat(this.store.counts().jobs()).isZero();
	}

	// --- next run time and counts ---

	@Test
	public void nextRunTimeIsTheEarliestOfScheduledJobs() {
		this.store.add(job("b", future(20)));
		this.store.add(job("a", future(10)));
		this.store.add(job("paused", null));
		assertThat(this.store.nextRunTime()).contains(future(10));
	}

	@Test
	public void countsJobsPausedJobsAndRuns() {
		this.store.add(job("a", past(0)));
		this.store.add(job("b", future(0)));
		this.store.add(job("c", null));
		this.store.acquireDue(this.now, 10, new RecordingPlanner());
		assertThat(this.store.counts()).isEqualTo(new JobCounts(3, 1, 1, 0));
		assertThat(this.store.counts().scheduled()).isEqualTo(2);
	}

	// --- claims ---

	@Test
	public void acquireDueClaimsOnlyDueJobsOldestFirstAndAdvancesThem() {
		this.store.add(job("later", past(20)));
		this.store.add(job("earlier", past(10)));
		this.store.add(job("not-due", future(0)));
		RecordingPlanner planner = new RecordingPlanner();
		List<Claim> claims = this.store.acquireDue(this.now, 10, planner);
		assertThat(claimedIds(claims)).containsExactly("earlier", "later");
		assertThat(planner.planned).containsExactly("earlier", "later");
		Claim first = claims.get(0);
		assertThat(first.job().nextRunTime()).isEqualTo(past(10));
		assertThat(first.run()).isNotNull();
		assertThat(first.run().runTimes()).containsExactly(past(10));
		assertThat(first.run().attempt()).isEqualTo(1);
		assertThat(first.run().job().id()).isEqualTo("earlier");
		assertThat(claims.get(1).run().id()).isNotEqualTo(first.run().id());
		assertThat(this.store.get("earlier").get().nextRunTime()).isEqualTo(past(10).plus(Duration.ofDays(1)));
		assertThat(this.store.acquireDue(this.now, 10, planner)).isEmpty();
	}

	@Test
	public void acquireDueClaimsAtMostTheLimit() {
		for (int i = 0; i < 5; i++) {
			this.store.add(job("job-" + i, past(i)));
		}
		RecordingPlanner planner = new RecordingPlanner();
		assertThat(claimedIds(this.store.acquireDue(this.now, 2, planner))).containsExactly("job-0", "job-1");
		assertThat(claimedIds(this.store.acquireDue(this.now, 2, planner))).containsExactly("job-2", "job-3");
		assertThat(claimedIds(this.store.acquireDue(this.now, 2, planner))).containsExactly("job-4");
	}

	@Test
	public void oneCallClaimsAJobOnceEvenWhenItStaysDue() {
		this.store.add(job("behind", past(0)));
		FirePlanner stillDue = (job, running, now) -> new FirePlan(List.of(), List.of(), List.of(),
				job.nextRunTime().plusSeconds(1), false);
		assertThat(claimedIds(this.store.acquireDue(this.now, 10, stillDue))).containsExactly("behind");
		assertThat(claimedIds(this.store.acquireDue(this.now, 10, stillDue))).containsExactly("behind");
		assertThat(this.store.get("behind").get().nextRunTime()).isEqualTo(past(2));
	}

	@Test
	public void jobDueExactlyNowIsClaimed() {
		this.store.add(job("a", this.now));
		assertThat(claimedIds(this.store.acquireDue(this.now, 10, new RecordingPlanner()))).containsExactly("a");
	}

	@Test
	public void finishedJobIsRemovedWhenClaimed() {
		this.store.add(job("once", past(0)));
		List<Claim> claims = this.store.acquireDue(this.now, 10, finishing());
		assertThat(claims).singleElement().satisfies((claim) -> assertThat(claim.run()).isNotNull());
		assertThat(this.store.get("once")).isEmpty();
		assertThat(this.store.list()).isEmpty();
		this.store.complete(claims.get(0).run());
		assertThat(this.store.counts()).isEqualTo(new JobCounts(0, 0, 0, 0));
	}

	@Test
	public void skippedRunTimesStartNoRun() {
		this.store.add(job("a", past(0)));
		List<Claim> claims = this.store.acquireDue(this.now, 10, skipping());
		assertThat(claims).singleElement().satisfies((claim) -> {
			assertThat(claim.run()).isNull();
			assertThat(claim.missedRunTimes()).containsExactly(past(0));
		});
		assertThat(this.store.counts().runs()).isZero();
		assertThat(this.store.get("a").get().nextRunTime()).isEqualTo(past(0).plus(Duration.ofDays(1)));
	}

	@Test
	public void jobThePlannerSkipsIsLeftAsItIsAndNotOfferedAgainUntilChanged() {
		Job skipped = intervalJob("skipped", past(0));
		this.store.add(skipped);
		this.store.add(job("other", past(10)));
		FirePlanner skipping = skipping("skipped", Duration.ofMinutes(10));
		assertThat(claimedIds(this.store.acquireDue(this.now, 10, skipping))).containsExactly("other");
		assertThat(this.store.get("skipped")).contains(skipped);
		assertThat(this.store.list()).contains(skipped);
		assertThat(this.store.counts()).isEqualTo(new JobCounts(2, 0, 1, 0));
		assertThat(this.store.acquireDue(this.now, 10, skipping)).isEmpty();
		assertThat(this.store.nextRunTime()).hasValueSatisfying((next) -> assertThat(next).isAfter(this.now));
		Claim runNow = this.store.acquire("skipped", this.now, skipping);
		assertThat(runNow.run()).isNull();
		assertThat(runNow.job()).isEqualTo(skipped);
		assertThat(this.store.get("skipped")).contains(skipped);

		this.store.update("skipped", (job) -> job.withName("changed"));
		RecordingPlanner planner = new RecordingPlanner();
		assertThat(claimedIds(this.store.acquireDue(this.now, 10, planner))).containsExactly("skipped");
		assertThat(this.store.get("skipped").get().nextRunTime()).isEqualTo(past(0).plus(Duration.ofDays(1)));

		this.store.remove("skipped");
		this.store.add(skipped);
		assertThat(claimedIds(this.store.acquireDue(this.now, 10, skipping))).isEmpty();
		this.store.remove("skipped");
		this.store.add(skipped);
		assertThat(claimedIds(this.store.acquireDue(this.now, 10, planner))).containsExactly("skipped");
	}

	@Test
	public void jobThePlannerSkipsIsOfferedAgainWhenTheSkipEnds() {
		Job skipped = job("skipped", past(0));
		this.store.add(skipped);
		Duration skip = Duration.ofMillis(300);
		assertThat(this.store.acquireDue(this.now, 10, skipping("skipped", skip))).isEmpty();
		await().pollDelay(skip.plusMillis(200)).atMost(skip.plusSeconds(10)).until(() -> true);
		RecordingPlanner planner = new RecordingPlanner();
		assertThat(claimedIds(this.store.acquireDue(Instant.now(), 10, planner))).containsExactly("skipped");
		assertThat(planner.planned).containsExactly("skipped");
	}

	@Test
	public void runsCountUntilCompleted() {
		this.store.add(job("a", past(0)));
		RecordingPlanner planner = new RecordingPlanner();
		Run run = this.store.acquireDue(this.now, 10, planner).get(0).run();
		this.store.update("a", (job) -> job.withNextRunTime(past(1)));
		Run second = this.store.acquireDue(this.now, 10, planner).get(0).run();
		assertThat(planner.running).containsExactly(0, 1);
		assertThat(this.store.counts().runs()).isEqualTo(2);
		this.store.complete(run);
		this.store.complete(second);
		this.store.update("a", (job) -> job.withNextRunTime(past(2)));
		this.store.acquireDue(this.now, 10, planner);
		assertThat(planner.running).containsExactly(0, 1, 0);
	}

	@Test
	public void completingTwiceOrAfterRemovalIsHarmless() {
		this.store.add(job("a", past(0)));
		Run run = this.store.acquireDue(this.now, 10, new RecordingPlanner()).get(0).run();
		this.store.complete(run);
		this.store.complete(run);
		assertThat(this.store.counts().runs()).isZero();
		this.store.update("a", (job) -> job.withNextRunTime(past(1)));
		Run other = this.store.acquireDue(this.now, 10, new RecordingPlanner()).get(0).run();
		this.store.remove("a");
		this.store.complete(other);
		assertThat(this.store.counts().runs()).isZero();
	}

	@Test
	public void runningCountSurvivesAnUpdateOfTheJob() {
		this.store.add(job("a", past(0)));
		RecordingPlanner planner = new RecordingPlanner();
		this.store.acquireDue(this.now, 10, planner);
		this.store.update("a", (job) -> job.withMaxInstances(2).withNextRunTime(past(1)));
		this.store.acquireDue(this.now, 10, planner);
		assertThat(planner.running).containsExactly(0, 1);
	}

	@Test
	public void acquireClaimsOneJobWhetherDueOrNot() {
		this.store.add(job("a", future(0)));
		FirePlanner runNow = (job, running, now) -> new FirePlan(List.of(now), List.of(), List.of(), job.nextRunTime(),
				false);
		Claim claim = this.store.acquire("a", this.now, runNow);
		assertThat(claim.run()).isNotNull();
		assertThat(claim.job().id()).isEqualTo("a");
		assertThat(this.store.get("a").get().nextRunTime()).isEqualTo(future(0));
		assertThat(this.store.counts().runs()).isEqualTo(1);
		assertThatExceptionOfType(JobNotFoundException.class)
			.isThrownBy(() -> this.store.acquire("missing", this.now, runNow));
	}

	@Test
	public void acquireOfPausedJobKeepsItPaused() {
		this.store.add(job("a", null));
		Claim claim = this.store.acquire("a", this.now,
				(job, running, now) -> new FirePlan(List.of(now), List.of(), List.of(), null, false));
		assertThat(claim.run()).isNotNull();
		assertThat(this.store.get("a")).hasValueSatisfying((job) -> assertThat(job.isPaused()).isTrue());
	}

	// --- retries ---

	@Test
	public void retryIsDueAtItsTimeAndStillCounts() {
		this.store.add(job("a", past(0)));
		RecordingPlanner planner = new RecordingPlanner();
		Run run = this.store.acquireDue(this.now, 10, planner).get(0).run();
		Run retry = run.retry(0, 1);
		this.store.retryLater(retry, future(5));
		assertThat(this.store.nextRunTime()).contains(future(5));
		assertThat(this.store.counts()).isEqualTo(new JobCounts(1, 0, 1, 1));
		assertThat(this.store.acquireDue(this.now, 10, planner)).isEmpty();
		List<Claim> claims = this.store.acquireDue(future(5), 10, planner);
		assertThat(claims).singleElement().satisfies((claim) -> {
			assertThat(claim.run()).isNotNull();
			assertThat(claim.run().id()).isEqualTo(run.id());
			assertThat(claim.run().attempt()).isEqualTo(2);
			assertThat(claim.run().runTimes()).isEqualTo(run.runTimes());
			assertThat(claim.missedRunTimes()).isEmpty();
		});
		assertThat(planner.planned).containsExactly("a");
		assertThat(this.store.counts().pendingRetries()).isZero();
		assertThat(this.store.counts().runs()).isEqualTo(1);
		this.store.complete(claims.get(0).run());
		assertThat(this.store.counts().runs()).isZero();
	}

	@Test
	public void waitingRetryBlocksAnInstance() {
		this.store.add(job("a", past(0)));
		RecordingPlanner planner = new RecordingPlanner();
		Run run = this.store.acquireDue(this.now, 10, planner).get(0).run();
		this.store.retryLater(run.retry(0, 1), future(100));
		this.store.update("a", (job) -> job.withNextRunTime(past(1)));
		this.store.acquireDue(this.now, 10, planner);
		assertThat(planner.running).containsExactly(0, 1);
	}

	@Test
	public void dueRetriesAndJobsComeOldestFirst() {
		this.store.add(job("a", past(0)));
		Run run = this.store.acquireDue(this.now, 10, new RecordingPlanner()).get(0).run();
		this.store.retryLater(run.retry(0, 1), past(20));
		this.store.add(job("b", past(10)));
		this.store.add(job("c", past(30)));
		List<Claim> claims = this.store.acquireDue(this.now, 10, new RecordingPlanner());
		assertThat(claimedIds(claims)).containsExactly("b", "a", "c");
		assertThat(claims.get(1).run().attempt()).isEqualTo(2);
	}

	@Test
	public void removingAJobDropsItsWaitingRetries() {
		this.store.add(job("a", past(0)));
		Run run = this.store.acquireDue(this.now, 10, new RecordingPlanner()).get(0).run();
		this.store.retryLater(run.retry(0, 1), past(5));
		this.store.remove("a");
		assertThat(this.store.acquireDue(this.now, 10, new RecordingPlanner())).isEmpty();
		assertThat(this.store.nextRunTime()).isEmpty();
		assertThat(this.store.counts()).isEqualTo(new JobCounts(0, 0, 0, 0));
	}

	@Test
	public void retryOfARemainingRunTimeKeepsOnlyTheRest() {
		this.store.add(job("a", past(0)));
		FirePlanner three = (job, running, now) -> new FirePlan(List.of(past(0), past(1), past(2)), List.of(),
				List.of(), future(0), false);
		Run run = this.store.acquireDue(this.now, 10, three).get(0).run();
		assertThat(run.runTimes()).containsExactly(past(0), past(1), past(2));
		this.store.retryLater(run.retry(1, 1), past(3));
		Run retried = this.store.acquireDue(this.now, 10, new RecordingPlanner()).get(0).run();
		assertThat(retried.runTimes()).containsExactly(past(1), past(2));
		assertThat(retried.attempt()).isEqualTo(2);
	}

	// --- inline code ---

	@Test
	public void jobWithInlineCodeIsRefusedByPersistentStoresOnly() {
		JobHandler code = (context) -> JobResult.success();
		Job inline = new Job("inline", "inline", Job.INLINE_HANDLER, code, List.of(), Map.of(),
				DateTrigger.at(future(0)), "default", true, 1, null, RetryPolicy.none(), null, future(0));
		if (persistent()) {
			assertThatExceptionOfType(JobPersistenceException.class).isThrownBy(() -> this.store.add(inline))
				.withMessageContaining("inline")
				.withMessageContaining("'inline'");
			assertThat(this.store.get("inline")).isEmpty();
		}
		else {
			this.store.add(inline);
			assertThat(this.store.get("inline").get().inlineHandler()).isSameAs(code);
		}
	}

	// --- many jobs ---

	@Test
	public void manyJobsAreClaimedInOrder() {
		List<Integer> order = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			order.add((i * 37) % 200);
		}
		for (int i : order) {
			this.store.add(job(String.format("job-%03d", i), past(i)));
		}
		for (int i = 0; i < 200; i += 3) {
			this.store.remove(String.format("job-%03d", i));
		}
		List<String> claimed = new ArrayList<>();
		List<Claim> batch;
		while (!(batch = this.store.acquireDue(this.now, 16, finishing())).isEmpty()) {
			claimed.addAll(claimedIds(batch));
		}
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			if (i % 3 != 0) {
				expected.add(String.format("job-%03d", i));
			}
		}
		assertThat(claimed).isEqualTo(expected);
		assertThat(this.store.list()).isEmpty();
	}

}
