package dev.takt.scheduler.store.jdbc;

import org.springframework.transaction.TransactionDefinition;

/**
 * MariaDB 10.6+ and MySQL 8+: row locks with {@code SKIP LOCKED}, and the loop's transactions
 * in {@code READ COMMITTED}, so that InnoDB's locking reads take no gap locks that would block
 * other nodes' inserts; the server's clock.
 */
final class MariaDbDialect extends Dialect {

	@Override
	JdbcDatabase database() {
		return JdbcDatabase.MARIADB;
	}

	@Override
	String currentTimeMicros() {
		return "SELECT TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', UTC_TIMESTAMP(6))";
	}

	@Override
	int loopIsolation() {
		return TransactionDefinition.ISOLATION_READ_COMMITTED;
	}

}
