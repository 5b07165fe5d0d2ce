package dev.takt.sample;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.takt.scheduler.Job;
import dev.takt.scheduler.JobResult;
import dev.takt.scheduler.JobSpec;
import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.history.RunRecord;
import dev.takt.scheduler.trigger.DateTrigger;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Starts crawls as one-off jobs, as an application starts work that should not hold up the
 * request, now or after a delay, and reports them: scheduled (from the job store), running, or
 * their result (from the run history). The job store and the history are tables, so a crawl
 * scheduled before a restart still runs after it, and its result is still there.
 */
@RestController
@RequestMapping("/crawls")
public class CrawlController {

	private final Scheduler scheduler;

	/** Crawls started and not yet in the run history: a one-off job leaves the store once it starts. */
	private final Set<String> inProgress = ConcurrentHashMap.newKeySet();

	/**
	 * Creates the controller.
	 * @param scheduler the default scheduler instance
	 */
	public CrawlController(Scheduler scheduler) {
		this.scheduler = scheduler;
	}

	/**
	 * Starts a crawl: a job without a trigger runs once, at once; one with a date trigger runs once,
	 * then.
	 * @param request what to crawl, and when
	 * @return the id of the crawl's job and when it runs
	 */
	@PostMapping
	public ResponseEntity<CrawlStarted> start(@RequestBody CrawlRequest request) {
		JobSpec.Builder crawl = JobSpec.builder("crawl").kwarg("url", request.url());
		Duration delay = request.delay();
		if (delay != null) {
			if (delay.isNegative()) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "delay must not be negative");
			}
			crawl.trigger(DateTrigger.at(this.scheduler.clock().instant().plus(delay)));
		}
		Job job = this.scheduler.addJob(crawl.build());
		this.inProgress.add(job.id());
		return ResponseEntity.accepted()
			.location(URI.create("/crawls/" + job.id()))
			.body(new CrawlStarted(job.id(), job.nextRunTime()));
	}

	/**
	 * Returns a crawl's state and, once it ran, its result.
	 * @param jobId the crawl's job id
	 * @return the crawl, or 404 when no crawl has that id
	 */
	@GetMapping("/{jobId}")
	public ResponseEntity<CrawlStatus> status(@PathVariable String jobId) {
		List<RunRecord> runs = this.scheduler.getRuns(jobId, 1);
		if (!runs.isEmpty()) {
			this.inProgress.remove(jobId);
			JobResult result = runs.get(0).result();
			return ResponseEntity.ok(new CrawlStatus(jobId, result.successful() ? "succeeded" : "failed",
					runs.get(0).scheduledRunTime(), result.data(), result.message()));
		}
		Optional<Job> scheduled = this.scheduler.getJob(jobId).filter((job) -> job.handler().equals("crawl"));
		if (scheduled.isPresent()) {
			return ResponseEntity.ok(new CrawlStatus(jobId, "scheduled", scheduled.get().nextRunTime(), null, null));
		}
		if (this.inProgress.contains(jobId)) {
			return ResponseEntity.ok(new CrawlStatus(jobId, "running", null, null, null));
		}
		return ResponseEntity.notFound().build();
	}

	/**
	 * A crawl to start.
	 *
	 * @param url the address to crawl
	 * @param delay how long from now to start it, in seconds or ISO-8601 ({@code "PT10M"}), or
	 * {@code null} to start it at once
	 */
	public record CrawlRequest(String url, @Nullable Duration delay) {
	}

	/**
	 * A crawl that was started.
	 *
	 * @param jobId the id of its job
	 * @param runAt when it runs
	 */
	public record CrawlStarted(String jobId, @Nullable Instant runAt) {
	}

	/**
	 * A crawl's state.
	 *
	 * @param jobId the id of its job
	 * @param status {@code scheduled}, {@code running}, {@code succeeded} or {@code failed}
	 * @param runAt when it runs or ran, or {@code null} while it runs
	 * @param result what the crawl found, once it succeeded
	 * @param message why it failed, or {@code null}
	 */
	public record CrawlStatus(String jobId, String status, @Nullable Instant runAt, @Nullable Object result,
			@Nullable String message) {
	}

}
