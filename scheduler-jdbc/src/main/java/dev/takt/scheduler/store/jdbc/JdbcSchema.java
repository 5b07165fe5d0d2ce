package dev.takt.scheduler.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import dev.takt.scheduler.JobPersistenceException;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The store's tables in one database with one table prefix: their names, the schema script with
 * the prefix applied, and creating or dropping them. The scripts on the class path
 * ({@link JdbcDatabase#schemaLocation()}) are written with the prefix {@value #DEFAULT_TABLE_PREFIX}
 * and create only what is missing, so {@link #create} may run at every start (Spring Boot's
 * {@code initialize-schema=always}); to manage the schema with Flyway or Liquibase instead, copy
 * {@link #script()} into a migration.
 */
public final class JdbcSchema {

	/** The table prefix the scripts are written with, and the store's default. */
	public static final String DEFAULT_TABLE_PREFIX = "takt_";

	/** A prefix: an optional schema name and a dot, then letters, digits and underscores. */
	private static final Pattern PREFIX = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*\\.)?[A-Za-z0-9_]*");

	private static final Pattern INDEX_NAME = Pattern.compile("(INDEX (?:IF NOT EXISTS )?)takt_");

	private static final Pattern TABLE_NAME = Pattern.compile("\\btakt_");

	private final JdbcDatabase database;

	private final String tablePrefix;

	private JdbcSchema(JdbcDatabase database, String tablePrefix) {
		this.database = database;
		this.tablePrefix = tablePrefix;
	}

	/**
	 * Returns the schema of a database with a table prefix.
	 * @param database the database
	 * @param tablePrefix the prefix of the table names, such as {@code takt_} or
	 * {@code scheduling.takt_} (a schema, then a prefix); letters, digits and underscores
	 * @return the schema
	 * @throws IllegalArgumentException when the prefix is not of that form
	 */
	public static JdbcSchema of(JdbcDatabase database, String tablePrefix) {
		Objects.requireNonNull(database, "database must not be null");
		Objects.requireNonNull(tablePrefix, "tablePrefix must not be null");
		if (!PREFIX.matcher(tablePrefix).matches()) {
			throw new IllegalArgumentException("Invalid table prefix '" + tablePrefix
					+ "': use letters, digits and underscores, optionally after a schema name and a dot");
		}
		if (database == JdbcDatabase.SQLITE && tablePrefix.contains(".")) {
			throw new IllegalArgumentException("Invalid table prefix '" + tablePrefix
					+ "': SQLite tables take no schema name in the prefix");
		}
		return new JdbcSchema(database, tablePrefix);
	}

	/**
	 * Returns the database.
	 * @return the database
	 */
	public JdbcDatabase database() {
		return this.database;
	}

	/**
	 * Returns the table prefix.
	 * @return the prefix
	 */
	public String tablePrefix() {
		return this.tablePrefix;
	}

	/**
	 * Returns the name of the jobs table.
	 * @return the name, with the prefix
	 */
	public String jobsTable() {
		return this.tablePrefix + "jobs";
	}

	/**
	 * Returns the name of the runs table.
	 * @return the name, with the prefix
	 */
	public String runsTable() {
		return this.tablePrefix + "runs";
	}

	/**
	 * Returns the name of the run history table.
	 * @return the name, with the prefix
	 */
	public String historyTable() {
		return this.tablePrefix + "run_history";
	}

	/**
	 * Returns the schema script with this schema's table prefix, comments removed.
	 * @return the script
	 */
	public String script() {
		return String.join(";\n\n", statements()) + ";\n";
	}

	/**
	 * Returns the statements of the schema script with this schema's table prefix.
	 * @return the statements, in order
	 */
	public List<String> statements() {
		String local = this.tablePrefix.substring(this.tablePrefix.indexOf('.') + 1);
		StringBuilder text = new StringBuilder();
		for (String line : readScript().split("\n")) {
			if (!line.stripLeading().startsWith("--")) {
				text.append(line).append('\n');
			}
		}
		String script = INDEX_NAME.matcher(text).replaceAll("$1\u0000");
		script = TABLE_NAME.matcher(script).replaceAll(Matcher.quoteReplacement(this.tablePrefix));
		script = script.replace("\u0000", local);
		List<String> statements = new ArrayList<>();
		for (String statement : script.split(";")) {
			if (!statement.isBlank()) {
				statements.add(statement.strip());
			}
		}
		return statements;
	}

	/**
	 * Creates the tables and indexes that do not exist yet.
	 * @param dataSource where to create them
	 * @throws JobPersistenceException when a statement fails
	 */
	public void create(DataSource dataSource) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		for (String statement : statements()) {
			try {
				jdbc.execute(statement);
			}
			catch (DataAccessException ex) {
				throw new JobPersistenceException("Could not create the " + this.database.id()
						+ " job store tables with prefix '" + this.tablePrefix + "': " + ex.getMessage(), ex);
			}
		}
	}

	/**
	 * Returns whether the jobs table exists.
	 * @param dataSource where to look
	 * @return whether it exists
	 */
	public boolean exists(DataSource dataSource) {
		try {
			new JdbcTemplate(dataSource).queryForList("SELECT id FROM " + jobsTable() + " WHERE 1 = 0");
			return true;
		}
		catch (DataAccessException ex) {
			return false;
		}
	}

	/**
	 * Drops the store's tables, and with them every job, run and history record.
	 * @param dataSource where to drop them
	 * @throws JobPersistenceException when a statement fails
	 */
	public void drop(DataSource dataSource) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		for (String table : List.of(historyTable(), runsTable(), jobsTable())) {
			try {
				jdbc.execute("DROP TABLE IF EXISTS " + table);
			}
			catch (DataAccessException ex) {
				throw new JobPersistenceException("Could not drop the job store table " + table + ": "
						+ ex.getMessage(), ex);
			}
		}
	}

	private String readScript() {
		String location = this.database.schemaLocation();
		try (InputStream in = JdbcSchema.class.getClassLoader().getResourceAsStream(location)) {
			if (in == null) {
				throw new IllegalStateException("Schema script " + location + " is missing from the class path");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not read schema script " + location, ex);
		}
	}

	@Override
	public String toString() {
		return "JdbcSchema[" + this.database.id() + ", prefix " + this.tablePrefix + "]";
	}

}
