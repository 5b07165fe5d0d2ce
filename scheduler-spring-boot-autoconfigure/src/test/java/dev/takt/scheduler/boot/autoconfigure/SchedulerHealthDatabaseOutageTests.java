package dev.takt.scheduler.boot.autoconfigure;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.takt.scheduler.JobHandler;
import dev.takt.scheduler.JobResult;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code scheduler} health of a JDBC-backed instance while its database server stops and
 * starts again: DOWN with the store's failure while the server is away, UP once it is back, and
 * the jobs due in between run.
 */
class SchedulerHealthDatabaseOutageTests {

	@TempDir
	Path directory;

	private Server server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SchedulerAutoConfiguration.class, JdbcJobStoreAutoConfiguration.class,
				SchedulerHealthContributorAutoConfiguration.class))
		.withUserConfiguration(TickConfiguration.class);

	@AfterEach
	void stopServer() {
		if (this.server != null) {
			this.server.stop();
		}
	}

	@Test
	void healthIsDownWhileTheDatabaseIsStoppedAndUpWhenItReturns() throws SQLException {
		this.server = startServer(0);
		int port = this.server.getPort();
		String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/./jobs";
		this.contextRunner
			.withPropertyValues("scheduler.jobstore-url=" + url, "scheduler.jdbc.initialize-schema=always",
					"scheduler.jobs.tick.handler=tick", "scheduler.jobs.tick.interval=200ms",
					"scheduler.jobs.tick.misfire-grace-time=1m")
			.run((context) -> {
				AtomicInteger ticks = context.getBean(TickConfiguration.class).ticks;
				await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
					assertThat(health(context).getStatus()).isEqualTo(Status.UP);
					assertThat(ticks.get()).isPositive();
				});

				this.server.stop();
				// once the pool has retired the connections of the stopped server, a health check waits
				// out HikariCP's connection timeout (30 seconds) before it reports the store's failure
				await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> {
					Health down = health(context);
					assertThat(down.getStatus()).isEqualTo(Status.DOWN);
					assertThat(down.getDetails()).containsKey("storeFailure");
				});
				int ticksWhileDown = ticks.get();

				this.server = startServer(port);
				await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
					Health up = health(context);
					assertThat(up.getStatus()).as("health %s", up.getDetails()).isEqualTo(Status.UP);
					assertThat(ticks.get()).isGreaterThan(ticksWhileDown);
				});
			});
	}

	private Server startServer(int port) throws SQLException {
		return Server.createTcpServer("-tcpPort", String.valueOf(port), "-ifNotExists", "-baseDir",
				this.directory.toString())
			.start();
	}

	private static Health health(AssertableApplicationContext context) {
		CompositeHealthContributor contributor = context.getBean("schedulerHealthContributor",
				CompositeHealthContributor.class);
		return ((HealthIndicator) contributor.getContributor("default")).health();
	}

	@Configuration(proxyBeanMethods = false)
	static class TickConfiguration {

		final AtomicInteger ticks = new AtomicInteger();

		@Bean
		JobHandler tick() {
			return (context) -> {
				this.ticks.incrementAndGet();
				return JobResult.success();
			};
		}

		@Bean
		SchedulerCustomizer quickStoreRetries() {
			return (name, builder) -> builder.storeRetryInterval(Duration.ofMillis(200)).maxWait(Duration.ofMillis(200));
		}

	}

}
