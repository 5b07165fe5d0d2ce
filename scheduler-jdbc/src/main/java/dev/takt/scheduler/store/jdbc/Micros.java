package dev.takt.scheduler.store.jdbc;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Instants as the store keeps them: microseconds since the epoch.
 */
final class Micros {

	private Micros() {
	}

	static long of(Instant instant) {
		return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
	}

	static @Nullable Long ofNullable(@Nullable Instant instant) {
		return (instant != null) ? of(instant) : null;
	}

	static Instant instant(long micros) {
		return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
	}

	static @Nullable Instant instantOrNull(@Nullable Long micros) {
		return (micros != null) ? instant(micros) : null;
	}

}
