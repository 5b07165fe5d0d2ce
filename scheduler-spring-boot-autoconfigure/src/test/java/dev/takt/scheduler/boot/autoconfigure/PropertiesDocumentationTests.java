package dev.takt.scheduler.boot.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the README's property tables in step with the configuration metadata the build
 * generates: every property is documented with its default, and every documented property exists.
 */
class PropertiesDocumentationTests {

	private static final Pattern ROW = Pattern.compile("^\\| `(scheduler\\.[^`]+)`[^|]*\\|([^|]*)\\|");

	@Test
	void everyPropertyIsInTheReadmeWithItsDefault() throws IOException {
		Map<String, String> documented = documentedProperties();
		Map<String, JsonNode> properties = metadataProperties();
		assertThat(documented).containsKeys(properties.keySet().toArray(String[]::new));
		properties.forEach((name, property) -> {
			JsonNode defaultValue = property.get("defaultValue");
			if (defaultValue != null && !defaultValue.isNull()) {
				assertThat(normalize(documented.get(name))).as("default of %s in README.md", name)
					.isEqualTo(normalize(defaultValue.asString()));
			}
		});
	}

	@Test
	void everyDocumentedPropertyExists() throws IOException {
		Map<String, JsonNode> properties = metadataProperties();
		Set<String> maps = new TreeSet<>();
		properties.forEach((name, property) -> {
			if (property.path("type").asString().startsWith("java.util.Map")) {
				maps.add(name);
			}
		});
		for (String name : documentedProperties().keySet()) {
			if (name.contains("<")) {
				String map = name.substring(0, name.indexOf(".<"));
				assertThat(maps).as("map property of %s", name).contains(map);
			}
			else {
				assertThat(properties).as("README.md documents %s", name).containsKey(name);
			}
		}
	}

	private static Map<String, String> documentedProperties() throws IOException {
		List<String> lines = Files.readAllLines(Path.of(System.getProperty("readme")));
		int start = lines.indexOf("## Properties");
		assertThat(start).as("README.md has a Properties section").isNotNegative();
		Map<String, String> documented = new LinkedHashMap<>();
		for (String line : lines.subList(start + 1, lines.size())) {
			if (line.startsWith("## ")) {
				break;
			}
			Matcher row = ROW.matcher(line);
			if (row.find()) {
				documented.put(row.group(1), row.group(2).strip());
			}
		}
		return documented;
	}

	private static Map<String, JsonNode> metadataProperties() throws IOException {
		JsonNode metadata = JsonMapper.builder().build()
			.readTree(Files.readString(Path.of(System.getProperty("configuration-metadata"))));
		Map<String, JsonNode> properties = new LinkedHashMap<>();
		for (JsonNode property : metadata.get("properties")) {
			String name = property.get("name").asString();
			// management.endpoint.scheduler.* come with the @Endpoint, and Spring Boot documents them
			if (name.startsWith("scheduler.")) {
				properties.put(name, property);
			}
		}
		assertThat(properties).isNotEmpty();
		return properties;
	}

	private static String normalize(String value) {
		String text = value.replace("`", "").strip();
		return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
	}

}
