package dev.takt.scheduler.executor;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The built-in executors.
 */
class JobExecutorTests {

	@Test
	void threadPoolRunsAtMostItsSizeAtOnce() throws InterruptedException {
		ThreadPoolJobExecutor pool = ThreadPoolJobExecutor.ofSize(2, "test-pool-");
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger done = new AtomicInteger();
		for (int i = 0; i < 5; i++) {
			pool.submit(() -> {
				try {
					release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				done.incrementAndGet();
			});
		}
		await().until(() -> pool.activeCount() == 2);
		assertThat(pool.queuedCount()).isEqualTo(3);
		release.countDown();
		pool.shutdown();
		assertThat(pool.awaitTermination(Duration.ofSeconds(10))).isTrue();
		assertThat(done).hasValue(5);
		assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> pool.submit(() -> { }));
	}

	@Test
	void threadPoolShutdownNowReturnsWaitingTasks() {
		ThreadPoolJobExecutor pool = ThreadPoolJobExecutor.ofSize(1);
		CountDownLatch started = new CountDownLatch(1);
		pool.submit(() -> {
			started.countDown();
			try {
				Thread.sleep(10_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		pool.submit(() -> { });
		await().until(() -> started.getCount() == 0);
		assertThat(pool.shutdownNow()).hasSize(1);
		assertThat(pool.awaitTermination(Duration.ofSeconds(10))).isTrue();
	}

	@Test
	void directExecutorRunsOnTheCallingThread() {
		DirectJobExecutor direct = new DirectJobExecutor();
		Thread[] ran = new Thread[1];
		direct.submit(() -> ran[0] = Thread.currentThread());
		assertThat(ran[0]).isSameAs(Thread.currentThread());
		assertThat(direct.awaitTermination(Duration.ZERO)).isTrue();
		direct.shutdown();
		assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> direct.submit(() -> { }));
	}

	@Test
	void virtualThreadsAreReportedAndUsedWhereTheJvmHasThem() throws InterruptedException {
		if (!VirtualThreadJobExecutor.isSupported()) {
			assertThat(Runtime.version().feature()).isLessThan(21);
			assertThatExceptionOfType(UnsupportedOperationException.class)
				.isThrownBy(() -> VirtualThreadJobExecutor.create("v-"));
		}
		assumeThat(VirtualThreadJobExecutor.isSupported()).isTrue();
		VirtualThreadJobExecutor executor = VirtualThreadJobExecutor.create("v-");
		CountDownLatch latch = new CountDownLatch(100);
		for (int i = 0; i < 100; i++) {
			executor.submit(latch::countDown);
		}
		assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
		executor.shutdown();
		assertThat(executor.awaitTermination(Duration.ofSeconds(10))).isTrue();
		assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> executor.submit(() -> { }));
	}

}
