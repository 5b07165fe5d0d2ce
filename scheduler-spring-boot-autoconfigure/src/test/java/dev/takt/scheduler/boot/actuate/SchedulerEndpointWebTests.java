package dev.takt.scheduler.boot.actuate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.takt.scheduler.JobHandler;
import dev.takt.scheduler.JobResult;
import dev.takt.scheduler.JobSpec;
import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.SchedulerManager;
import dev.takt.scheduler.SchedulerState;
import dev.takt.scheduler.trigger.CronTrigger;
import dev.takt.scheduler.trigger.IntervalTrigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every operation of the {@code scheduler} endpoint over HTTP, in an application secured the way
 * the README recommends: status codes, JSON shape, 404, 400, 409, 401 and 403.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, classes = SchedulerEndpointWebTests.TestApplication.class,
		properties = { "management.endpoints.web.exposure.include=health,scheduler", "scheduler.timezone=UTC",
				"scheduler.instances.report.executors.default.size=1",
				"scheduler.endpoint.write-roles=SCHEDULER_ADMIN" })
class SchedulerEndpointWebTests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	static final CountDownLatch release = new CountDownLatch(1);

	@LocalServerPort
	private int port;

	@Autowired
	private SchedulerManager schedulers;

	@Autowired
	private Scheduler scheduler;

	@BeforeEach
	void addJobs() {
		this.scheduler.addJob(JobSpec.builder("ok").id("hourly").trigger(IntervalTrigger.every(Duration.ofHours(1)))
			.build(), true);
		this.scheduler.addJob(JobSpec.builder("ok").id("weekday").name("Weekday report")
			.trigger(CronTrigger.fromCrontab("0 9 * * 1-5", java.time.ZoneOffset.UTC)).build(), true);
		this.schedulers.get("report").addJob(JobSpec.builder("slow").id("slow")
			.trigger(IntervalTrigger.every(Duration.ofDays(1))).build(), true);
	}

	@AfterEach
	void resume() {
		if (this.scheduler.state() == SchedulerState.PAUSED) {
			this.scheduler.resume();
		}
	}

	@Test
	void readsEveryInstance() {
		ResponseEntity<Map<String, Object>> response = exchange("viewer", HttpMethod.GET, "", null);
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		Map<String, Object> schedulers = map(response.getBody().get("schedulers"));
		assertThat(schedulers).containsOnlyKeys("default", "report");
		Map<String, Object> main = map(schedulers.get("default"));
		assertThat(main).containsEntry("name", "default")
			.containsEntry("state", "RUNNING")
			.containsEntry("store", "MemoryJobStore")
			.containsEntry("loopAlive", true)
			.containsKeys("startedAt", "jobs", "runningRuns", "pendingRetries", "nextRunTime", "executors");
		assertThat(map(main.get("jobs"))).containsEntry("scheduled", 2).containsEntry("paused", 0);
		assertThat(map(map(main.get("executors")).get("default"))).containsEntry("kind", "ThreadPoolJobExecutor")
			.containsEntry("active", 0)
			.containsEntry("queued", 0);
		assertThat((String) main.get("startedAt")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
	}

	@Test
	void readsAnInstancesJobs() {
		Map<String, Object> body = exchange("viewer", HttpMethod.GET, "/default", null).getBody();
		assertThat(body).containsEntry("name", "default").containsEntry("state", "RUNNING");
		List<Map<String, Object>> jobs = list(body.get("jobs"));
		assertThat(jobs).extracting((job) -> job.get("id")).containsExactly("hourly", "weekday");
		Map<String, Object> weekday = jobs.get(1);
		assertThat(weekday).containsEntry("name", "Weekday report")
			.containsEntry("handler", "ok")
			.containsEntry("handlerMissing", false)
			.containsEntry("state", "scheduled")
			.containsKeys("nextRunTime", "options");
		Map<String, Object> trigger = map(weekday.get("trigger"));
		assertThat((String) trigger.get("description")).startsWith("cron[");
		assertThat(map(trigger.get("spec"))).containsEntry("type", "cron");
		assertThat(map(weekday.get("options"))).containsEntry("executor", "default")
			.containsEntry("coalesce", true)
			.containsEntry("maxInstances", 1)
			.containsEntry("misfireGraceTime", "PT1S");
	}

	@Test
	void readsAJob() {
		Map<String, Object> body = exchange("viewer", HttpMethod.GET, "/default/weekday", null).getBody();
		assertThat(body).containsOnlyKeys("job", "running", "nextFireTimes", "recentRuns");
		assertThat(map(body.get("job"))).containsEntry("id", "weekday");
		assertThat(list(body.get("nextFireTimes"))).hasSize(5);
		assertThat(list(body.get("recentRuns"))).isEmpty();
	}

	@Test
	void unknownInstanceOrJobIsNotFoundWithTheReason() {
		ResponseEntity<Map<String, Object>> instance = exchange("viewer", HttpMethod.GET, "/nope", null);
		assertThat(instance.getStatusCode().value()).isEqualTo(404);
		assertThat(instance.getBody()).containsEntry("status", 404)
			.containsEntry("error", "Not Found")
			.hasEntrySatisfying("reason", (reason) -> assertThat((String) reason).contains("nope").contains("default"));
		ResponseEntity<Map<String, Object>> job = exchange("viewer", HttpMethod.GET, "/default/nope", null);
		assertThat(job.getStatusCode().value()).isEqualTo(404);
		assertThat(job.getBody()).containsEntry("reason", "No job 'nope' in scheduler 'default'");
		assertThat(exchange("admin", HttpMethod.POST, "/default/nope", Map.of("action", "pause")).getStatusCode()
			.value()).isEqualTo(404);
		assertThat(exchange("admin", HttpMethod.POST, "/nope", Map.of("action", "pause")).getStatusCode().value())
			.isEqualTo(404);
		assertThat(exchange("admin", HttpMethod.DELETE, "/default/nope", null).getStatusCode().value())
			.isEqualTo(404);
	}

	@Test
	void pausesAndResumesAJob() {
		ResponseEntity<Map<String, Object>> paused = exchange("admin", HttpMethod.POST, "/default/weekday",
				Map.of("action", "pause"));
		assertThat(paused.getStatusCode().value()).isEqualTo(200);
		assertThat(paused.getBody()).containsEntry("id", "weekday").containsEntry("state", "paused")
			.doesNotContainKey("nextRunTime");
		assertThat(this.scheduler.getJob("weekday").orElseThrow().isPaused()).isTrue();
		ResponseEntity<Map<String, Object>> resumed = exchange("admin", HttpMethod.POST, "/default/weekday",
				Map.of("action", "resume"));
		assertThat(resumed.getBody()).containsEntry("state", "scheduled");
		assertThat(this.scheduler.getJob("weekday").orElseThrow().isPaused()).isFalse();
	}

	@Test
	void runsAJobNow() {
		ResponseEntity<Map<String, Object>> run = exchange("admin", HttpMethod.POST, "/default/hourly",
				Map.of("action", "run"));
		assertThat(run.getStatusCode().value()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.scheduler.getRuns("hourly", 1).isEmpty());
		Map<String, Object> details = exchange("viewer", HttpMethod.GET, "/default/hourly", null).getBody();
		assertThat(list(details.get("recentRuns"))).first().satisfies((recent) -> assertThat(recent)
			.containsEntry("outcome", "success")
			.containsEntry("attempts", 1)
			.containsKeys("scheduledRunTime", "start", "duration"));
	}

	@Test
	void runOfAJobAtItsMaximumOfRunsIsAConflict() {
		assertThat(exchange("admin", HttpMethod.POST, "/report/slow", Map.of("action", "run")).getStatusCode()
			.value()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> !this.schedulers.get("report").getRunningRuns().isEmpty());
		Map<String, Object> running = exchange("viewer", HttpMethod.GET, "/report/slow", null).getBody();
		assertThat(map(running.get("job"))).containsEntry("state", "running");
		assertThat(list(running.get("running"))).singleElement()
			.satisfies((run) -> assertThat(run).containsEntry("attempt", 1).containsEntry("stuck", false));
		ResponseEntity<Map<String, Object>> second = exchange("admin", HttpMethod.POST, "/report/slow",
				Map.of("action", "run"));
		assertThat(second.getStatusCode().value()).isEqualTo(409);
		assertThat(second.getBody()).containsEntry("reason",
				"Job 'slow' did not run: it has its maximum of 1 run(s) in progress");
		release.countDown();
	}

	@Test
	void reschedulesAJob() {
		ResponseEntity<Map<String, Object>> response = exchange("admin", HttpMethod.POST, "/default/weekday",
				Map.of("action", "reschedule", "trigger", "{\"type\": \"crontab\", \"expr\": \"30 6 * * *\"}"));
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(map(map(response.getBody().get("trigger")).get("spec"))).containsEntry("type", "cron");
		assertThat((String) response.getBody().get("nextRunTime")).endsWith("T06:30:00Z");
	}

	@Test
	void badActionOrSpecIsABadRequestWithTheReason() {
		ResponseEntity<Map<String, Object>> action = exchange("admin", HttpMethod.POST, "/default/weekday",
				Map.of("action", "explode"));
		assertThat(action.getStatusCode().value()).isEqualTo(400);
		assertThat(action.getBody()).containsEntry("error", "Bad Request")
			.containsEntry("reason", "Unknown action 'explode' for a job; use pause, resume, run or reschedule");
		ResponseEntity<Map<String, Object>> spec = exchange("admin", HttpMethod.POST, "/default/weekday",
				Map.of("action", "reschedule", "trigger", "{\"type\": \"cron\", \"fields\": {\"hour\": \"25\"}}"));
		assertThat(spec.getStatusCode().value()).isEqualTo(400);
		assertThat((String) spec.getBody().get("reason")).startsWith("Invalid trigger").contains("25");
		ResponseEntity<Map<String, Object>> missing = exchange("admin", HttpMethod.POST, "/default/weekday",
				Map.of("action", "reschedule"));
		assertThat(missing.getStatusCode().value()).isEqualTo(400);
		ResponseEntity<Map<String, Object>> instance = exchange("admin", HttpMethod.POST, "/default",
				Map.of("action", "stop"));
		assertThat(instance.getStatusCode().value()).isEqualTo(400);
		assertThat(instance.getBody()).containsEntry("reason",
				"Unknown action 'stop' for a scheduler; use pause or resume");
		assertThat(this.scheduler.getJob("weekday").orElseThrow().trigger()).isInstanceOf(CronTrigger.class);
	}

	@Test
	void pausesAndResumesAnInstance() {
		ResponseEntity<Map<String, Object>> paused = exchange("admin", HttpMethod.POST, "/default",
				Map.of("action", "pause"));
		assertThat(paused.getStatusCode().value()).isEqualTo(200);
		assertThat(paused.getBody()).containsEntry("name", "default").containsEntry("state", "PAUSED");
		assertThat(this.scheduler.state()).isEqualTo(SchedulerState.PAUSED);
		assertThat(exchange("admin", HttpMethod.POST, "/default", Map.of("action", "resume")).getBody())
			.containsEntry("state", "RUNNING");
	}

	@Test
	void removesAJob() {
		ResponseEntity<Map<String, Object>> response = exchange("admin", HttpMethod.DELETE, "/default/hourly", null);
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getBody()).containsEntry("id", "hourly").containsEntry("state", "removed");
		assertThat(this.scheduler.getJob("hourly")).isEmpty();
	}

	@Test
	void writesNeedTheWriteRoleAndReadsAnAuthenticatedUser() {
		assertThat(exchange(null, HttpMethod.GET, "", null).getStatusCode().value()).isEqualTo(401);
		assertThat(exchange(null, HttpMethod.POST, "/default/weekday", Map.of("action", "pause")).getStatusCode()
			.value()).isEqualTo(401);
		assertThat(exchange("viewer", HttpMethod.POST, "/default/weekday", Map.of("action", "pause"))
			.getStatusCode().value()).isEqualTo(403);
		assertThat(exchange("viewer", HttpMethod.DELETE, "/default/weekday", null).getStatusCode().value())
			.isEqualTo(403);
		assertThat(this.scheduler.getJob("weekday").orElseThrow().isPaused()).isFalse();
	}

	@Test
	void healthIsPublicAndShowsEachInstance() {
		ResponseEntity<Map<String, Object>> health = exchange(null, HttpMethod.GET, "/actuator/health", null);
		assertThat(health.getStatusCode().value()).isEqualTo(200);
		assertThat(health.getBody()).containsEntry("status", "UP");
	}

	private ResponseEntity<Map<String, Object>> exchange(String user, HttpMethod method, String path,
			Map<String, Object> body) {
		RestClient.RequestBodySpec request = RestClient.create("http://localhost:" + this.port)
			.method(method)
			.uri(path.startsWith("/actuator") ? path : "/actuator/scheduler" + path);
		if (user != null) {
			request.headers((headers) -> headers.setBasicAuth(user, user));
		}
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		return request.retrieve().onStatus((status) -> true, (req, res) -> {
		}).toEntity(JSON);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Object value) {
		return (List<Map<String, Object>>) value;
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		JobHandler ok() {
			return (context) -> JobResult.success("done");
		}

		@Bean
		JobHandler slow() {
			return (context) -> {
				release.await(10, TimeUnit.SECONDS);
				return JobResult.success();
			};
		}

		/** The configuration the README recommends. */
		@Bean
		SecurityFilterChain actuatorSecurity(HttpSecurity http) throws Exception {
			http.securityMatcher(EndpointRequest.toAnyEndpoint())
				.authorizeHttpRequests((requests) -> requests.requestMatchers(EndpointRequest.to("health"))
					.permitAll()
					.requestMatchers(EndpointRequest.to("scheduler").withHttpMethod(HttpMethod.GET))
					.hasRole("OPS")
					.anyRequest()
					.hasRole("SCHEDULER_ADMIN"))
				.httpBasic(Customizer.withDefaults())
				.csrf((csrf) -> csrf.ignoringRequestMatchers(EndpointRequest.toAnyEndpoint()));
			return http.build();
		}

		@Bean
		InMemoryUserDetailsManager users() {
			return new InMemoryUserDetailsManager(
					User.withUsername("viewer").password("{noop}viewer").roles("OPS").build(),
					User.withUsername("admin").password("{noop}admin").roles("OPS", "SCHEDULER_ADMIN").build());
		}

	}

}
