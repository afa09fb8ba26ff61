package io.github.chatstarter.error;

import org.jspecify.annotations.Nullable;

/**
 * A time limit was hit; the message names which one (connect, response, stream idle,
 * request).
 */
public class ChatTimeoutException extends ChatException {

	public ChatTimeoutException(String message) {
		super(message);
	}

	public ChatTimeoutException(String message, UpstreamError upstream, @Nullable Throwable cause) {
		super(message, upstream, cause);
	}

	@Override
	public boolean isRetryable() {
		return true;
	}

}
