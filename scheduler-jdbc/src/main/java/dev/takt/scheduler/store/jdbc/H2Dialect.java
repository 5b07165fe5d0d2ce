package dev.takt.scheduler.store.jdbc;

/**
 * H2 2.x: row locks with {@code SKIP LOCKED}; embedded, so its clock is the application's.
 */
final class H2Dialect extends Dialect {

	@Override
	JdbcDatabase database() {
		return JdbcDatabase.H2;
	}

}
