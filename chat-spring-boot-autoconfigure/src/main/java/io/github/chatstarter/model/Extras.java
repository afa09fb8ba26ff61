package io.github.chatstarter.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Fields a reply carried that this model has no typed property for, kept so vendor
 * extensions stay reachable. Mutated only while Jackson reads the enclosing object.
 */
final class Extras {

	private Extras() {
	}

	static Map<String, Object> put(@Nullable Map<String, Object> extras, String name, @Nullable Object value) {
		Map<String, Object> target = (extras != null) ? extras : new LinkedHashMap<>();
		target.put(name, value);
		return target;
	}

	static Map<String, Object> view(@Nullable Map<String, Object> extras) {
		return (extras != null) ? Collections.unmodifiableMap(extras) : Map.of();
	}

	/**
	 * An unmodifiable copy that, unlike {@code Map.copyOf}, keeps {@code null} values.
	 */
	static Map<?, ?> readOnlyCopy(Map<?, ?> source) {
		return Collections.unmodifiableMap(new LinkedHashMap<>(source));
	}

	static @Nullable Map<String, Object> copy(@Nullable Map<String, ? extends @Nullable Object> source) {
		return (source == null || source.isEmpty()) ? null : new LinkedHashMap<>(source);
	}

}
