/**
 * {@link dev.takt.scheduler.boot.annotation.ScheduledJob @ScheduledJob}: jobs declared on bean
 * methods, and the bean post-processor that finds them and turns each method into a named
 * {@link dev.takt.scheduler.JobHandler}.
 */
@NullMarked
package dev.takt.scheduler.boot.annotation;

import org.jspecify.annotations.NullMarked;
