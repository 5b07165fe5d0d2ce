package dev.takt.scheduler.boot.autoconfigure;

import java.util.Locale;
import java.util.Optional;

/**
 * The JDBC drivers of the databases the SQL job store speaks, by the sub-protocol of their URLs:
 * the driver class that must be on the class path, and the Maven coordinates that bring it.
 */
enum JdbcDriver {

	H2("h2", "H2", "org.h2.Driver", "com.h2database:h2"),

	POSTGRESQL("postgresql", "PostgreSQL", "org.postgresql.Driver", "org.postgresql:postgresql"),

	MARIADB("mariadb", "MariaDB or MySQL", "org.mariadb.jdbc.Driver", "org.mariadb.jdbc:mariadb-java-client"),

	MYSQL("mysql", "MySQL", "com.mysql.cj.jdbc.Driver", "com.mysql:mysql-connector-j"),

	SQLITE("sqlite", "SQLite", "org.sqlite.JDBC", "org.xerial:sqlite-jdbc");

	private final String subProtocol;

	private final String database;

	private final String className;

	private final String coordinates;

	JdbcDriver(String subProtocol, String database, String className, String coordinates) {
		this.subProtocol = subProtocol;
		this.database = database;
		this.className = className;
		this.coordinates = coordinates;
	}

	/**
	 * Returns the driver of a JDBC sub-protocol.
	 * @param subProtocol the sub-protocol, as in {@code jdbc:<sub-protocol>:...}
	 * @return the driver, or empty when the store does not speak that database
	 */
	static Optional<JdbcDriver> of(String subProtocol) {
		String name = subProtocol.toLowerCase(Locale.ROOT);
		for (JdbcDriver driver : values()) {
			if (driver.subProtocol.equals(name)) {
				return Optional.of(driver);
			}
		}
		return Optional.empty();
	}

	/**
	 * Returns the database's name, for messages.
	 * @return the name
	 */
	String database() {
		return this.database;
	}

	/**
	 * Returns the driver's class name.
	 * @return the class name
	 */
	String className() {
		return this.className;
	}

	/**
	 * Returns the Maven coordinates of the driver, {@code groupId:artifactId}.
	 * @return the coordinates
	 */
	String coordinates() {
		return this.coordinates;
	}

}
