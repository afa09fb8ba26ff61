package io.github.chatstarter.error;

import org.jspecify.annotations.Nullable;

/**
 * The provider's content review refused the prompt or the answer ({@code content_filter},
 * {@code data_inspection_failed}, {@code sensitive_words_detected}).
 */
public class ChatContentFilterException extends ChatBadRequestException {

	public ChatContentFilterException(String message) {
		super(message);
	}

	public ChatContentFilterException(String message, UpstreamError upstream, @Nullable Throwable cause) {
		super(message, upstream, cause);
	}

}
