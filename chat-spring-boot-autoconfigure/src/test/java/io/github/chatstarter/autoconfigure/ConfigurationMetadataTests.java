package io.github.chatstarter.autoconfigure;

import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.convert.DurationStyle;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code chat.*} key shows in an IDE with a description and its default: the keys
 * of {@link ChatProperties} from the configuration processor, those under
 * {@code chat.providers.<name>} from the hand-written additional metadata, which this
 * test keeps in step with {@link ChatProperties.Provider}.
 */
class ConfigurationMetadataTests {

	private static final String PROVIDER_PREFIX = "chat.providers.*.";

	private final Map<String, JsonNode> metadata = readMetadata();

	@Test
	void everyProviderPropertyShouldBeDocumentedWithDescriptionAndDefault() {
		Map<String, Object> expected = new LinkedHashMap<>();
		collect(new ChatProperties.Provider(), PROVIDER_PREFIX, expected);
		assertThat(expected).containsKeys(PROVIDER_PREFIX + "base-url", PROVIDER_PREFIX + "proxy.host",
				PROVIDER_PREFIX + "ssl.bundle", PROVIDER_PREFIX + "health.cache-ttl", PROVIDER_PREFIX + "key-cooldown",
				PROVIDER_PREFIX + "retry.max-attempts", PROVIDER_PREFIX + "pool.max-connections");
		assertThat(documentationProblems(expected)).isEmpty();
	}

	@Test
	void everyDefaultInTheMetadataShouldBeTheDefaultOfTheCode() {
		Map<String, Object> expected = new LinkedHashMap<>();
		collect(new ChatProperties(), "chat.", expected);
		assertThat(expected).containsKeys("chat.failover.cooldown",
				"chat.failover.circuit-breaker.minimum-number-of-calls", "chat.structured-output.max-repairs");
		assertThat(documentationProblems(expected)).isEmpty();
	}

	private List<String> documentationProblems(Map<String, Object> expected) {
		List<String> problems = new ArrayList<>();
		expected.forEach((name, defaultValue) -> {
			JsonNode property = this.metadata.get(name);
			if (property == null) {
				problems.add(name + " is missing from the configuration metadata");
				return;
			}
			if (!property.hasNonNull("description") || property.get("description").asString().isBlank()) {
				problems.add(name + " has no description");
			}
			String documented = property.hasNonNull("defaultValue") ? property.get("defaultValue").asString() : null;
			String actual = format(defaultValue);
			if (actual != null && !sameDefault(defaultValue, actual, documented)) {
				problems.add(name + " documents default " + documented + " but is " + actual);
			}
		});
		return problems;
	}

	@Test
	void documentedProviderPropertiesShouldExist() {
		Map<String, Object> expected = new LinkedHashMap<>();
		collect(new ChatProperties.Provider(), PROVIDER_PREFIX, expected);
		assertThat(this.metadata.keySet().stream().filter((name) -> name.startsWith(PROVIDER_PREFIX)))
			.allMatch(expected::containsKey, "a property of ChatProperties.Provider");
	}

	@Test
	void everyChatPropertyShouldHaveADescription() {
		assertThat(this.metadata).containsKeys("chat.enabled", "chat.providers", "chat.logging.bodies",
				"chat.observations.include-content", "chat.problem-details.enabled", "management.health.chat.enabled");
		assertThat(this.metadata.values()).allSatisfy(
				(property) -> assertThat(property.path("description").asString()).as(property.get("name").asString())
					.isNotBlank());
	}

	/**
	 * The leaf properties of a bean by their kebab-case names, with the bean's defaults;
	 * the nested classes of {@link ChatProperties} are groups.
	 */
	private static void collect(Object bean, String prefix, Map<String, Object> properties) {
		BeanWrapper wrapper = new BeanWrapperImpl(bean);
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(bean.getClass())) {
			if (descriptor.getReadMethod() == null || descriptor.getName().equals("class")) {
				continue;
			}
			String name = prefix + kebab(descriptor.getName());
			Object value = wrapper.getPropertyValue(descriptor.getName());
			if (isGroup(descriptor.getPropertyType())) {
				collect(value, name + ".", properties);
			}
			else if (descriptor.getWriteMethod() != null) {
				properties.put(name, value);
			}
		}
	}

	private static boolean isGroup(Class<?> type) {
		for (Class<?> enclosing = type.getEnclosingClass(); enclosing != null; enclosing = enclosing
			.getEnclosingClass()) {
			if (enclosing == ChatProperties.class) {
				return !type.isEnum();
			}
		}
		return false;
	}

	private static String format(Object value) {
		if (value == null || (value instanceof Collection<?> collection && collection.isEmpty())
				|| (value instanceof Map<?, ?> map && map.isEmpty())) {
			return null;
		}
		if ((value instanceof Float || value instanceof Double)
				&& ((Number) value).doubleValue() == ((Number) value).longValue()) {
			// JSON writes 1.0 as 1.
			return String.valueOf(((Number) value).longValue());
		}
		return value.toString();
	}

	private static boolean sameDefault(Object value, String actual, String documented) {
		if (documented == null) {
			return false;
		}
		if (value instanceof Duration duration) {
			return duration.equals(DurationStyle.detectAndParse(documented));
		}
		if (value instanceof Enum<?> constant) {
			// Spring Boot binds in-memory to IN_MEMORY, so either spelling documents it.
			return constant.name().replace('_', '-').equalsIgnoreCase(documented.replace('_', '-'));
		}
		return actual.equalsIgnoreCase(documented);
	}

	private static String kebab(String name) {
		StringBuilder kebab = new StringBuilder();
		for (char c : name.toCharArray()) {
			if (Character.isUpperCase(c)) {
				kebab.append('-').append(Character.toLowerCase(c));
			}
			else {
				kebab.append(c);
			}
		}
		return kebab.toString();
	}

	private static Map<String, JsonNode> readMetadata() {
		try (InputStream in = ConfigurationMetadataTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("META-INF/spring-configuration-metadata.json written by the configuration processor")
				.isNotNull();
			Map<String, JsonNode> byName = new LinkedHashMap<>();
			JsonMapper.builder()
				.build()
				.readTree(in)
				.get("properties")
				.forEach((property) -> byName.put(property.get("name").asString(), property));
			return byName;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
