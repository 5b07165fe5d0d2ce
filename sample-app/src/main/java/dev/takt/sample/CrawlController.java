package dev.takt.sample;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.takt.scheduler.Job;
import dev.takt.scheduler.JobResult;
import dev.takt.scheduler.JobSpec;
import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.history.RunRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Starts crawls as one-off jobs, as an application starts work that should not hold up the
 * request, and reports their results from the run history.
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
	 * Starts a crawl now: a job without a trigger runs once, at once.
	 * @param request what to crawl
	 * @return the id of the crawl's job
	 */
	@PostMapping
	public ResponseEntity<CrawlStarted> start(@RequestBody CrawlRequest request) {
		Job job = this.scheduler.addJob(JobSpec.builder("crawl").kwarg("url", request.url()).build());
		this.inProgress.add(job.id());
		return ResponseEntity.accepted().location(URI.create("/crawls/" + job.id())).body(new CrawlStarted(job.id()));
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
					result.data(), result.message()));
		}
		if (this.inProgress.contains(jobId)) {
			return ResponseEntity.ok(new CrawlStatus(jobId, "running", null, null));
		}
		return ResponseEntity.notFound().build();
	}

	/**
	 * A crawl to start.
	 *
	 * @param url the address to crawl
	 */
	public record CrawlRequest(String url) {
	}

	/**
	 * A crawl that was started.
	 *
	 * @param jobId the id of its job
	 */
	public record CrawlStarted(String jobId) {
	}

	/**
	 * A crawl's state.
	 *
	 * @param jobId the id of its job
	 * @param status {@code running}, {@code succeeded} or {@code failed}
	 * @param result what the crawl found, once it succeeded
	 * @param message why it failed, or {@code null}
	 */
	public record CrawlStatus(String jobId, String status, @Nullable Object result, @Nullable String message) {
	}

}
