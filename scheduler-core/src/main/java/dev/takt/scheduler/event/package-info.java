/**
 * How the outside observes a scheduler: {@link dev.takt.scheduler.event.SchedulerEvent}, a sealed
 * family of records, one per APScheduler event code ({@link dev.takt.scheduler.event.EventType}),
 * delivered to {@link dev.takt.scheduler.event.SchedulerListener}s registered with a mask.
 */
@NullMarked
package dev.takt.scheduler.event;

import org.jspecify.annotations.NullMarked;
