package dev.takt.scheduler.boot.autoconfigure;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import dev.takt.scheduler.JobPersistenceException;
import dev.takt.scheduler.boot.autoconfigure.SchedulerProperties.SchemaInitialization;
import dev.takt.scheduler.store.jdbc.JdbcDatabase;
import dev.takt.scheduler.store.jdbc.JdbcJobStore;
import dev.takt.scheduler.store.jdbc.JdbcRunHistory;
import dev.takt.scheduler.store.jdbc.JdbcSchema;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.ResourceTransactionManager;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Builds a {@link JdbcJobStore} and its {@link JdbcRunHistory} for the SQL forms of
 * {@code jobstore-url}:
 * <ul>
 * <li>a JDBC URL, or a SQLAlchemy-style URL turned into one ({@link JobStoreUrl.Jdbc}): on a data
 * source of its own, a HikariCP pool when HikariCP is on the class path (one connection for
 * SQLite, which has a single writer), else a new connection for each use; instances on the same
 * URL share it, and it is closed when the application stops;</li>
 * <li>the name of a {@code DataSource} bean: on the application's data source, joining the
 * application's transactions through the transaction manager of that data source.</li>
 * </ul>
 * At start-up it connects once: to detect the database of a {@code DataSource} bean, and to create
 * the tables or check that they exist ({@code scheduler.jdbc.initialize-schema}).
 */
