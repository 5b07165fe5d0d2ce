package dev.takt.sample;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.takt.scheduler.Job;
import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.SchedulerManager;
import dev.takt.scheduler.engine.LoopScheduler;
import dev.takt.scheduler.history.RunRecord;
import dev.takt.scheduler.store.jdbc.JdbcJobStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starts the sample application on a random port and watches its jobs run: the interval job, the
 * job declared in {@code application.yml} with its retries, and one-off crawls started over HTTP,
 * now or later. The jobs are kept in an H2 database in memory rather than the application's file.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.refresh-interval=500ms", "sample.refresh-jitter=10ms", "sample.import-interval=1s",
				"scheduler.jobstore-url=jdbc:h2:mem:sample-tests;DB_CLOSE_DELAY=-1" })
@SuppressWarnings("unchecked")
class SampleApplicationTests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@LocalServerPort
	private int port;

	@Autowired
	private SchedulerManager schedulers;

	@Autowired
	private CacheRefresher cacheRefresher;

	@Autowired
	private ImportHandler importHandler;

	private RestClient http;

	@BeforeEach
	void createClient() {
		this.http = RestClient.create("http://localhost:" + this.port);
	}

	@Test
	void theIntervalJobRuns() {
		await().atMost(Duration.ofSeconds(20)).until(() -> this.cacheRefresher.refreshes() >= 2);
		List<RunRecord> runs = this.schedulers.getDefault().getRuns("cache-refresh", 1);
		assertThat(runs).singleElement().satisfies((run) -> {
			assertThat(run.result().successful()).isTrue();
			// the run history table keeps the result's data as JSON: a number reads back as a number
			assertThat(run.result().data()).isInstanceOf(Number.class);
			assertThat(((Number) run.result().data()).longValue()).isPositive();
		});
	}

	@Test
	void theJobDeclaredInYamlRunsAgainAfterAFailedAttempt() {
		await().atMost(Duration.ofSeconds(30)).until(() -> this.importHandler.imports() >= 1);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> !this.schedulers.getDefault().getRuns("import", 1).isEmpty());
		RunRecord run = this.schedulers.getDefault().getRuns("import", 1).get(0);
		assertThat(run.result().successful()).isTrue();
		assertThat(run.result().attempts()).isEqualTo(2);
	}

	@Test
	void aOneOffJobStartedOverHttpRunsAndReportsItsResult() {
		ResponseEntity<Map<String, Object>> started = this.http.post()
			.uri("/crawls")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("url", "https://docs.example/guide"))
			.retrieve()
			.toEntity(JSON);
		assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		String jobId = (String) started.getBody().get("jobId");
		assertThat(started.getHeaders().getLocation()).hasPath("/crawls/" + jobId);
		await().atMost(Duration.ofSeconds(10)).until(() -> "succeeded".equals(crawl(jobId).get("status")));
		assertThat(crawl(jobId)).extractingByKey("result")
			.isEqualTo(Map.of("url", "https://docs.example/guide", "pages", 1 + Math.floorMod("https://docs.example/guide".hashCode(), 50)));
	}

	@Test
	void aCrawlStartedWithADelayIsScheduledThenRuns() {
		Map<String, Object> started = this.http.post()
			.uri("/crawls")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("url", "https://docs.example/later", "delay", 2))
			.retrieve()
			.body(JSON);
		String jobId = (String) started.get("jobId");
		Instant runAt = Instant.parse((String) started.get("runAt"));
		assertThat(runAt).isAfter(Instant.now());
		assertThat(crawl(jobId)).containsEntry("status", "scheduled").containsEntry("runAt", started.get("runAt"));
		await().atMost(Duration.ofSeconds(10)).until(() -> "succeeded".equals(crawl(jobId).get("status")));
		assertThat(Instant.parse((String) crawl(jobId).get("runAt"))).isEqualTo(runAt);
	}

	@Test
	void aNegativeDelayIsRefused() {
		assertThat(this.http.post()
			.uri("/crawls")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("url", "https://docs.example/", "delay", -5))
			.retrieve()
			.onStatus((status) -> true, (request, response) -> {
			})
			.toBodilessEntity()
			.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
	}

	@Test
	void theJobsAreKeptInTheDatabaseEachInstanceInTablesOfItsOwn() {
		assertThat(store(this.schedulers.getDefault()).schema().jobsTable()).isEqualTo("takt_jobs");
		assertThat(store(this.schedulers.get("report")).schema().jobsTable()).isEqualTo("takt_report_jobs");
	}

	@Test
	void aCrawlThatFailsReportsWhy() {
		String jobId = (String) this.http.post()
			.uri("/crawls")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("url", "ftp://files.example/"))
			.retrieve()
			.body(JSON)
			.get("jobId");
		await().atMost(Duration.ofSeconds(10)).until(() -> "failed".equals(crawl(jobId).get("status")));
		assertThat(crawl(jobId).get("message")).isEqualTo("Not an http(s) URL: ftp://files.example/");
	}

	@Test
	void anUnknownCrawlIsNotFound() {
		assertThat(this.http.get().uri("/crawls/nope").retrieve().onStatus((status) -> true, (request, response) -> {
		}).toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void theReportInstanceHasTheWeeklyReport() {
		Scheduler report = this.schedulers.get("report");
		Job job = report.getJob("weekly-report").orElseThrow();
		assertThat(job.handler()).isEqualTo("reportJobs.weeklyReport");
		assertThat(job.retryPolicy().maxAttempts()).isEqualTo(3);
		assertThat(job.misfireGraceTime()).isEqualTo(Duration.ofMinutes(5));
		assertThat(this.schedulers.getDefault().getJob("weekly-report")).isEmpty();
	}

	@Test
	void theActuatorReportsHealthAndInfo() {
		assertThat(this.http.get().uri("/actuator/health").retrieve().body(JSON)).containsEntry("status", "UP");
		assertThat(this.http.get().uri("/actuator/info").retrieve().body(JSON)).containsKey("app");
	}

	@Test
	void theSchedulerEndpointListsTheInstancesAndTheirJobs() {
		Map<String, Object> schedulers = this.http.get().uri("/actuator/scheduler").retrieve().body(JSON);
		assertThat((Map<String, Object>) schedulers.get("schedulers")).containsOnlyKeys("default", "report");
		Map<String, Object> report = this.http.get().uri("/actuator/scheduler/report/weekly-report").retrieve().body(JSON);
		assertThat((Map<String, Object>) report.get("job")).containsEntry("handler", "reportJobs.weeklyReport");
		assertThat((List<?>) report.get("nextFireTimes")).hasSize(5);
	}

	@Test
	void prometheusScrapesTheSchedulerMeters() {
		await().atMost(Duration.ofSeconds(20)).until(() -> this.cacheRefresher.refreshes() >= 1);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.http.get().uri("/actuator/prometheus").retrieve()
			.body(String.class).contains("scheduler_job_runs_seconds_count{instance=\"default\",job=\"cache-refresh\",outcome=\"success\"}"));
		String scrape = this.http.get().uri("/actuator/prometheus").retrieve().body(String.class);
		assertThat(scrape).contains("scheduler_jobs{instance=\"report\",state=\"scheduled\"} 1")
			.contains("scheduler_executor_queued{executor=\"default\",instance=\"default\"}")
			.contains("scheduler_job_lateness_seconds_count{instance=\"default\",job=\"cache-refresh\"}");
	}

	@Test
	void theSchedulerIsPartOfTheReadinessGroup() {
		Map<String, Object> readiness = this.http.get().uri("/actuator/health/readiness").retrieve().body(JSON);
		assertThat(readiness).containsEntry("status", "UP");
		assertThat((Map<String, Object>) readiness.get("components")).containsKeys("readinessState", "scheduler");
	}

	private static JdbcJobStore store(Scheduler scheduler) {
		return (JdbcJobStore) ((LoopScheduler) scheduler).settings().store();
	}

	private Map<String, Object> crawl(String jobId) {
		return this.http.get().uri("/crawls/{id}", jobId).retrieve().body(JSON);
	}

}
