package dev.takt.scheduler.boot.autoconfigure;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A parsed {@code scheduler.jobstore-url}: where an instance keeps its jobs. The forms are those
 * Spring and APScheduler users already write:
 * <ul>
 * <li>{@code memory:} (the default): a {@link dev.takt.scheduler.store.MemoryJobStore};</li>
 * <li>{@code jdbc:...}: any JDBC URL;</li>
 * <li>SQLAlchemy-style URLs, turned into JDBC URLs: {@code sqlite:///relative.db},
 * {@code sqlite:////absolute/path.db} (both with write-ahead logging), {@code sqlite://} (in
 * memory), {@code postgresql://user:pass@host:5432/db} (also {@code postgres://} and
 * {@code postgresql+psycopg2://}), {@code mysql://...} (also {@code mysql+pymysql://...}) and
 * {@code mariadb://...}, both for the MariaDB driver ({@code jdbc:mariadb:}), which speaks to
 * MySQL servers too;</li>
 * <li>{@code redis://[[user]:password@]host[:port][/db]} and {@code rediss://} (TLS);</li>
 * <li>a bean name: the application's {@code DataSource}, {@code RedisConnectionFactory} or
 * {@code JobStore} bean of that name.</li>
 * </ul>
 * Store modules build stores for the forms they know through a {@link JobStoreFactory} bean. The
 * {@code toString()} of every form masks passwords.
 */
public sealed interface JobStoreUrl permits JobStoreUrl.Memory, JobStoreUrl.Jdbc, JobStoreUrl.Redis,
		JobStoreUrl.BeanReference {

	/**
	 * Returns the value as configured.
	 * @return the value
	 */
	String value();

	/**
	 * Returns the value as configured, with any password masked, for messages and logs.
	 * @return the masked value
	 */
	default String masked() {
		return mask(value());
	}

	/**
	 * Parses a {@code scheduler.jobstore-url} value.
	 * @param value the value
	 * @return the parsed URL
	 * @throws IllegalArgumentException when the value is none of the known forms; the message
	 * says why, without repeating the value
	 */
	static JobStoreUrl parse(String value) {
		return JobStoreUrlParser.parse(Objects.requireNonNull(value, "value must not be null"));
	}

	/**
	 * Masks the passwords in a URL: the one in its user info and {@code password=} parameters.
	 * @param value the URL
	 * @return the URL with every password replaced by {@code ******}
	 */
	static String mask(String value) {
		String masked = JobStoreUrlParser.USER_INFO_PASSWORD.matcher(value).replaceFirst("$1******@");
		return JobStoreUrlParser.PASSWORD_PARAMETER.matcher(masked).replaceAll("$1******");
	}

	/**
	 * The memory store.
	 *
	 * @param value the value as configured
	 */
	record Memory(String value) implements JobStoreUrl {
	}

	/**
	 * A SQL database, by JDBC URL.
	 *
	 * @param value the value as configured
	 * @param jdbcUrl the JDBC URL, without the user's credentials
	 * @param database the database kind, the JDBC sub-protocol: {@code sqlite}, {@code postgresql},
	 * {@code mysql}, {@code mariadb}, {@code h2}, ...
	 * @param username the user from the URL, or {@code null}
	 * @param password the password from the URL, or {@code null}
	 */
	record Jdbc(String value, String jdbcUrl, String database, @Nullable String username,
			@Nullable String password) implements JobStoreUrl {

		@Override
		public String toString() {
			return "Jdbc[" + mask(this.jdbcUrl) + ((this.username != null) ? ", user " + this.username : "") + "]";
		}

	}

	/**
	 * A Redis server.
	 *
	 * @param value the value as configured
	 * @param host the host
	 * @param port the port
	 * @param database the database index
	 * @param username the user, or {@code null}
	 * @param password the password, or {@code null}
	 * @param ssl whether to connect with TLS ({@code rediss://})
	 */
	record Redis(String value, String host, int port, int database, @Nullable String username,
			@Nullable String password, boolean ssl) implements JobStoreUrl {

		/** The port of a URL that names none. */
		public static final int DEFAULT_PORT = 6379;

		@Override
		public String toString() {
			return "Redis[" + mask(this.value) + "]";
		}

	}

	/**
	 * A bean of the application: a {@code DataSource}, a {@code RedisConnectionFactory} or a
	 * {@code JobStore}.
	 *
	 * @param value the bean name
	 */
	record BeanReference(String value) implements JobStoreUrl {

		/**
		 * Returns the bean name.
		 * @return the bean name
		 */
		public String beanName() {
			return this.value;
		}

	}

}
