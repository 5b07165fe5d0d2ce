/**
 * What runs did: each run's {@link dev.takt.scheduler.history.RunRecord} kept in a
 * {@link dev.takt.scheduler.history.RunHistory}, by default a bounded in-memory one.
 */
@NullMarked
package dev.takt.scheduler.history;

import org.jspecify.annotations.NullMarked;
