package io.github.chatstarter.error;

import org.jspecify.annotations.Nullable;

/**
 * No connection to the provider could be made or kept (refused, reset, closed early,
 * DNS).
 */
public class ChatConnectionException extends ChatException {

	public ChatConnectionException(String message) {
		super(message);
	}

	public ChatConnectionException(String message, UpstreamError upstream, @Nullable Throwable cause) {
		super(message, upstream, cause);
	}

	@Override
	public boolean isRetryable() {
		return true;
	}

}
