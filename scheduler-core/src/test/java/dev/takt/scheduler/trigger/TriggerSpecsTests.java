package dev.takt.scheduler.trigger;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link TriggerSpecs}: round trips of every built-in trigger, date strings, errors.
 */
class TriggerSpecsTests {

	private static final ZoneId LONDON = ZoneId.of("Europe/London");

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	private static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");

	private static final Instant T0 = Instant.parse("2024-06-07T10:00:00Z");

	static Stream<Arguments> builtInTriggers() {
		CronTrigger cron = CronTrigger.builder()
			.dayOfWeek("mon-fri")
			.hour("9")
			.minute("*/15")
			.zone(LONDON)
			.startDate(Instant.parse("2024-05-01T00:00:00.123456Z"))
			.endDate(Instant.parse("2025-05-01T00:00:00Z"))
			.build();
		CronTrigger crontab = CronTrigger.fromCrontab("0 9 * * 1-5", NEW_YORK);
		CronTrigger skipGaps = CronTrigger.builder()
			.hour("2")
			.minute("30")
			.zone(NEW_YORK)
			.dstPolicy(new DstPolicy(DstPolicy.Gap.SKIP, DstPolicy.Repeat.ONCE))
			.build();
		IntervalTrigger interval = new IntervalTrigger(Duration.ofHours(26).plusMinutes(3).plusMillis(250), T0,
				T0.plusSeconds(86_400 * 30));
		CalendarIntervalTrigger calendar = CalendarIntervalTrigger
			.every(Period.of(1, 2, 10), LocalTime.of(9, 30, 15), LocalDate.of(2024, 1, 31), LORD_HOWE)
			.withEndDate(LocalDate.of(2030, 12, 31));
		AndTrigger nested = AndTrigger.of(OrTrigger.of(cron, CronTrigger.fromCrontab("*/10 * * * *", LORD_HOWE)),
				JitterTrigger.of(interval, Duration.ofSeconds(3)), DateTrigger.at(T0));
		return Stream.of(Arguments.of(cron), Arguments.of(crontab), Arguments.of(skipGaps),
				Arguments.of(CronTrigger.builder().zone(ZoneOffset.UTC).build()), Arguments.of(interval),
				Arguments.of(IntervalTrigger.every(Duration.ofMinutes(90))),
				Arguments.of(IntervalTrigger.every(Duration.ofNanos(1500))),
				Arguments.of(IntervalTrigger.every(Duration.ZERO)), Arguments.of(DateTrigger.at(T0.plusNanos(123_456_789))),
				Arguments.of(calendar),
				Arguments.of(CalendarIntervalTrigger.every(Period.ofWeeks(2), LocalTime.MIDNIGHT, LocalDate.of(2024, 2, 29),
						ZoneOffset.UTC)),
				Arguments.of(nested), Arguments.of(JitterTrigger.of(nested, Duration.ofMillis(1500))),
				Arguments.of(JitterTrigger.of(cron, Duration.ofMinutes(5))));
	}

	@ParameterizedTest
	@MethodSource("builtInTriggers")
	void everyBuiltInTriggerRoundTrips(Trigger trigger) {
		assertThat(TriggerSpecs.fromSpec(TriggerSpecs.toSpec(trigger), ZoneOffset.UTC)).isEqualTo(trigger);
		assertThat(TriggerSpecs.fromSpec(TriggerSpecs.toSpec(trigger), LORD_HOWE)).isEqualTo(trigger);
		assertThat(TriggerSpecs.parse(TriggerSpecs.toJson(trigger), NEW_YORK)).isEqualTo(trigger);
	}

	@Test
	void writesCronAsFieldsWithZoneAndInstantsWithOffsets() {
		CronTrigger cron = CronTrigger.builder()
			.hour("9")
			.zone(LONDON)
			.startDate(Instant.parse("2024-06-01T00:00:00Z"))
			.build();
		assertThat(TriggerSpecs.toJson(cron)).isEqualTo(
				"{\"type\":\"cron\",\"fields\":{\"hour\":\"9\"},\"start_date\":\"2024-06-01T01:00:00+01:00\","
						+ "\"timezone\":\"Europe/London\"}");
	}

