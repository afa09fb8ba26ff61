package io.github.chatstarter.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The names of the chat properties, as the configuration metadata lists them for the IDE
 * (the same file, so the suggestions and the IDE agree), and the one closest to a
 * mistyped name. Read only when a name is unknown: never on a correct configuration.
 */
final class ChatPropertyNames {

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private ChatPropertyNames() {
	}

	/**
	 * The known name closest to the given unknown one, with the unknown name's own map
	 * keys (such as the provider's name) where the metadata has {@code *}; {@code null}
	 * when none is close enough to be the one meant.
	 */
	static @Nullable String closest(String unknown) {
		String[] segments = unknown.split("\\.");
		String best = null;
		int bestDistance = Integer.MAX_VALUE;
		int bestLength = 0;
		for (String known : names()) {
			String[] pattern = known.split("\\.");
			if (pattern.length > segments.length) {
				continue;
			}
			StringBuilder candidate = new StringBuilder();
			StringBuilder compared = new StringBuilder();
			for (int i = 0; i < pattern.length; i++) {
				String segment = "*".equals(pattern[i]) ? segments[i] : pattern[i];
				candidate.append((i > 0) ? "." : "").append(segment);
				compared.append((i > 0) ? "." : "").append(segments[i]);
			}
			int distance = distance(compared.toString(), candidate.toString());
			// A typo or two per name, not a different property; of equally close names
			// the
			// longest, which says the most (chat.providers.x.api-key, not
			// chat.providers).
			boolean closer = distance < bestDistance || (distance == bestDistance && pattern.length > bestLength);
			if (distance > 0 && distance <= 3 && closer) {
				best = candidate.toString();
				bestDistance = distance;
				bestLength = pattern.length;
			}
		}
		return best;
	}

	private static Set<String> names() {
		Set<String> names = new LinkedHashSet<>();
		JsonMapper json = JsonMapper.builder().build();
		try {
			ClassLoader loader = ChatPropertyNames.class.getClassLoader();
			Enumeration<URL> resources = (loader != null) ? loader.getResources(METADATA)
					: ClassLoader.getSystemResources(METADATA);
			while (resources.hasMoreElements()) {
				try (InputStream in = resources.nextElement().openStream()) {
					for (JsonNode property : json.readTree(in).path("properties")) {
						String name = property.path("name").asString("");
						if (name.startsWith("chat.")) {
							names.add(name);
						}
					}
				}
			}
		}
		catch (IOException ex) {
			// Without the metadata there is no suggestion; the unknown name is still
			// reported.
			return Set.of();
		}
		return names;
	}

	/**
	 * Levenshtein distance: no library on the class path has one, and it is a few lines.
	 */
	static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
