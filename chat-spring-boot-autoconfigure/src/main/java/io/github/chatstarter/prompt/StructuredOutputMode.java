package io.github.chatstarter.prompt;

/**
 * How the JSON schema of a typed answer reaches the model; relays differ in what they
 * accept.
 */
public enum StructuredOutputMode {

	/** {@code response_format: {type: json_schema, json_schema: {..., strict: true}}}. */
	JSON_SCHEMA,

	/**
	 * {@code response_format: {type: json_object}} and the schema in a system message.
	 */
	JSON_OBJECT,

	/**
	 * No {@code response_format}: only the instruction and the schema in a system
	 * message.
	 */
	PROMPT,

	/**
	 * {@link #JSON_SCHEMA} first; when the provider answers 400 naming
	 * {@code response_format} or {@code json_schema}, the next mode, remembered per
	 * provider and model.
	 */
	AUTO;

	/**
	 * The mode to try after this one was rejected, or {@code null} when none is left.
	 */
	StructuredOutputMode fallback() {
		return switch (this) {
			case JSON_SCHEMA, AUTO -> JSON_OBJECT;
			case JSON_OBJECT -> PROMPT;
			case PROMPT -> PROMPT;
		};
	}

}