	@Test
	void writesDstPolicyOnlyWhenItIsNotApschedulers() {
		CronTrigger cron = CronTrigger.builder().hour("2").zone(NEW_YORK).build();
		assertThat(TriggerSpecs.toSpec(cron).has("dst")).isFalse();
		assertThat(TriggerSpecs.toJson(cron.withDstPolicy(new DstPolicy(DstPolicy.Gap.SKIP, DstPolicy.Repeat.BOTH))))
			.contains("\"dst\":{\"gap\":\"skip\",\"repeat\":\"both\"}");
	}

	@Test
	void writesIntervalsInUnitsAndJitterInSeconds() {
		Trigger trigger = JitterTrigger.of(new IntervalTrigger(Duration.ofSeconds(93_784).plusMillis(500), T0, null),
				Duration.ofMillis(2500));
		assertThat(TriggerSpecs.toJson(trigger)).isEqualTo("{\"type\":\"interval\",\"days\":1,\"hours\":2,\"minutes\":3,"
				+ "\"seconds\":4.5,\"start_date\":\"2024-06-07T10:00:00Z\",\"jitter\":2.5}");
	}

	@Test
	void writesCalendarIntervals() {
		Trigger trigger = CalendarIntervalTrigger.every(Period.of(0, 1, 14), LocalTime.of(9, 0), LocalDate.of(2024, 1, 31),
				LONDON);
		assertThat(TriggerSpecs.toJson(trigger)).isEqualTo("{\"type\":\"calendarinterval\",\"months\":1,\"days\":14,"
				+ "\"hour\":9,\"minute\":0,\"second\":0,\"start_date\":\"2024-01-31\",\"timezone\":\"Europe/London\"}");
	}

	@Test
	void readsEveryIntervalUnit() {
		Trigger trigger = TriggerSpecs.parse("{\"type\":\"interval\",\"weeks\":1,\"days\":1,\"hours\":1,\"minutes\":1,"
				+ "\"seconds\":1.25,\"start_date\":\"2024-06-07\"}", ZoneOffset.UTC);
		assertThat(trigger).isEqualTo(new IntervalTrigger(Duration.parse("P8DT1H1M1.25S"),
				Instant.parse("2024-06-07T00:00:00Z"), null));
	}

	@Test
	void readsAnAllZeroIntervalAsOneSecond() {
		assertThat(TriggerSpecs.parse("{\"type\":\"interval\",\"seconds\":0}", ZoneOffset.UTC))
			.isEqualTo(IntervalTrigger.every(Duration.ofSeconds(1)));
	}

	@Test
	void readsCronIntegersAsStrings() {
		Trigger trigger = TriggerSpecs.parse("{\"type\":\"cron\",\"fields\":{\"hour\":9,\"minute\":\"30\"}}", LONDON);
		assertThat(trigger).isEqualTo(CronTrigger.builder().hour("9").minute("30").zone(LONDON).build());
	}

	@Test
	void nestedSpecsInheritTheZoneUnlessTheyNameTheirOwn() {
		Trigger trigger = TriggerSpecs.parse("{\"type\":\"or\",\"timezone\":\"Europe/London\",\"triggers\":["
				+ "{\"type\":\"cron\",\"fields\":{\"hour\":\"9\"}},"
				+ "{\"type\":\"and\",\"timezone\":\"Australia/Lord_Howe\",\"triggers\":["
				+ "{\"type\":\"cron\",\"fields\":{\"hour\":\"10\"}},"
				+ "{\"type\":\"cron\",\"fields\":{\"minute\":\"0\"},\"timezone\":\"America/New_York\"}]}]}", ZoneOffset.UTC);
		assertThat(trigger).isEqualTo(OrTrigger.of(CronTrigger.builder().hour("9").zone(LONDON).build(),
				AndTrigger.of(CronTrigger.builder().hour("10").zone(LORD_HOWE).build(),
						CronTrigger.builder().minute("0").zone(NEW_YORK).build())));
	}

	@Test
	void readsJitterOnAnySpec() {
		Trigger trigger = TriggerSpecs.parse("{\"type\":\"date\",\"run_date\":\"2024-06-07T10:00:00Z\",\"jitter\":30}",
				LONDON);
		assertThat(trigger).isEqualTo(JitterTrigger.of(DateTrigger.at(T0), Duration.ofSeconds(30)));
		assertThat(TriggerSpecs.parse("{\"type\":\"date\",\"run_date\":\"2024-06-07T10:00:00Z\",\"jitter\":0}", LONDON))
			.isEqualTo(DateTrigger.at(T0));
	}

