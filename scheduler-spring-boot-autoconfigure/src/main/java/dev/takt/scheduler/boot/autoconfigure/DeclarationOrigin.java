package dev.takt.scheduler.boot.autoconfigure;

import java.util.Locale;

import dev.takt.scheduler.boot.annotation.InvalidScheduledJobException;
import org.jspecify.annotations.Nullable;

/**
 * Where a declared job comes from, so that a bad value is reported where it was written: the
 * {@code @ScheduledJob} method and attribute, or the {@code scheduler.jobs.<id>.*} property.
 * Attributes are named as the annotation's ({@code misfireGraceTime}, {@code retryMaxAttempts},
 * {@code dayOfWeek}); a property origin turns them into property names.
 */
sealed interface DeclarationOrigin permits DeclarationOrigin.Method, DeclarationOrigin.Property {

	/**
	 * Describes the origin for messages.
	 * @return the description
	 */
	String describe();

	/**
	 * Returns the exception that reports a bad value here.
	 * @param attribute the attribute, or {@code null} when the declaration as a whole is at fault
	 * @param value the bad value, or {@code null}
	 * @param reason why it is bad
	 * @param cause the underlying failure, or {@code null}
	 * @return the exception to throw
	 */
	RuntimeException invalid(@Nullable String attribute, @Nullable String value, String reason,
			@Nullable Throwable cause);

	/**
	 * Returns the exception that reports a bad value here.
	 * @param attribute the attribute, or {@code null} when the declaration as a whole is at fault
	 * @param value the bad value, or {@code null}
	 * @param reason why it is bad
	 * @return the exception to throw
	 */
	default RuntimeException invalid(@Nullable String attribute, @Nullable String value, String reason) {
		return invalid(attribute, value, reason, null);
	}

	/**
	 * A {@code @ScheduledJob} method.
	 *
	 * @param method the method's description
	 */
	record Method(String method) implements DeclarationOrigin {

		@Override
		public String describe() {
			return "@ScheduledJob on " + this.method;
		}

		@Override
		public RuntimeException invalid(@Nullable String attribute, @Nullable String value, String reason,
				@Nullable Throwable cause) {
			return new InvalidScheduledJobException(this.method, attribute, value, reason, cause);
		}

	}

	/**
	 * A job declared under {@code scheduler.jobs}.
	 *
	 * @param prefix the job's property prefix, {@code scheduler.jobs.<id>}
	 */
	record Property(String prefix) implements DeclarationOrigin {

		@Override
		public String describe() {
			return this.prefix;
		}

		@Override
		public RuntimeException invalid(@Nullable String attribute, @Nullable String value, String reason,
				@Nullable Throwable cause) {
			String property = (attribute != null) ? this.prefix + "." + propertyName(attribute) : this.prefix;
			return new InvalidSchedulerPropertyException(property, value, reason, null, cause);
		}

		static String propertyName(String attribute) {
			if (attribute.startsWith("retry") && !attribute.equals("retryOn")) {
				return "retry." + kebab(Character.toLowerCase(attribute.charAt(5)) + attribute.substring(6));
			}
			return switch (attribute) {
				case "retryOn" -> "retry.retry-on";
				case "abortOn" -> "retry.abort-on";
				case "dstGap" -> "dst.gap";
				case "dstRepeat" -> "dst.repeat";
				default -> kebab(attribute);
			};
		}

		private static String kebab(String camel) {
			StringBuilder name = new StringBuilder();
			for (char c : camel.toCharArray()) {
				if (Character.isUpperCase(c)) {
					name.append('-').append(Character.toLowerCase(c));
				}
				else {
					name.append(c);
				}
			}
			return name.toString().toLowerCase(Locale.ROOT);
		}

	}

}
