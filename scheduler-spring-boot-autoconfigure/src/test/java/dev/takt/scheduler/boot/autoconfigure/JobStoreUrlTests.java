package dev.takt.scheduler.boot.autoconfigure;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link JobStoreUrl}: every form of {@code scheduler.jobstore-url}, and the malformed
 * ones.
 */
class JobStoreUrlTests {

	@ParameterizedTest
	@ValueSource(strings = { "memory:", "memory", " memory: " })
	void memory(String value) {
		assertThat(JobStoreUrl.parse(value)).isInstanceOf(JobStoreUrl.Memory.class);
	}

	@ParameterizedTest
	@ValueSource(strings = { "dataSource", "jobsDataSource", "redisConnectionFactory", "my-store", "stores.main" })
	void beanNames(String value) {
		assertThat(JobStoreUrl.parse(value)).isEqualTo(new JobStoreUrl.BeanReference(value));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			jdbc:h2:file:./data/jobs                        | jdbc:h2:file:./data/jobs                   | h2
			jdbc:postgresql://db:5432/jobs?sslmode=require  | jdbc:postgresql://db:5432/jobs?sslmode=require | postgresql
			sqlite:///jobs.db                               | jdbc:sqlite:jobs.db?journal_mode=WAL&synchronous=NORMAL | sqlite
			sqlite:///data/jobs.db                          | jdbc:sqlite:data/jobs.db?journal_mode=WAL&synchronous=NORMAL | sqlite
			sqlite:////var/lib/app/jobs.db                  | jdbc:sqlite:/var/lib/app/jobs.db?journal_mode=WAL&synchronous=NORMAL | sqlite
			sqlite://                                       | jdbc:sqlite::memory:                       | sqlite
			sqlite:///:memory:                              | jdbc:sqlite::memory:                       | sqlite
			postgresql://db.example/jobs                    | jdbc:postgresql://db.example/jobs          | postgresql
			postgres://db.example:6543/jobs                 | jdbc:postgresql://db.example:6543/jobs     | postgresql
			postgresql+psycopg2://db.example/jobs?sslmode=require | jdbc:postgresql://db.example/jobs?sslmode=require | postgresql
			mysql://db.example/jobs                         | jdbc:mariadb://db.example/jobs             | mariadb
			mysql+pymysql://db.example:3307/jobs            | jdbc:mariadb://db.example:3307/jobs        | mariadb
			jdbc:mysql://db.example/jobs                    | jdbc:mysql://db.example/jobs               | mysql
			mariadb+mariadbconnector://db.example/jobs      | jdbc:mariadb://db.example/jobs             | mariadb
			postgresql://[::1]:5432/jobs                    | jdbc:postgresql://[::1]:5432/jobs          | postgresql
			""")
	void sqlUrls(String value, String jdbcUrl, String database) {
		JobStoreUrl.Jdbc url = (JobStoreUrl.Jdbc) JobStoreUrl.parse(value);
		assertThat(url.jdbcUrl()).isEqualTo(jdbcUrl);
		assertThat(url.database()).isEqualTo(database);
		assertThat(url.value()).isEqualTo(value);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			postgresql://scott:tiger@db.example/jobs     | scott | tiger
			mysql+pymysql://app:p%40ss%3Aw0rd@db/jobs    | app   | p@ss:w0rd
			postgresql://scott@db.example/jobs           | scott |
			""")
	void credentialsAreTakenOutOfTheJdbcUrl(String value, String user, String password) {
		JobStoreUrl.Jdbc url = (JobStoreUrl.Jdbc) JobStoreUrl.parse(value);
		assertThat(url.username()).isEqualTo(user);
		assertThat(url.password()).isEqualTo(password);
		assertThat(url.jdbcUrl()).doesNotContain("@");
		if (password != null) {
			assertThat(url.toString()).doesNotContain(password);
		}
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			redis://localhost                      | localhost | 6379 | 0 |       |        | false
			redis://localhost:6380/2               | localhost | 6380 | 2 |       |        | false
			redis://:secret@cache.example:6379/1   | cache.example | 6379 | 1 |   | secret | false
			redis://app:secret@cache.example/3     | cache.example | 6379 | 3 | app | secret | false
			rediss://cache.example:6380/0          | cache.example | 6380 | 0 |   |        | true
			""")
	void redisUrls(String value, String host, int port, int database, String user, String password, boolean ssl) {
		JobStoreUrl.Redis url = (JobStoreUrl.Redis) JobStoreUrl.parse(value);
		assertThat(url).isEqualTo(new JobStoreUrl.Redis(value, host, port, database, user, password, ssl));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			''                              | must not be empty
			ftp://files.example/jobs        | unknown scheme 'ftp:'
			jdbc:                           | is not a JDBC URL
			sqlite:jobs.db                  | is not a SQLite URL
			sqlite://host/jobs.db           | names a host
			postgresql:///jobs              | has no host
			postgresql://db/jobs/extra      | more than a database name
			mysql://db:notaport/jobs        | has the malformed host and port 'db:notaport'
			mysql://db/jobs?x=a b           | is not a valid URL
			redis://localhost/zero          | is not a number
			redis:///0                      | has no host
			my store                        | is neither a URL nor a bean name
			""")
	void malformedUrlsSayWhy(String value, String reason) {
		assertThatIllegalArgumentException().isThrownBy(() -> JobStoreUrl.parse(value)).withMessageContaining(reason);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			postgresql://scott:tiger@db/jobs              | postgresql://scott:******@db/jobs
			redis://:secret@localhost:6379/0              | redis://:******@localhost:6379/0
			jdbc:postgresql://db/jobs?user=a&password=b   | jdbc:postgresql://db/jobs?user=a&password=******
			jdbc:sqlserver://db;user=a;password=b;x=1     | jdbc:sqlserver://db;user=a;password=******;x=1
			sqlite:///jobs.db                             | sqlite:///jobs.db
			""")
	void passwordsAreMasked(String value, String masked) {
		assertThat(JobStoreUrl.mask(value)).isEqualTo(masked);
	}

}
