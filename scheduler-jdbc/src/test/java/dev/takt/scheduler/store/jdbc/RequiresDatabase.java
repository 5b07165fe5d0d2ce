package dev.takt.scheduler.store.jdbc;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that needs a database server: outside CI the class is skipped with a message
 * that names the server and how to start it when the server is not reachable; in CI
 * ({@code CI=true}) it fails instead. Published in the test-jar for the modules that build on the
 * store.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(DatabaseCondition.class)
public @interface RequiresDatabase {

	/**
	 * The database the tests need.
	 * @return the database
	 */
	JdbcDatabase value();

}
