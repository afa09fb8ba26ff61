package io.github.chatstarter.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Gives {@code extra-body} values their JSON types back: properties files and environment
 * variables deliver {@code true} and {@code 42} as strings, but relays want
 * {@code "online": true}, not {@code "online": "true"}.
 */
final class ExtraBodyValues {

	private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9]\\d{0,17})");

	private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");

	private ExtraBodyValues() {
	}

	static Map<String, Object> typed(Map<String, Object> values) {
		Map<String, Object> typed = new LinkedHashMap<>();
		values.forEach((name, value) -> {
			Object converted = typed(value);
			if (converted != null) {
				typed.put(name, converted);
			}
		});
		return typed;
	}

	@SuppressWarnings("unchecked")
	static @Nullable Object typed(@Nullable Object value) {
		if (value instanceof Map<?, ?> map) {
			return typed((Map<String, Object>) map);
		}
		if (value instanceof List<?> list) {
			List<Object> typed = new ArrayList<>();
			list.forEach((item) -> typed.add(typed(item)));
			return typed;
		}
		if (!(value instanceof CharSequence)) {
			return value;
		}
		String text = value.toString().strip();
		if (text.equals("true") || text.equals("false")) {
			return Boolean.valueOf(text);
		}
		if (text.equals("null")) {
			return null;
		}
		if (INTEGER.matcher(text).matches()) {
			return Long.valueOf(text);
		}
		if (DECIMAL.matcher(text).matches()) {
			return Double.valueOf(text);
		}
		return value.toString();
	}

}
