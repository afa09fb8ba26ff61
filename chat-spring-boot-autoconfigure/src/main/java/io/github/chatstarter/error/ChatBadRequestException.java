package io.github.chatstarter.error;

import org.jspecify.annotations.Nullable;

/**
 * The provider refused the request as malformed or invalid (400, 422,
 * {@code invalid_request_error}), or the request failed validation before it was sent.
 */
public class ChatBadRequestException extends ChatException {

	public ChatBadRequestException(String message) {
		super(message);
	}

	public ChatBadRequestException(String message, UpstreamError upstream, @Nullable Throwable cause) {
		super(message, upstream, cause);
	}

}