	@Test
	void readsDstPolicies() {
		CronTrigger cron = (CronTrigger) TriggerSpecs.parse(
				"{\"type\":\"cron\",\"fields\":{\"hour\":\"2\"},\"dst\":{\"gap\":\"skip\"}}", NEW_YORK);
		assertThat(cron.dstPolicy()).isEqualTo(new DstPolicy(DstPolicy.Gap.SKIP, DstPolicy.Repeat.BOTH));
		CronTrigger crontab = (CronTrigger) TriggerSpecs.parse(
				"{\"type\":\"crontab\",\"expr\":\"0 2 * * *\",\"dst\":{\"repeat\":\"once\"}}", NEW_YORK);
		assertThat(crontab.dstPolicy()).isEqualTo(new DstPolicy(DstPolicy.Gap.SHIFT, DstPolicy.Repeat.ONCE));
	}

	@Test
	void readsCalendarIntervals() {
		Trigger trigger = TriggerSpecs.parse("{\"type\":\"calendarinterval\",\"years\":1,\"weeks\":1,\"hour\":9,"
				+ "\"start_date\":\"2024-01-31\",\"end_date\":\"2030-01-01\"}", LONDON);
		assertThat(trigger).isEqualTo(
				new CalendarIntervalTrigger(Period.of(1, 0, 7), LocalTime.of(9, 0), LocalDate.of(2024, 1, 31),
						LocalDate.of(2030, 1, 1), LONDON));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			2024-06-07                   | 2024-06-06T23:00:00Z
			2024-06-07T10:00:00          | 2024-06-07T09:00:00Z
			2024-06-07 10:00:00          | 2024-06-07T09:00:00Z
			2024-6-7 1:2:3               | 2024-06-07T00:02:03Z
			2024-06-07T10:00:00.25       | 2024-06-07T09:00:00.250Z
			2024-06-07T10:00:00.000001   | 2024-06-07T09:00:00.000001Z
			2024-06-07T10:00:00Z         | 2024-06-07T10:00:00Z
			2024-06-07T10:00:00+05:30    | 2024-06-07T04:30:00Z
			2024-06-07T10:00:00.5-03:00  | 2024-06-07T13:00:00.500Z
			2024-03-31T01:30:00          | 2024-03-31T01:30:00Z
			2024-10-27T01:30:00          | 2024-10-27T00:30:00Z
			""")
	void readsApschedulersDateStrings(String text, String instant) {
		Trigger trigger = TriggerSpecs.parse("{\"type\":\"date\",\"run_date\":\"" + text + "\"}", LONDON);
		assertThat(trigger).isEqualTo(DateTrigger.at(Instant.parse(instant)));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			2024-01-01T00:00:00+0100       | is not a date string
			2024-01-01T00:00:00.1234567    | is not a date string
			10:00:00                       | is not a date string
			2024-01-01T10:00               | is not a date string
			24-01-01                       | is not a date string
			2024-01-01t10:00:00            | is not a date string
			2024-01-01T10:00:00z           | is not a date string
			2024-01-01T10:00:00 +01:00     | is not a date string
			2024-13-01T00:00:00            | MonthOfYear
			2024-04-31T10:00:00            | APRIL 31
			2024-01-01T24:00:00            | HourOfDay
			2024-01-01T00:00:00+19:00      | offset
			0000-01-01                     | year 0
			""")
	void refusesOtherDateStrings(String text, String reason) {
		assertThatExceptionOfType(InvalidTriggerException.class)
			.isThrownBy(() -> TriggerSpecs.parse("{\"type\":\"date\",\"run_date\":\"" + text + "\"}", LONDON))
			.withMessageContaining("run_date")
			.withMessageContaining(text)
			.withMessageContaining(reason)
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("run_date"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			{"type":"weekly"}                                               | type              | weekly
			{"hour":"9"}                                                    | type              | null
			{"type":9}                                                      | type              | 9
			{"type":"cron","fields":{"hour":"9"},"minute":"5"}              | minute            | "5"
			{"type":"cron","fields":["9"]}                                  | fields            | ["9"]
			{"type":"cron","fields":{"hour":true}}                          | fields.hour       | true
			{"type":"cron","fields":{"hour":9.5}}                           | fields.hour       | 9.5
			{"type":"cron","timezone":"Mars/Olympus"}                       | timezone          | Mars/Olympus
			{"type":"cron","dst":{"gap":"jump"}}                            | dst.gap           | jump
			{"type":"cron","dst":{"fold":"once"}}                           | dst.fold          | "once"
			{"type":"crontab"}                                              | expr              | null
			{"type":"crontab","expr":"0 9 * * *","numbering":"iso"}        | numbering         | iso
			{"type":"crontab","expr":"0 9 * * *","start_date":"2024-01-01"} | start_date        | "2024-01-01"
			{"type":"interval","hours":-1}                                  | hours             | -1
			{"type":"interval","hours":"1"}                                 | hours             | "1"
			{"type":"interval","minutes":1,"start":"2024-01-01"}            | start             | "2024-01-01"
			{"type":"interval","seconds":1,"start_date":20240101}           | start_date        | 20240101
			{"type":"date"}                                                 | run_date          | null
			{"type":"calendarinterval","months":1}                          | start_date        | null
			{"type":"calendarinterval","start_date":"2024-01-01"}           | years             | 0
			{"type":"calendarinterval","days":1,"hour":24,"start_date":"2024-01-01"} | hour     | 24
			{"type":"calendarinterval","days":-1,"start_date":"2024-01-01"} | days              | -1
			{"type":"calendarinterval","days":1,"start_date":"2024-01-01T00:00:00"} | start_date | 2024-01-01T00:00:00
			{"type":"calendarinterval","days":1,"start_date":"2024-01-02","end_date":"2024-01-01"} | end_date | 2024-01-01
			{"type":"and","triggers":[]}                                    | triggers          | []
			{"type":"or"}                                                   | triggers          | null
			{"type":"or","triggers":[{"type":"date","run_date":"2024-01-01"},{"type":"date","run_date":"x"}]} | triggers[1].run_date | x
			{"type":"and","triggers":[{"type":"or","triggers":[{"type":"cron","jitter":-1}]}]} | triggers[0].triggers[0].jitter | -1
			{"type":"or","triggers":["cron"]}                               | triggers[0]       | "cron"
			""")
	void refusesBadSpecsNamingTheKeyAndValue(String json, String key, String value) {
		assertThatExceptionOfType(InvalidTriggerException.class).isThrownBy(() -> TriggerSpecs.parse(json, LONDON))
			.satisfies((ex) -> {
				assertThat(ex.field()).isEqualTo(key);
				assertThat(ex.value()).isEqualTo(value);
				assertThat(ex.getMessage()).contains(key).contains(value);
			});
	}

	@Test
	void refusesJsonThatIsNotASpec() {
		assertThatExceptionOfType(InvalidTriggerException.class)
			.isThrownBy(() -> TriggerSpecs.parse("{\"type\":\"cron\"", LONDON))
			.withMessageContaining("not valid JSON");
		assertThatExceptionOfType(InvalidTriggerException.class)
			.isThrownBy(() -> TriggerSpecs.parse("{\"type\":\"cron\",\"type\":\"date\"}", LONDON))
			.withMessageContaining("not valid JSON");
		assertThatExceptionOfType(InvalidTriggerException.class)
			.isThrownBy(() -> TriggerSpecs.parse("{\"type\":\"cron\"} {}", LONDON))
			.withMessageContaining("not valid JSON");
		assertThatExceptionOfType(InvalidTriggerException.class).isThrownBy(() -> TriggerSpecs.parse("[]", LONDON))
			.withMessageContaining("must be a JSON object");
	}

	@Test
	void refusesToWriteATriggerThatIsNotBuiltIn() {
		Trigger custom = new Trigger() {
			@Override
			public Optional<Instant> nextFireTime(@Nullable Instant previousFireTime, Instant now) {
				return Optional.empty();
			}
		};
		assertThatExceptionOfType(InvalidTriggerException.class)
			.isThrownBy(() -> TriggerSpecs.toSpec(OrTrigger.of(DateTrigger.at(T0), custom)))
			.withMessageContaining("only the built-in triggers");
	}

}
