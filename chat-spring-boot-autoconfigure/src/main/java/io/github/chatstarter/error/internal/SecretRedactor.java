package io.github.chatstarter.error.internal;

import java.util.Collection;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Keeps API keys out of messages and logs: relays sometimes echo the key they rejected.
 */
public final class SecretRedactor {

	// OpenAI-style keys (sk-…, sk-proj-…) and bearer tokens of any form.
	private static final Pattern SECRET = Pattern
		.compile("(?i)(sk-[A-Za-z0-9_*.-]{6,}|bearer\\s+[A-Za-z0-9_*.~+/=-]{6,})");

	private SecretRedactor() {
	}

	/**
	 * The text with anything that looks like a key replaced by a mask.
	 */
	public static String redact(String text) {
		if (text.indexOf("sk-") < 0 && text.toLowerCase().indexOf("bearer") < 0) {
			return text;
		}
		return SECRET.matcher(text)
			.replaceAll(
					(match) -> (match.group().regionMatches(true, 0, "bearer", 0, 6)) ? "Bearer ******" : "sk-******");
	}

	/**
	 * The text with anything that looks like a key, and each of the given keys, replaced
	 * by a mask; for text that may echo a configured key of any shape.
	 */
	public static String redact(String text, Collection<String> keys) {
		String redacted = redact(text);
		for (String key : keys) {
			if (!key.isEmpty() && redacted.contains(key)) {
				redacted = redacted.replace(key, mask(key));
			}
		}
		return redacted;
	}

	/**
	 * A key as it may be shown: its first three and last two characters at most, never
	 * more than a quarter of it.
	 */
	public static String mask(@Nullable String key) {
		if (key == null || key.isEmpty()) {
			return "(none)";
		}
		if (key.length() < 20) {
			return "******";
		}
		return key.substring(0, 3) + "******" + key.substring(key.length() - 2);
	}

}
