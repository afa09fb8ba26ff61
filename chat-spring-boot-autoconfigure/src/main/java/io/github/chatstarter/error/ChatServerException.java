package io.github.chatstarter.error;

import org.jspecify.annotations.Nullable;

/**
 * The provider or a proxy in front of it failed (5xx, an HTML error page, an error event
 * inside a stream).
 */
public class ChatServerException extends ChatException {

	public ChatServerException(String message) {
		super(message);
	}

	public ChatServerException(String message, UpstreamError upstream, @Nullable Throwable cause) {
		super(message, upstream, cause);
	}

	@Override
	public boolean isRetryable() {
		return true;
	}

}
