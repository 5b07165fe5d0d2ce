package dev.takt.scheduler.boot.autoconfigure;

import java.util.Set;

import dev.takt.scheduler.SchedulerManager;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitializationDetector;

/**
 * A {@link DependsOnDatabaseInitializationDetector} for the {@link SchedulerManager}: it is built
 * after the application's databases are initialized (Flyway and Liquibase migrations,
 * {@code spring.sql.init} scripts), so that a SQL job store finds the tables they create.
 */
class SchedulerDependsOnDatabaseInitializationDetector
		extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

	@Override
	protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
		return Set.of(SchedulerManager.class);
	}

}
