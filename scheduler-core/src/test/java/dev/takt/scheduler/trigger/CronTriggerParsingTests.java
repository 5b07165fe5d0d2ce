package dev.takt.scheduler.trigger;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.takt.scheduler.trigger.CronTriggerTests.times;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for the crontab entry points of {@link CronTrigger} ({@code fromCrontab}, {@code parse}),
 * weekday numbering, error messages and the {@code fields()} round trip.
 */
class CronTriggerParsingTests {

	private static final ZoneId UTC = ZoneOffset.UTC;

	// 2024-01-01 is a Monday

	@Test
	void crontabUsesStandardWeekdayNumberingByDefault() {
		CronTrigger trigger = CronTrigger.fromCrontab("0 9 * * 1-5", UTC);
		assertThat(trigger.fields()).containsExactly(entry("month", "*"), entry("day", "*"),
				entry("day_of_week", "mon-fri"), entry("hour", "9"), entry("minute", "0"));
		assertThat(times(trigger, "2024-01-05T10:00:00", 2)).containsExactly("2024-01-08T09:00:00",
				"2024-01-09T09:00:00");
	}

	@ParameterizedTest
	@ValueSource(strings = { "0 9 * * 0", "0 9 * * 7", "0 9 * * sun", "0 9 * * 0,7" })
	void zeroAndSevenAreSundayInStandardNumbering(String expression) {
		CronTrigger trigger = CronTrigger.fromCrontab(expression, UTC);
		assertThat(trigger.fields()).containsEntry("day_of_week", "sun");
		assertThat(times(trigger, "2024-01-01T00:00:00", 1)).containsExactly("2024-01-07T09:00:00");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "0-6|mon-sun", "1-7|mon-sun", "0,6|sat-sun", "sun-tue|mon-tue,sun",
			"fri-sun|fri-sun", "*/2|tue,thu,sat-sun", "1/2|mon,wed,fri,sun", "*|*", "mon-fri/2|mon-fri",
			"MON,Wed|mon,wed" })
	void standardWeekdaysAreWrittenInApschedulerTerms(String standard, String apscheduler) {
		CronTrigger trigger = CronTrigger.fromCrontab("0 0 * * " + standard, UTC);
		assertThat(trigger.fields()).containsEntry("day_of_week", apscheduler);
		assertThat(CronTrigger.builder().field("day_of_week", apscheduler).build().fields())
			.containsEntry("day_of_week", apscheduler);
	}

	@Test
	void crontabCanUseApschedulerNumbering() {
		CronTrigger trigger = CronTrigger.fromCrontab("0 9 * * 1-5", UTC, WeekdayNumbering.APSCHEDULER);
		assertThat(trigger.fields()).containsEntry("day_of_week", "1-5");
		// Tuesday to Saturday
		assertThat(times(trigger, "2024-01-01T00:00:00", 6)).containsExactly("2024-01-02T09:00:00",
				"2024-01-03T09:00:00", "2024-01-04T09:00:00", "2024-01-05T09:00:00", "2024-01-06T09:00:00",
				"2024-01-09T09:00:00");
	}

	@Test
	void sevenIsRejectedWithApschedulerNumbering() {
		assertThatExceptionOfType(InvalidTriggerException.class)
			.isThrownBy(() -> CronTrigger.fromCrontab("* * * * 7", UTC, WeekdayNumbering.APSCHEDULER))
			.withMessage("Invalid day_of_week '7': the last value (7) is higher than the maximum value (6)");
		assertThatExceptionOfType(InvalidTriggerException.class)
			.isThrownBy(() -> CronTrigger.fromCrontab("* * * * 8", UTC))
			.withMessageStartingWith("Invalid day_of_week '8': the last value (8) is higher than the maximum value (7)");
	}

	@Test
	void crontabDayAndWeekdayAreAnded() {
		assertThat(times(CronTrigger.fromCrontab("0 0 1,15 * mon", UTC), "2024-01-02T00:00:00", 2))
			.containsExactly("2024-01-15T00:00:00", "2024-04-01T00:00:00");
	}

	@Test
	void crontabSplitsOnRunsOfBlanks() {
		assertThat(CronTrigger.fromCrontab(" 0\t9  * * *  ", UTC)).isEqualTo(CronTrigger.fromCrontab("0 9 * * *", UTC));
	}

	@ParameterizedTest
	@ValueSource(strings = { "1 2 3 4", "0 0 9 * * *", "@daily" })
	void crontabTakesExactlyFiveFields(String expression) {
		assertThatExceptionOfType(InvalidTriggerException.class)
			.isThrownBy(() -> CronTrigger.fromCrontab(expression, UTC))
			.withMessageStartingWith("Invalid crontab '" + expression + "': wrong number of fields")
			.satisfies((ex) -> assertThat(ex.value()).isEqualTo(expression));
	}

	@Test
	void parseTakesSixFieldsWithLeadingSeconds() {
		CronTrigger trigger = CronTrigger.parse("30 0 9 ? * MON-FRI", UTC);
		assertThat(trigger.fields()).containsExactly(entry("month", "*"), entry("day", "*"),
				entry("day_of_week", "mon-fri"), entry("hour", "9"), entry("minute", "0"), entry("second", "30"));
		assertThat(times(trigger, "2024-01-05T10:00:00", 2)).containsExactly("2024-01-08T09:00:30",
				"2024-01-09T09:00:30");
		assertThat(times(CronTrigger.parse("*/20 * * * * *", UTC), "2024-01-01T00:00:01", 3))
			.containsExactly("2024-01-01T00:00:20", "2024-01-01T00:00:40", "2024-01-01T00:01:00");
	}

	@Test
	void parseTakesFiveFieldsAsCrontab() {
		assertThat(CronTrigger.parse("0 9 * * 1-5", UTC)).isEqualTo(CronTrigger.fromCrontab("0 9 * * 1-5", UTC));
		assertThat(CronTrigger.parse("0 9 ? * 1", UTC).fields()).containsEntry("day", "*")
			.containsEntry("day_of_week", "mon");
	}

	@ParameterizedTest
	@CsvSource({ "@yearly, 0 0 1 1 *", "@annually, 0 0 1 1 *", "@monthly, 0 0 1 * *", "@weekly, 0 0 * * 0",
			"@daily, 0 0 * * *", "@midnight, 0 0 * * *", "@hourly, 0 * * * *", "@DAILY, 0 0 * * *" })
	void parseTakesMacros(String macro, String crontab) {
		assertThat(CronTrigger.parse(macro, UTC)).isEqualTo(CronTrigger.fromCrontab(crontab, UTC));
	}

	@Test
	void weeklyMacroFiresOnSundays() {
		assertThat(times(CronTrigger.parse("@weekly", UTC), "2024-01-01T00:00:00", 1))
			.containsExactly("2024-01-07T00:00:00");
	}

	@ParameterizedTest
	@ValueSource(strings = { "1 2 3 4", "1 2 3 4 5 6 7", "@often", "" })
	void parseRejectsOtherShapes(String expression) {
		assertThatExceptionOfType(InvalidTriggerException.class).isThrownBy(() -> CronTrigger.parse(expression, UTC))
			.withMessageStartingWith("Invalid cron expression '" + expression + "'");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"minute|60|Invalid minute '60': the last value (60) is higher than the maximum value (59)",
			"day|0|Invalid day '0': the first value (0) is lower than the minimum value (1)",
			"day_of_week|xyz|Invalid day_of_week 'xyz': invalid weekday name \"xyz\"",
			"day_of_week|sunday|Invalid day_of_week 'sunday': invalid weekday name \"sunday\"",
			"month|jan-foo|Invalid month 'jan-foo': invalid month name \"foo\"",
			"minute|*/0|Invalid minute '*/0': increment must be higher than 0",
			"hour|5-1|Invalid hour '5-1': the minimum value in a range must not be higher than the maximum",
			"day|6th mon|Invalid day '6th mon': unrecognized expression \"6th mon\" for field \"day\"",
			"day|2nd 1|Invalid day '2nd 1': invalid weekday name \"1\"",
			"minute|0-10/11|Invalid minute '0-10/11': the step value (11) is higher than the total range of the expression (10)",
			"day|*/31|Invalid day '*/31': the step value (31) is higher than the total range of the expression (30)",
			"minute|1,,2|Invalid minute '1,,2': unrecognized expression \"\" for field \"minute\"",
			"minute|5,60|Invalid minute '5,60': error validating expression '60': the last value (60) is higher than the maximum value (59)",
			"hour|?|Invalid hour '?': unrecognized expression \"?\" for field \"hour\"",
			"day|15W|Invalid day '15W': unrecognized expression \"15W\" for field \"day\"",
			"year|1969|Invalid year '1969': the first value (1969) is lower than the minimum value (1970)" })
	void invalidFieldsNameTheFieldAndTheValue(String field, String value, String message) {
		assertThatExceptionOfType(InvalidTriggerException.class)
			.isThrownBy(() -> CronTrigger.builder().field(field, value).build())
			.withMessage(message)
			.satisfies((ex) -> {
				assertThat(ex.field()).isEqualTo(field);
				assertThat(ex.value()).isEqualTo(value);
			});
	}

	@Test
	void fieldsAreCheckedInApschedulerOrder() {
		assertThatExceptionOfType(InvalidTriggerException.class)
			.isThrownBy(() -> CronTrigger.fromCrontab("a b c d e", UTC, WeekdayNumbering.APSCHEDULER))
			.withMessage("Invalid month 'd': invalid month name \"d\"");
		assertThatExceptionOfType(InvalidTriggerException.class)
			.isThrownBy(() -> CronTrigger.fromCrontab("a b c d e", UTC))
			.withMessage("Invalid month 'd': invalid month name \"d\"");
	}

	@Test
	void unknownFieldNameIsRejected() {
		assertThatExceptionOfType(InvalidTriggerException.class)
			.isThrownBy(() -> CronTrigger.builder().field("dayOfWeek", "mon"))
			.withMessageStartingWith("Invalid cron field 'dayOfWeek': unknown field; expected one of year, month,");
	}

	@Test
	void fieldsRoundTripThroughTheBuilder() {
		ZoneId zone = ZoneId.of("Europe/London");
		CronTrigger[] triggers = { CronTrigger.fromCrontab("*/5 9-17 * * 1-5", zone),
				CronTrigger.parse("0 30 6 ? JAN-mar 0", zone), CronTrigger.parse("@weekly", zone),
				CronTrigger.fromCrontab("0 12 * * */2", zone, WeekdayNumbering.APSCHEDULER),
				CronTrigger.builder().zone(zone).year("2025-2030/2").month("jan-dec/2").day("2nd mon, last,LAST sun")
					.week("*/3").hour("0-0/5").second("05").build(),
				CronTrigger.builder().zone(zone).minute("10/20").startDate(Instant.parse("2024-01-01T00:00:00Z"))
					.endDate(Instant.parse("2025-01-01T00:00:00Z"))
					.dstPolicy(new DstPolicy(DstPolicy.Gap.SKIP, DstPolicy.Repeat.ONCE)).build() };
		for (CronTrigger trigger : triggers) {
			CronTrigger.Builder builder = CronTrigger.builder().zone(trigger.zone()).dstPolicy(trigger.dstPolicy())
				.startDate(trigger.startDate().orElse(null)).endDate(trigger.endDate().orElse(null));
			for (Map.Entry<String, String> field : trigger.fields().entrySet()) {
				builder.field(field.getKey(), field.getValue());
			}
			CronTrigger rebuilt = builder.build();
			assertThat(rebuilt).isEqualTo(trigger).hasSameHashCodeAs(trigger).hasToString(trigger.toString());
			assertThat(times(rebuilt, "2024-03-01T00:00:00", 20)).isEqualTo(times(trigger, "2024-03-01T00:00:00", 20));
		}
	}

	@Test
	void fieldsHoldOnlyTheGivenFields() {
		assertThat(CronTrigger.builder().hour("9").build().fields()).containsExactly(entry("hour", "9"));
		assertThat(CronTrigger.builder().build().fields()).isEmpty();
	}

	@Test
	void equalityCoversZoneDatesAndPolicy() {
		CronTrigger trigger = CronTrigger.builder().hour("9").zone(UTC).build();
		assertThat(trigger).isEqualTo(CronTrigger.builder().hour("09").zone(UTC).build());
		assertThat(trigger).isNotEqualTo(CronTrigger.builder().hour("9").zone(ZoneId.of("Europe/London")).build());
		assertThat(trigger).isNotEqualTo(trigger.withDstPolicy(new DstPolicy(DstPolicy.Gap.SKIP, DstPolicy.Repeat.BOTH)));
		assertThat(trigger).isNotEqualTo(CronTrigger.builder().hour("9").zone(UTC).endDate(Instant.EPOCH).build());
		assertThat(trigger.withDstPolicy(DstPolicy.APSCHEDULER)).isEqualTo(trigger);
	}

	@Test
	void builderDefaultsToApschedulerPolicyAndTheSystemZone() {
		CronTrigger trigger = CronTrigger.builder().build();
		assertThat(trigger.dstPolicy()).isEqualTo(DstPolicy.APSCHEDULER);
		assertThat(trigger.zone()).isEqualTo(ZoneId.systemDefault());
		assertThat(trigger.startDate()).isEmpty();
		assertThat(trigger.endDate()).isEmpty();
	}

}
