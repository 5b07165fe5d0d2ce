package dev.takt.scheduler.boot.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Parses the {@link JobStoreUrl} forms.
 */
final class JobStoreUrlParser {

	static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^/@:?#]*:)[^/@?#]*@");

	static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&;]*");

	private static final Pattern SCHEME = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.\\-]*):(.*)", Pattern.DOTALL);

	private static final Pattern BEAN_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$.\\-]*");

	private static final Pattern JDBC = Pattern.compile("jdbc:([a-zA-Z0-9]+):.+", Pattern.DOTALL);

	/**
	 * Write-ahead logging lets readers go on while the store writes, and with it a commit need
	 * not wait for the disk (the database stays consistent through a crash; the last commits may
	 * be lost in a power cut).
	 */
	static final String SQLITE_FILE_SETTINGS = "?journal_mode=WAL&synchronous=NORMAL";

	private static final String KNOWN_FORMS = "memory:, jdbc:..., sqlite:///file.db, "
			+ "postgresql://user:pass@host/db, mysql://user:pass@host/db, mariadb://..., "
			+ "redis://[:password@]host:port/db, or the name of a DataSource, RedisConnectionFactory or JobStore bean";

	private JobStoreUrlParser() {
	}

	static JobStoreUrl parse(String raw) {
		String value = raw.strip();
		if (value.isEmpty()) {
			throw new IllegalArgumentException("must not be empty; use one of " + KNOWN_FORMS);
		}
		if (value.equals("memory:") || value.equals("memory")) {
			return new JobStoreUrl.Memory(value);
		}
		var scheme = SCHEME.matcher(value);
		if (!scheme.matches()) {
			if (BEAN_NAME.matcher(value).matches()) {
				return new JobStoreUrl.BeanReference(value);
			}
			throw new IllegalArgumentException("is neither a URL nor a bean name; use one of " + KNOWN_FORMS);
		}
		String name = scheme.group(1).toLowerCase(Locale.ROOT);
		String dialect = name.contains("+") ? name.substring(0, name.indexOf('+')) : name;
		return switch (dialect) {
			case "jdbc" -> jdbc(value);
			case "sqlite" -> sqlite(value, scheme.group(2));
			case "postgresql", "postgres" -> server(value, "postgresql");
			// the MariaDB driver speaks to MySQL servers too, and is the one the store is tested with
			case "mysql" -> server(value, "mariadb");
			case "mariadb" -> server(value, "mariadb");
			case "redis", "rediss" -> redis(value, dialect.equals("rediss"));
			default -> throw new IllegalArgumentException(
					"has the unknown scheme '" + scheme.group(1) + ":'; use one of " + KNOWN_FORMS);
		};
	}

	private static JobStoreUrl.Jdbc jdbc(String value) {
		var matcher = JDBC.matcher(value);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("is not a JDBC URL: it needs a sub-protocol, as in jdbc:h2:file:./jobs");
		}
		return new JobStoreUrl.Jdbc(value, value, matcher.group(1).toLowerCase(Locale.ROOT), null, null);
	}

	private static JobStoreUrl.Jdbc sqlite(String value, String rest) {
		if (!rest.startsWith("//")) {
			throw new IllegalArgumentException("is not a SQLite URL: write sqlite:///relative/path.db, "
					+ "sqlite:////absolute/path.db or sqlite:// for a database in memory");
		}
		String location = rest.substring(2);
		if (location.isEmpty() || location.equals("/") || location.equals("/:memory:")) {
			return new JobStoreUrl.Jdbc(value, "jdbc:sqlite::memory:", "sqlite", null, null);
		}
		if (!location.startsWith("/")) {
			throw new IllegalArgumentException("names a host, which a SQLite URL has none of: write "
					+ "sqlite:///relative/path.db or sqlite:////absolute/path.db");
		}
		if (location.contains("?")) {
			throw new IllegalArgumentException("has query parameters, which a SQLite URL does not take here");
		}
		return new JobStoreUrl.Jdbc(value, "jdbc:sqlite:" + location.substring(1) + SQLITE_FILE_SETTINGS, "sqlite",
				null, null);
	}

	private static JobStoreUrl.Jdbc server(String value, String database) {
		URI uri = uri(value);
		String host = host(uri, database + "://user:pass@host:port/db");
		String path = (uri.getRawPath() != null) ? uri.getRawPath() : "";
		if (path.length() > 1 && path.indexOf('/', 1) >= 0) {
			throw new IllegalArgumentException("has a path of more than a database name");
		}
		StringBuilder jdbcUrl = new StringBuilder("jdbc:").append(database).append("://").append(host);
		if (uri.getPort() != -1) {
			jdbcUrl.append(':').append(uri.getPort());
		}
		jdbcUrl.append(path.isEmpty() ? "/" : path);
		if (uri.getRawQuery() != null) {
			jdbcUrl.append('?').append(uri.getRawQuery());
		}
		String[] credentials = credentials(uri);
		return new JobStoreUrl.Jdbc(value, jdbcUrl.toString(), database, credentials[0], credentials[1]);
	}

	private static JobStoreUrl.Redis redis(String value, boolean ssl) {
		URI uri = uri(value);
		String host = host(uri, "redis://[:password@]host:port/db");
		int port = (uri.getPort() != -1) ? uri.getPort() : JobStoreUrl.Redis.DEFAULT_PORT;
		String path = (uri.getPath() != null) ? uri.getPath() : "";
		int database = 0;
		if (path.length() > 1) {
			try {
				database = Integer.parseInt(path.substring(1));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("has the database '" + path.substring(1)
						+ "', which is not a number; write redis://host:port/0");
			}
			if (database < 0) {
				throw new IllegalArgumentException("has a negative database index");
			}
		}
		String[] credentials = credentials(uri);
		return new JobStoreUrl.Redis(value, host, port, database, credentials[0], credentials[1], ssl);
	}

	private static String host(URI uri, String example) {
		String host = uri.getHost();
		if (host != null && !host.isEmpty()) {
			return host;
		}
		String authority = uri.getRawAuthority();
		String hostAndPort = (authority != null) ? authority.substring(authority.lastIndexOf('@') + 1) : "";
		if (!hostAndPort.isEmpty()) {
			throw new IllegalArgumentException("has the malformed host and port '" + hostAndPort + "'; write " + example);
		}
		throw new IllegalArgumentException("has no host; write " + example);
	}

	private static URI uri(String value) {
		try {
			return new URI(value);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("is not a valid URL: " + ex.getReason()
					+ " (characters such as @ : / in a password must be percent-encoded)");
		}
	}

	/** Returns {user, password}, either {@code null}, percent-decoded. */
	private static @Nullable String[] credentials(URI uri) {
		String userInfo = uri.getRawUserInfo();
		if (userInfo == null) {
			return new String[2];
		}
		int colon = userInfo.indexOf(':');
		String user = (colon >= 0) ? userInfo.substring(0, colon) : userInfo;
		String password = (colon >= 0) ? userInfo.substring(colon + 1) : null;
		return new @Nullable String[] { user.isEmpty() ? null : decode(user), (password != null) ? decode(password) : null };
	}

	private static String decode(String value) {
		return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
	}

}
