package dev.takt.sample;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import dev.takt.scheduler.trigger.IntervalTrigger;
import dev.takt.scheduler.trigger.Trigger;

/**
 * Prints the next fire times of a few triggers.
 */
public final class SampleApplication {

	private SampleApplication() {
	}

	/**
	 * Runs the sample.
	 * @param args ignored
	 */
	public static void main(String[] args) {
		ZoneId zone = ZoneId.of("Europe/London");
		Instant now = Instant.now();
		show("every 90 seconds", IntervalTrigger.every(Duration.ofSeconds(90)), now, zone);
	}

	private static void show(String title, Trigger trigger, Instant now, ZoneId zone) {
		System.out.println(title + "  (" + trigger + ")");
		Instant previous = null;
		for (int i = 0; i < 5; i++) {
			Instant next = trigger.nextFireTime(previous, now).orElse(null);
			if (next == null) {
				System.out.println("    (finished)");
				break;
			}
			System.out.println("    " + ZonedDateTime.ofInstant(next, zone).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
			previous = next;
			now = next;
		}
	}

}
