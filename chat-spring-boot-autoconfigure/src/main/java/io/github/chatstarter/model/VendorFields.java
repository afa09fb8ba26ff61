package io.github.chatstarter.model;

import java.util.Map;

/**
 * A part of the chat protocol that keeps the JSON fields it has no typed accessor for:
 * vendor extensions (a relay's {@code online} flag, a model's {@code reasoning}, a
 * provider's own ids) stay reachable and go back out unchanged. Requests, replies,
 * chunks, choices, messages, tool calls and usage all are.
 */
public interface VendorFields {

	/**
	 * Fields with no typed accessor, as the provider sent them (or as a request sets
	 * them), in the order they came; unmodifiable, empty when there are none.
	 * @return the fields by name
	 */
	Map<String, Object> extra();

}
