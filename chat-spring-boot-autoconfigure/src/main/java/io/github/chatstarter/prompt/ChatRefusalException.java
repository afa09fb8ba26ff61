package io.github.chatstarter.prompt;

import io.github.chatstarter.error.ChatException;
import io.github.chatstarter.error.UpstreamError;

/**
 * The model refused to give a typed answer: it wrote a {@code refusal}, or the provider's
 * content filter stopped the answer. Not a parse failure, so no repair round is tried.
 */
public class ChatRefusalException extends ChatException {

	private final String refusal;

	/**
	 * A refusal by the given provider.
	 * @param provider name of the provider that answered, or {@code null}
	 * @param refusal what the model wrote, or the finish reason when it wrote nothing
	 */
	public ChatRefusalException(@org.jspecify.annotations.Nullable String provider, String refusal) {
		super("The model refused to answer: " + refusal, UpstreamError.of(provider), null);
		this.refusal = refusal;
	}

	/**
	 * What the model wrote as its refusal, or {@code content_filter} when the filter
	 * stopped it.
	 */
	public String getRefusal() {
		return this.refusal;
	}

}
