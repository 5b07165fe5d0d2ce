package dev.takt.scheduler.boot.autoconfigure;

import dev.takt.scheduler.SchedulerBuilder;

/**
 * Customizes the builder of each auto-configured scheduler instance, after the
 * {@code scheduler.*} properties are applied and before the instance is built: add executors,
 * listeners or handlers, set another store, clock or run history. Customizer beans are applied in
 * their {@link org.springframework.core.Ordered order}.
 * <pre>{@code
 * @Bean
 * SchedulerCustomizer reportExecutor() {
 *     return (name, builder) -> {
 *         if (name.equals("report")) {
 *             builder.executor("cpu", ThreadPoolJobExecutor.ofSize(2, "report-cpu-"));
 *         }
 *     };
 * }
 * }</pre>
 */
@FunctionalInterface
public interface SchedulerCustomizer {

	/**
	 * Customizes the builder of one instance.
	 * @param name the instance name ({@code default} for the top-level one)
	 * @param builder the builder
	 */
	void customize(String name, SchedulerBuilder builder);

}
