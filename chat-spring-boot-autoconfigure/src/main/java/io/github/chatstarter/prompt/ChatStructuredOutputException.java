package io.github.chatstarter.prompt;

import java.util.List;

import io.github.chatstarter.error.ChatException;
import io.github.chatstarter.error.UpstreamError;

/**
 * The model's answer could not be read as the requested type, also after the repair
 * rounds: it carries the raw text of the last answer and what was wrong with it.
 */
public class ChatStructuredOutputException extends ChatException {

	private final String rawText;

	private final List<String> errors;

	/**
	 * A failure to read the answer of the given provider.
	 * @param message what went wrong
	 * @param provider name of the provider that answered, or {@code null}
	 * @param rawText the answer as the model wrote it
	 * @param errors what was wrong with it (parse or validation errors)
	 */
	public ChatStructuredOutputException(String message, @org.jspecify.annotations.Nullable String provider,
			String rawText, List<String> errors) {
		super(message, UpstreamError.of(provider), null);
		this.rawText = rawText;
		this.errors = List.copyOf(errors);
	}

	/**
	 * The last answer as the model wrote it.
	 */
	public String getRawText() {
		return this.rawText;
	}

	/**
	 * What was wrong with the last answer: the parse error or the schema validation
	 * errors.
	 */
	public List<String> getErrors() {
		return this.errors;
	}

}
