package dev.takt.scheduler.trigger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Replays the APScheduler conformance cases ({@code shared/conformance/README.md}) through
 * {@link TriggerSpecs}, crontab specs with APScheduler's weekday numbering: one dynamic test per
 * case, named by its id (assertion messages start with the id too, for reports that show only
 * the index of a dynamic test).
 * <p>
 * The case files come from the system properties {@code conformance.triggers} and
 * {@code conformance.invalid} (the build sets both to the shared files; a relative path is tried
 * from the working directory, then from the repository root). Without them the files are looked
 * for in {@code ../shared/conformance} from the repository root.
 */
class ApschedulerConformanceTests {

	private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

	private static final Duration TIME_LIMIT = Duration.ofSeconds(30);

	private static final String NONE = "<none>";

	@TestFactory
	Stream<DynamicTest> validCases() {
		return cases("conformance.triggers", "apscheduler-triggers.jsonl")
			.map((testCase) -> DynamicTest.dynamicTest(testCase.get("id").stringValue(), () -> replay(testCase)));
	}

	@TestFactory
	Stream<DynamicTest> invalidCases() {
		return cases("conformance.invalid", "apscheduler-triggers-invalid.jsonl")
			.map((testCase) -> DynamicTest.dynamicTest(testCase.get("id").stringValue(), () -> reject(testCase)));
	}

	/** Calls the trigger as the scheduler does (README section 5) and compares the formatted times. */
	private static void replay(JsonNode testCase) {
		ZoneId zone = ZoneId.of(testCase.get("timezone").stringValue());
		List<String> expected = new ArrayList<>();
		testCase.get("expect").forEach((time) -> expected.add(time.stringValue()));
		if (testCase.get("stop").stringValue().equals("none")) {
			expected.add(NONE);
		}
		Trigger trigger = TriggerSpecs.fromSpec(testCase.get("trigger"), zone, WeekdayNumbering.APSCHEDULER);
		Instant start = OffsetDateTime.parse(testCase.get("start").stringValue()).toInstant();
		List<String> actual = assertTimeoutPreemptively(TIME_LIMIT, () -> fireTimes(trigger, start, zone, expected.size()));
		assertThat(actual)
			.as("%s: %s from %s in %s: %s", testCase.get("id").stringValue(), testCase.get("trigger"),
					testCase.get("start").stringValue(), zone, testCase.path("note").asString(""))
			.containsExactlyElementsOf(expected);
	}

	private static List<String> fireTimes(Trigger trigger, Instant start, ZoneId zone, int calls) {
		List<String> fireTimes = new ArrayList<>();
		Instant now = start;
		Instant previous = null;
		for (int i = 0; i < calls; i++) {
			Optional<Instant> next = trigger.nextFireTime(previous, now);
			if (next.isEmpty()) {
				fireTimes.add(NONE);
				break;
			}
			fireTimes.add(next.get().atZone(zone).format(FORMAT));
			previous = next.get();
			now = previous;
		}
		return fireTimes;
	}

	private static void reject(JsonNode testCase) {
		ZoneId zone = ZoneId.of(testCase.get("timezone").stringValue());
		assertThatExceptionOfType(IllegalArgumentException.class)
			.as("%s: %s in %s should be refused (APScheduler: %s)", testCase.get("id").stringValue(),
					testCase.get("trigger"), zone, testCase.get("message").stringValue())
			.isThrownBy(() -> TriggerSpecs.fromSpec(testCase.get("trigger"), zone, WeekdayNumbering.APSCHEDULER))
			.satisfies((ex) -> assertThat(ex.getMessage()).isNotBlank());
	}

	private static Stream<JsonNode> cases(String property, String fileName) {
		Path file = caseFile(property, fileName);
		try {
			JsonMapper mapper = JsonMapper.shared();
			return Files.readAllLines(file, StandardCharsets.UTF_8)
				.stream()
				.filter((line) -> !line.isBlank())
				.map(mapper::readTree);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + file, ex);
		}
	}

	private static Path caseFile(String property, String fileName) {
		Path root = repositoryRoot();
		String configured = System.getProperty(property);
		Set<Path> candidates = new LinkedHashSet<>();
		if (configured != null && !configured.isBlank()) {
			candidates.add(Path.of(configured).toAbsolutePath().normalize());
			candidates.add(root.resolve(configured).normalize());
		}
		else {
			candidates.add(root.resolve("../shared/conformance").resolve(fileName).normalize());
		}
		for (Path candidate : candidates) {
			if (Files.isRegularFile(candidate)) {
				return candidate;
			}
		}
		return fail("No conformance case file: looked for " + candidates + " (system property " + property
				+ ((configured != null) ? " = '" + configured + "'" : " not set") + "; set -D" + property + "=<file>)");
	}

	/** The nearest directory up from the working directory that holds the Maven wrapper, else the working directory. */
	private static Path repositoryRoot() {
		Path workingDirectory = Path.of("").toAbsolutePath();
		for (Path dir = workingDirectory; dir != null; dir = dir.getParent()) {
			if (Files.isDirectory(dir.resolve(".mvn"))) {
				return dir;
			}
		}
		return workingDirectory;
	}

}
