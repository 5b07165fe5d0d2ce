package dev.takt.scheduler.benchmarks;

import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;

import dev.takt.scheduler.trigger.CronTrigger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.scheduling.support.CronExpression;

/**
 * Time to compute one cron fire time: each invocation computes the next {@value #FIRE_TIMES} fire
 * times of one schedule after 2021-01-01T00:00Z, each search starting after the previous fire time,
 * with Takt's {@link CronTrigger}, Spring's {@link CronExpression} and Quartz's
 * {@link org.quartz.CronExpression}. Scores are nanoseconds per fire time.
 * <p>
 * The schedules, each written in every library's own syntax:
 * <ul>
 * <li>{@code daily}: 09:00 every day, UTC ({@code 0 9 * * *});</li>
 * <li>{@code every5Minutes}: every five minutes, UTC ({@code * /5 * * * *});</li>
 * <li>{@code lastFriday}: 09:00 on the last Friday of each month, UTC ({@code day='last fri'},
 * Spring {@code 5L}, Quartz {@code 6L});</li>
 * <li>{@code secondMonday}: 09:00 on the second Monday of each month, UTC ({@code day='2nd mon'},
 * Spring {@code MON#2}, Quartz {@code 2#2});</li>
 * <li>{@code newYorkDst}: 02:30 every day in America/New_York ({@code 30 2 * * *}), whose 1,000
 * days cross each March gap and November repeated hour of 2021-2023.</li>
 * </ul>
 * Outside the DST case the three libraries give the same fire times (checked at set-up); across
 * a DST change each follows its own rules.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class CronNextFireTimeBenchmark {

	static final int FIRE_TIMES = 1000;

	private static final Instant START = Instant.parse("2021-01-01T00:00:00Z");

	@Param({ "daily", "every5Minutes", "lastFriday", "secondMonday", "newYorkDst" })
	public String schedule;

	private CronTrigger takt;

	private CronExpression spring;

	private org.quartz.CronExpression quartz;

	private ZoneId zone;

	@Setup(Level.Trial)
	public void setUp() throws ParseException {
		ZoneId utc = ZoneId.of("UTC");
		switch (this.schedule) {
			case "daily" -> set(CronTrigger.fromCrontab("0 9 * * *", utc), "0 0 9 * * *", "0 0 9 * * ?", utc);
			case "every5Minutes" -> set(CronTrigger.fromCrontab("*/5 * * * *", utc), "0 */5 * * * *",
					"0 0/5 * * * ?", utc);
			case "lastFriday" -> set(CronTrigger.builder().day("last fri").hour("9").zone(utc).build(),
					"0 0 9 * * 5L", "0 0 9 ? * 6L", utc);
			case "secondMonday" -> set(CronTrigger.builder().day("2nd mon").hour("9").zone(utc).build(),
					"0 0 9 * * MON#2", "0 0 9 ? * 2#2", utc);
			case "newYorkDst" -> {
				ZoneId newYork = ZoneId.of("America/New_York");
				set(CronTrigger.fromCrontab("30 2 * * *", newYork), "0 30 2 * * *", "0 30 2 * * ?", newYork);
			}
			default -> throw new IllegalArgumentException("Unknown schedule " + this.schedule);
		}
		if (!this.schedule.equals("newYorkDst")) {
			checkSameFireTimes();
		}
	}

	private void set(CronTrigger takt, String spring, String quartz, ZoneId zone) throws ParseException {
		this.takt = takt;
		this.spring = CronExpression.parse(spring);
		this.quartz = new org.quartz.CronExpression(quartz);
		this.quartz.setTimeZone(TimeZone.getTimeZone(zone));
		this.zone = zone;
	}

	private void checkSameFireTimes() {
		Instant taktTime = START;
		ZonedDateTime springTime = START.atZone(this.zone);
		Date quartzTime = Date.from(START);
		for (int i = 0; i < 100; i++) {
			taktTime = this.takt.nextFireTime(taktTime, taktTime).orElseThrow();
			springTime = this.spring.next(springTime);
			quartzTime = this.quartz.getNextValidTimeAfter(quartzTime);
			if (!taktTime.equals(springTime.toInstant()) || !taktTime.equals(quartzTime.toInstant())) {
				throw new IllegalStateException(this.schedule + ": fire time " + i + " differs: Takt " + taktTime
						+ ", Spring " + springTime + ", Quartz " + quartzTime.toInstant());
			}
		}
	}

	@Benchmark
	@OperationsPerInvocation(FIRE_TIMES)
	public Instant takt() {
		Instant time = START;
		for (int i = 0; i < FIRE_TIMES; i++) {
			time = this.takt.nextFireTime(time, time).orElseThrow();
		}
		return time;
	}

	@Benchmark
	@OperationsPerInvocation(FIRE_TIMES)
	public ZonedDateTime spring() {
		ZonedDateTime time = START.atZone(this.zone);
		for (int i = 0; i < FIRE_TIMES; i++) {
			time = this.spring.next(time);
		}
		return time;
	}

	@Benchmark
	@OperationsPerInvocation(FIRE_TIMES)
	public Date quartz() {
		Date time = Date.from(START);
		for (int i = 0; i < FIRE_TIMES; i++) {
			time = this.quartz.getNextValidTimeAfter(time);
		}
		return time;
	}

}