final class JdbcJobStoreFactory implements JobStoreFactory, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(JdbcJobStoreFactory.class);

	private final SchedulerProperties properties;

	private final ListableBeanFactory beanFactory;

	private final ObjectProvider<PlatformTransactionManager> transactionManagers;

	private final @Nullable ClassLoader classLoader;

	/** The data sources of JDBC URLs, by URL and credentials, shared by the instances on one database. */
	private final Map<String, DataSource> dataSources = new LinkedHashMap<>();

	private final List<JdbcRunHistory> histories = new ArrayList<>();

	/** The instance that has each table prefix, by data source. */
	private final Map<DataSource, Map<String, String>> tableOwners = new IdentityHashMap<>();

	JdbcJobStoreFactory(SchedulerProperties properties, ListableBeanFactory beanFactory,
			ObjectProvider<PlatformTransactionManager> transactionManagers, @Nullable ClassLoader classLoader) {
		this.properties = properties;
		this.beanFactory = beanFactory;
		this.transactionManagers = transactionManagers;
		this.classLoader = classLoader;
	}

	@Override
	public boolean supports(JobStoreUrl url) {
		if (url instanceof JobStoreUrl.Jdbc) {
			return true;
		}
		return url instanceof JobStoreUrl.BeanReference bean && this.beanFactory.containsBean(bean.beanName())
				&& this.beanFactory.isTypeMatch(bean.beanName(), DataSource.class);
	}

	@Override
	public synchronized StoreSetup create(JobStoreUrl url, StoreContext instance) {
		JdbcStoreSettings settings = JdbcStoreSettings.resolve(this.properties, instance.schedulerName());
		Database database = (url instanceof JobStoreUrl.Jdbc jdbc) ? ownDatabase(jdbc, instance)
				: applicationDatabase((JobStoreUrl.BeanReference) url, instance);
		JdbcSchema schema;
		try {
			schema = JdbcSchema.of(database.kind(), settings.tablePrefix());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSchedulerPropertyException(settings.tablePrefixProperty(), settings.tablePrefix(),
					reason(ex, "Invalid table prefix '" + settings.tablePrefix() + "': "));
		}
		String owner = this.tableOwners.computeIfAbsent(database.dataSource(), (key) -> new LinkedHashMap<>())
			.putIfAbsent(schema.tablePrefix(), instance.schedulerName());
		if (owner != null) {
			throw new InvalidSchedulerPropertyException(settings.tablePrefixProperty(), settings.tablePrefix(),
					"scheduler '" + instance.schedulerName() + "' would share the tables " + schema.tablePrefix()
							+ "* of the " + database.description() + " with scheduler '" + owner
							+ "', and each instance needs tables of its own",
					"Set scheduler.instances." + instance.schedulerName()
							+ ".jdbc.table-prefix to a prefix no other instance has.",
					null);
		}
		initialize(schema, database, settings);
		JdbcJobStore.Builder builder = JdbcJobStore.builder(database.dataSource())
			.database(database.kind())
			.tablePrefix(settings.tablePrefix())
			.leaseTime(settings.leaseTime())
			.handlers(instance.handlers());
		if (database.transactionManager() != null) {
			builder.transactionManager(database.transactionManager());
		}
		JdbcJobStore store = builder.build();
		JdbcRunHistory history = JdbcRunHistory.builder(database.dataSource())
			.database(database.kind())
			.tablePrefix(settings.tablePrefix())
			.retention(settings.historyRetention())
			.node(store.owner())
			.build();
		this.histories.add(history);
		logger.info("Scheduler '{}' keeps its jobs in the tables {}* of the {}", instance.schedulerName(),
				settings.tablePrefix(), database.description());
		return StoreSetup.of(store, history);
	}

	/** Returns the database of a JDBC URL, on a data source of this factory's own. */
	private Database ownDatabase(JobStoreUrl.Jdbc url, StoreContext instance) {
		String property = instance.jobstoreUrlProperty();
		JdbcDriver driver = JdbcDriver.of(url.database())
			.orElseThrow(() -> new InvalidSchedulerPropertyException(property, url.masked(),
					"the value asks for a database of the kind '" + url.database()
							+ "', which the SQL job store does not speak (it speaks H2, PostgreSQL, MariaDB, MySQL"
							+ " and SQLite)",
					"Set " + property + " to a database of one of those kinds, or to memory:.", null));
		JdbcDatabase kind = JdbcDatabase.fromJdbcUrl(url.jdbcUrl()).orElseThrow();
		if (!ClassUtils.isPresent(driver.className(), this.classLoader)) {
			throw new InvalidSchedulerPropertyException(property, url.masked(),
					"the value asks for a " + driver.database() + " database, and its JDBC driver ("
							+ driver.className() + ") is not on the class path",
					"Add the dependency " + driver.coordinates() + " (the " + driver.database()
							+ " JDBC driver; runtime scope is enough) to the application, or set " + property
							+ " to memory:.",
					null);
		}
		String key = url.jdbcUrl() + '\n' + url.username() + '\n' + url.password();
		DataSource dataSource = this.dataSources.get(key);
		if (dataSource == null) {
			dataSource = createDataSource(url, kind, driver, "takt-" + instance.schedulerName());
			this.dataSources.put(key, dataSource);
		}
		Database database = new Database(dataSource, kind, isEmbedded(kind, url.jdbcUrl()),
				displayName(kind) + " database at " + JobStoreUrl.mask(url.jdbcUrl()), null, property, url.masked());
		checkConnection(database);
		return database;
	}

	private DataSource createDataSource(JobStoreUrl.Jdbc url, JdbcDatabase kind, JdbcDriver driver, String name) {
		if (kind == JdbcDatabase.SQLITE) {
			createParentDirectories(url.jdbcUrl());
		}
		// SQLite has one writer: one connection, so that the scheduler's threads wait for it rather than fail busy
		int maximumSize = (kind == JdbcDatabase.SQLITE) ? 1 : 10;
		if (ClassUtils.isPresent(HikariPools.DATA_SOURCE_CLASS, this.classLoader)) {
			return HikariPools.create(name, url.jdbcUrl(), driver.className(), url.username(), url.password(),
					maximumSize, isInMemory(url.jdbcUrl()));
		}
		Driver jdbcDriver = BeanUtils
			.instantiateClass(ClassUtils.resolveClassName(driver.className(), this.classLoader), Driver.class);
		SimpleDriverDataSource dataSource = new SimpleDriverDataSource(jdbcDriver, url.jdbcUrl());
		dataSource.setUsername(url.username());
		dataSource.setPassword(url.password());
		return dataSource;
	}

	/** Returns the database of an application's {@code DataSource} bean, detected from its metadata. */
	private Database applicationDatabase(JobStoreUrl.BeanReference url, StoreContext instance) {
		String property = instance.jobstoreUrlProperty();
		DataSource dataSource = this.beanFactory.getBean(url.beanName(), DataSource.class);
		String product;
		String jdbcUrl;
		try (Connection connection = dataSource.getConnection()) {
			DatabaseMetaData metaData = connection.getMetaData();
			product = metaData.getDatabaseProductName();
			jdbcUrl = metaData.getURL();
		}
		catch (SQLException | RuntimeException ex) {
			throw new InvalidSchedulerPropertyException(property, url.beanName(),
					"the job store could not connect to the database of the DataSource bean '" + url.beanName() + "': "
							+ ex.getMessage(),
					"Check that the database is running and reachable with the DataSource's settings.", ex);
		}
		JdbcDatabase kind = JdbcDatabase.fromProductName(product)
			.orElseThrow(() -> new InvalidSchedulerPropertyException(property, url.beanName(),
					"the DataSource bean '" + url.beanName() + "' connects to " + product
							+ ", which the SQL job store does not speak (it speaks H2, PostgreSQL, MariaDB, MySQL and"
							+ " SQLite)",
					"Set " + property + " to the name of a DataSource of one of those databases, or to memory:.",
					null));
		return new Database(dataSource, kind, isEmbedded(kind, jdbcUrl),
				displayName(kind) + " database of the DataSource bean '" + url.beanName() + "'",
				transactionManagerOf(dataSource), property, url.beanName());
	}

	/**
	 * Returns the application's transaction manager of a data source, so that adding a job joins
	 * the application's transaction: one whose resource is the data source (a
	 * {@code DataSourceTransactionManager}), or that binds it (a {@code JpaTransactionManager}).
	 * Without one the store's own transaction manager on the data source joins the transactions
	 * that bind its connection.
	 */
	private @Nullable PlatformTransactionManager transactionManagerOf(DataSource dataSource) {
		return this.transactionManagers.orderedStream()
			.filter((transactionManager) -> manages(transactionManager, dataSource))
			.findFirst()
			.orElse(null);
	}

	static boolean manages(PlatformTransactionManager transactionManager, DataSource dataSource) {
		if (transactionManager instanceof ResourceTransactionManager resources
				&& resources.getResourceFactory() == dataSource) {
			return true;
		}
		Method getDataSource = ReflectionUtils.findMethod(transactionManager.getClass(), "getDataSource");
		return getDataSource != null && DataSource.class.isAssignableFrom(getDataSource.getReturnType())
				&& ReflectionUtils.invokeMethod(getDataSource, transactionManager) == dataSource;
	}

	private void initialize(JdbcSchema schema, Database database, JdbcStoreSettings settings) {
		SchemaInitialization mode = settings.initializeSchema();
		boolean create = (mode == SchemaInitialization.ALWAYS)
				|| (mode == SchemaInitialization.EMBEDDED && database.embedded());
		if (create) {
			try {
				schema.create(database.dataSource());
			}
			catch (JobPersistenceException ex) {
				throw new InvalidSchedulerPropertyException(settings.initializeSchemaProperty(), value(mode),
						"the job store could not create its tables in the " + database.description() + ": "
								+ ex.getMessage(),
						"Check that the database user may create tables, or create them from the script "
								+ scriptAdvice(schema) + " and set " + settings.initializeSchemaProperty() + " to never.",
						ex);
			}
			return;
		}
		if (!schema.exists(database.dataSource())) {
			checkConnection(database);
			throw new InvalidSchedulerPropertyException(settings.initializeSchemaProperty(), value(mode),
					"the job store's tables (" + schema.jobsTable() + ", " + schema.runsTable() + ", "
							+ schema.historyTable() + ") do not exist in the " + database.description()
							+ ((mode == SchemaInitialization.EMBEDDED) ? ", and \"embedded\" creates them only in an"
									+ " embedded database (H2, SQLite)" : ""),
					"Create them from the script " + scriptAdvice(schema) + " (in a Flyway or Liquibase migration,"
							+ " say), or set " + settings.initializeSchemaProperty() + " to always.",
					null);
		}
	}

	private static String scriptAdvice(JdbcSchema schema) {
		String location = "classpath:" + schema.database().schemaLocation();
		return schema.tablePrefix().equals(JdbcSchema.DEFAULT_TABLE_PREFIX) ? location
				: location + " with the prefix " + JdbcSchema.DEFAULT_TABLE_PREFIX + " replaced by " + schema.tablePrefix();
	}

	/** Fails with the property that names the database when it cannot be reached. */
	private static void checkConnection(Database database) {
		try (Connection connection = database.dataSource().getConnection()) {
			connection.isValid(5);
		}
		catch (SQLException | RuntimeException ex) {
			throw new InvalidSchedulerPropertyException(database.property(), database.value(),
					"the job store could not connect to the " + database.description() + ": " + ex.getMessage(),
					"Check that the database is running and reachable, and the user and password, or set "
							+ database.property() + " to memory:.",
					ex);
		}
	}

	/**
	 * Returns whether a database is embedded, as {@code initialize-schema=embedded} means it: H2
	 * in memory or in a file (not through a server), and SQLite.
	 */
	static boolean isEmbedded(JdbcDatabase database, @Nullable String jdbcUrl) {
		return switch (database) {
			case SQLITE -> true;
			case H2 -> jdbcUrl != null && !jdbcUrl.regionMatches(true, 0, "jdbc:h2:tcp:", 0, 12)
					&& !jdbcUrl.regionMatches(true, 0, "jdbc:h2:ssl:", 0, 12);
			default -> false;
		};
	}

	/** Returns whether a database lives only as long as a connection to it. */
	private static boolean isInMemory(String jdbcUrl) {
		String url = jdbcUrl.toLowerCase(Locale.ROOT);
		return url.startsWith("jdbc:h2:mem:") || url.startsWith("jdbc:sqlite::memory:")
				|| url.equals("jdbc:sqlite:") || url.contains("mode=memory");
	}

	/** SQLite creates a database file, but not the directories it is in. */
	private static void createParentDirectories(String jdbcUrl) {
		String location = jdbcUrl.substring("jdbc:sqlite:".length());
		int query = location.indexOf('?');
		String path = (query >= 0) ? location.substring(0, query) : location;
		if (path.isEmpty() || path.startsWith(":") || path.startsWith("file:")) {
			return;
		}
		Path parent = Path.of(path).toAbsolutePath().getParent();
		if (parent != null) {
			try {
				Files.createDirectories(parent);
			}
			catch (IOException ex) {
				logger.warn("Could not create the directory {} of the SQLite job store", parent, ex);
			}
		}
	}

	private static String displayName(JdbcDatabase database) {
		return switch (database) {
			case H2 -> "H2";
			case POSTGRESQL -> "PostgreSQL";
			case MARIADB -> "MariaDB/MySQL";
			case SQLITE -> "SQLite";
		};
	}

	private static String value(SchemaInitialization mode) {
		return mode.name().toLowerCase(Locale.ROOT);
	}

	private static String reason(IllegalArgumentException ex, String prefix) {
		String message = String.valueOf(ex.getMessage());
		return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
	}

	/**
	 * Returns the data sources this factory made for JDBC URLs.
	 * @return the data sources
	 */
	synchronized List<DataSource> dataSources() {
		return List.copyOf(this.dataSources.values());
	}

	/**
	 * Writes the run records still queued and closes the data sources made for JDBC URLs; the
	 * instances have shut down before (their lifecycle stops before beans are destroyed).
	 */
	@Override
	public synchronized void destroy() {
		for (JdbcRunHistory history : this.histories) {
			history.close();
		}
		this.histories.clear();
		for (DataSource dataSource : this.dataSources.values()) {
			if (dataSource instanceof AutoCloseable closeable) {
				try {
					closeable.close();
				}
				catch (Exception ex) {
					logger.warn("Could not close the job store's data source {}", dataSource, ex);
				}
			}
		}
		this.dataSources.clear();
	}

	/**
	 * A database a store is built on.
	 *
	 * @param dataSource its data source
	 * @param kind the kind of database
	 * @param embedded whether it is embedded
	 * @param description what it is, for messages: the kind and the masked URL or the bean name
	 * @param transactionManager the application's transaction manager of the data source, or
	 * {@code null}
	 * @param property the property that names it
	 * @param value the value of that property, masked
	 */
	private record Database(DataSource dataSource, JdbcDatabase kind, boolean embedded, String description,
			@Nullable PlatformTransactionManager transactionManager, String property, String value) {
	}

}
