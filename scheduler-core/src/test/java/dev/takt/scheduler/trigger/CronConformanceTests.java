package dev.takt.scheduler.trigger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Replays the {@code cron} and {@code crontab} cases of the shared APScheduler conformance files
 * (crontab strings with APScheduler's weekday numbering), as the conformance README's "How to
 * replay a case" says.
 */
class CronConformanceTests {

	private static final Set<String> TYPES = Set.of("cron", "crontab");

	private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	@TestFactory
	Stream<DynamicTest> validCases() throws IOException {
		List<JsonNode> cases = cases("conformance.triggers", "apscheduler-triggers.jsonl");
		assertThat(cases).isNotEmpty();
		return cases.stream().map((c) -> DynamicTest.dynamicTest(c.get("id").asString(), () -> replay(c)));
	}

	@TestFactory
	Stream<DynamicTest> invalidCases() throws IOException {
		List<JsonNode> cases = cases("conformance.invalid", "apscheduler-triggers-invalid.jsonl");
		assertThat(cases).isNotEmpty();
		return cases.stream().map((c) -> DynamicTest.dynamicTest(c.get("id").asString(), () -> {
			ZoneId zone = ZoneId.of(c.get("timezone").asString());
			assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> trigger(c.get("trigger"), zone))
				.withMessageContaining("'");
		}));
	}

	private static void replay(JsonNode c) {
		ZoneId zone = ZoneId.of(c.get("timezone").asString());
		Trigger trigger = trigger(c.get("trigger"), zone);
		List<String> expect = new ArrayList<>();
		c.get("expect").forEach((e) -> expect.add(e.asString()));
		int calls = c.get("stop").asString().equals("none") ? expect.size() + 1 : expect.size();
		Instant now = OffsetDateTime.parse(c.get("start").asString()).toInstant();
		Instant previous = null;
		for (int i = 0; i < calls; i++) {
			Instant next = trigger.nextFireTime(previous, now).orElse(null);
			if (i < expect.size()) {
				assertThat(next).as("call %d of %s", i + 1, trigger).isNotNull();
				assertThat(next.atZone(zone).format(FORMAT)).as("call %d of %s", i + 1, trigger).isEqualTo(expect.get(i));
			}
			else {
				assertThat(next).as("call %d of %s (finished)", i + 1, trigger).isNull();
			}
			previous = next;
			now = next;
		}
	}

	private static Trigger trigger(JsonNode spec, ZoneId inherited) {
		ZoneId zone = spec.has("timezone") ? ZoneId.of(spec.get("timezone").asString()) : inherited;
		String type = spec.get("type").asString();
		if (type.equals("crontab")) {
			return CronTrigger.fromCrontab(spec.get("expr").asString(), zone, WeekdayNumbering.APSCHEDULER);
		}
		CronTrigger.Builder builder = CronTrigger.builder().zone(zone);
		for (Map.Entry<String, JsonNode> field : spec.get("fields").properties()) {
			builder.field(field.getKey(), field.getValue().asString());
		}
		if (spec.has("start_date")) {
			builder.startDate(ConformanceDates.parse(spec.get("start_date").asString(), zone));
		}
		if (spec.has("end_date")) {
			builder.endDate(ConformanceDates.parse(spec.get("end_date").asString(), zone));
		}
		return builder.build();
	}

	private static List<JsonNode> cases(String property, String fileName) throws IOException {
		Path path = Path.of(System.getProperty(property, "../../shared/conformance/" + fileName));
		List<JsonNode> cases = new ArrayList<>();
		for (String line : Files.readAllLines(path)) {
			if (!line.isBlank()) {
				JsonNode c = MAPPER.readTree(line);
				if (TYPES.contains(c.get("trigger").get("type").asString())) {
					cases.add(c);
				}
			}
		}
		return cases;
	}

}
