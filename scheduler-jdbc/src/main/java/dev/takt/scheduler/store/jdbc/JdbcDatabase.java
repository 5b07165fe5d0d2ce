package dev.takt.scheduler.store.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

import javax.sql.DataSource;

import dev.takt.scheduler.JobPersistenceException;

/**
 * The databases the JDBC store speaks, one dialect and one schema script each.
 */
public enum JdbcDatabase {

	/** H2 2.x, embedded or server; claims with {@code FOR UPDATE SKIP LOCKED}. */
	H2("h2"),

	/** PostgreSQL 12 or later; claims with {@code FOR UPDATE SKIP LOCKED}. */
	POSTGRESQL("postgresql"),

	/**
	 * MariaDB 10.6 or later and MySQL 8.0 or later (InnoDB); claims with
	 * {@code FOR UPDATE SKIP LOCKED}.
	 */
	MARIADB("mariadb"),

	/** SQLite 3; a single writer, claims with an optimistic version column. */
	SQLITE("sqlite");

	private final String id;

	JdbcDatabase(String id) {
		this.id = id;
	}

	/**
	 * Returns the database's short name, as in its schema script {@code schema-<id>.sql} and in
	 * Spring Boot's {@code platform} convention.
	 * @return the id
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Returns the classpath location of the database's schema script, written with the table
	 * prefix {@code takt_}.
	 * @return the location, e.g. {@code dev/takt/scheduler/store/jdbc/schema-postgresql.sql}
	 */
	public String schemaLocation() {
		return "dev/takt/scheduler/store/jdbc/schema-" + this.id + ".sql";
	}

	/**
	 * Returns the database a JDBC URL points to.
	 * @param jdbcUrl a URL such as {@code jdbc:postgresql://localhost/app}
	 * @return the database, or empty when it is none of those supported
	 */
	public static Optional<JdbcDatabase> fromJdbcUrl(String jdbcUrl) {
		String url = jdbcUrl.toLowerCase(Locale.ROOT);
		if (url.startsWith("jdbc:h2:")) {
			return Optional.of(H2);
		}
		if (url.startsWith("jdbc:postgresql:")) {
			return Optional.of(POSTGRESQL);
		}
		if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
			return Optional.of(MARIADB);
		}
		if (url.startsWith("jdbc:sqlite:")) {
			return Optional.of(SQLITE);
		}
		return Optional.empty();
	}

	/**
	 * Returns the database a data source connects to, from its connection's metadata.
	 * @param dataSource the data source
	 * @return the database
	 * @throws JobPersistenceException when no connection can be had, or the database is not
	 * supported
	 */
	public static JdbcDatabase detect(DataSource dataSource) {
		String product;
		try (Connection connection = dataSource.getConnection()) {
			DatabaseMetaData metaData = connection.getMetaData();
			product = metaData.getDatabaseProductName();
		}
		catch (SQLException ex) {
			throw new JobPersistenceException("Could not read the database product name to choose the JDBC job store's"
					+ " dialect: " + ex.getMessage(), ex);
		}
		return fromProductName(product).orElseThrow(() -> new JobPersistenceException("The JDBC job store does not"
				+ " support the database '" + product + "' (supported: H2, PostgreSQL, MariaDB, MySQL, SQLite)"));
	}

	/**
	 * Returns the database of a JDBC product name, as {@link DatabaseMetaData#getDatabaseProductName()}
	 * gives it.
	 * @param productName the product name
	 * @return the database, or empty when it is none of those supported
	 */
	public static Optional<JdbcDatabase> fromProductName(String productName) {
		String name = productName.toLowerCase(Locale.ROOT);
		if (name.contains("h2")) {
			return Optional.of(H2);
		}
		if (name.contains("postgres")) {
			return Optional.of(POSTGRESQL);
		}
		if (name.contains("mariadb") || name.contains("mysql")) {
			return Optional.of(MARIADB);
		}
		if (name.contains("sqlite")) {
			return Optional.of(SQLITE);
		}
		return Optional.empty();
	}

}
