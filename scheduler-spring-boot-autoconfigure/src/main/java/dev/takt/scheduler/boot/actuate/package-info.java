/**
 * The scheduler in Spring Boot's actuator: the {@code scheduler} endpoint (instances, jobs, runs;
 * pause, resume, run now, reschedule and remove) with its web extension, and the {@code scheduler}
 * health indicator of each instance.
 */
@NullMarked
package dev.takt.scheduler.boot.actuate;

import org.jspecify.annotations.NullMarked;
