/**
 * When jobs fire: the {@link dev.takt.scheduler.trigger.Trigger} SPI and the built-in triggers,
 * with APScheduler 3's fire-time semantics.
 */
@NullMarked
package dev.takt.scheduler.trigger;

import org.jspecify.annotations.NullMarked;
