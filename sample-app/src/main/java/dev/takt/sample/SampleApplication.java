package dev.takt.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A web application that schedules with Takt: a cron job and an interval job declared with
 * {@code @ScheduledJob}, a job with retries declared in {@code application.yml}, one-off crawl
 * jobs started over HTTP, and a second scheduler instance, {@code report}, for reports.
 */
@SpringBootApplication
public class SampleApplication {

	/**
	 * Runs the application.
	 * @param args the command line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
