package io.github.chatstarter.error;

import org.jspecify.annotations.Nullable;

/**
 * The request was refused before anything was sent: no messages, a message without a
 * role, no model and no default model. Never retried and never failed over; the
 * application has to fix the request.
 */
public class InvalidChatRequestException extends ChatBadRequestException {

	public InvalidChatRequestException(String message, @Nullable String provider) {
		super(message, UpstreamError.of(provider), null);
	}

}
