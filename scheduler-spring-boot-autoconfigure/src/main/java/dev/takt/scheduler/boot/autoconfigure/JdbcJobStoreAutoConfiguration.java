package dev.takt.scheduler.boot.autoconfigure;

import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.store.jdbc.JdbcJobStore;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Auto-configuration of the SQL job store, when the application has {@code dev.takt:scheduler-jdbc}:
 * the {@link JobStoreFactory} that turns a {@code jobstore-url} naming a database (a JDBC URL, a
 * SQLAlchemy-style URL or a {@code DataSource} bean) into a {@link JdbcJobStore} with its run
 * history, configured by {@code scheduler.jdbc.*}. It defines no {@code DataSource} of the
 * application's: a store on a URL has a pool of its own.
 */
@AutoConfiguration
@ConditionalOnClass({ Scheduler.class, JdbcJobStore.class })
@ConditionalOnBooleanProperty(name = "scheduler.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SchedulerProperties.class)
public final class JdbcJobStoreAutoConfiguration {

	JdbcJobStoreAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	JdbcJobStoreFactory jdbcJobStoreFactory(SchedulerProperties properties, ListableBeanFactory beanFactory,
			ObjectProvider<PlatformTransactionManager> transactionManagers) {
		ClassLoader classLoader = (beanFactory instanceof ConfigurableListableBeanFactory configurable)
				? configurable.getBeanClassLoader() : null;
		return new JdbcJobStoreFactory(properties, beanFactory, transactionManagers, classLoader);
	}

}
