package io.github.chatstarter.error;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One provider's own word on what its errors mean, where its documentation disagrees with
 * the starter's default mapping: an HTTP status ({@code "402"}) or an error code or type
 * ({@code "insufficient_balance"}, matched without regard to case) mapped to a
 * {@link ChatErrorKind}. An error code or type is looked up before the status. Immutable.
 */
public final class ChatErrorMapping {

	private static final ChatErrorMapping NONE = new ChatErrorMapping(Map.of());

	private final Map<String, ChatErrorKind> kinds;

	private ChatErrorMapping(Map<String, ChatErrorKind> kinds) {
		this.kinds = kinds;
	}

	/**
	 * No overrides: the defaults decide.
	 */
	public static ChatErrorMapping none() {
		return NONE;
	}

	/**
	 * The given overrides, keyed by HTTP status or error code/type.
	 * @throws IllegalArgumentException if a key is blank
	 */
	public static ChatErrorMapping of(Map<String, ChatErrorKind> kinds) {
		Objects.requireNonNull(kinds, "kinds");
		if (kinds.isEmpty()) {
			return NONE;
		}
		Map<String, ChatErrorKind> normalized = new LinkedHashMap<>();
		kinds.forEach((key, kind) -> {
			if (key == null || key.isBlank()) {
				throw new IllegalArgumentException("An error-mapping key must be an HTTP status or an error code");
			}
			normalized.put(normalize(key), Objects.requireNonNull(kind, () -> "kind of '" + key + "'"));
		});
		return new ChatErrorMapping(Map.copyOf(normalized));
	}

	/**
	 * Whether there are no overrides.
	 */
	public boolean isEmpty() {
		return this.kinds.isEmpty();
	}

	/**
	 * The overrides, keyed as given but in lower case.
	 */
	public Map<String, ChatErrorKind> kinds() {
		return this.kinds;
	}

	/**
	 * The kind this mapping gives the error: by its code, else its type, else its HTTP
	 * status.
	 * @param error the provider's answer
	 * @return the kind, or {@code null} when the mapping says nothing about it
	 */
	public @Nullable ChatErrorKind find(UpstreamError error) {
		if (this.kinds.isEmpty()) {
			return null;
		}
		for (String name : new @Nullable String[] { error.code(), error.type() }) {
			if (name != null) {
				ChatErrorKind kind = this.kinds.get(normalize(name));
				if (kind != null) {
					return kind;
				}
			}
		}
		return (error.statusCode() != 0) ? this.kinds.get(String.valueOf(error.statusCode())) : null;
	}

	private static String normalize(String key) {
		return key.strip().toLowerCase(Locale.ROOT);
	}

	@Override
	public String toString() {
		return "ChatErrorMapping" + this.kinds;
	}

}
