package io.github.chatstarter.error;

import org.jspecify.annotations.Nullable;

/**
 * The provider is throttling this key (429); {@link #getRetryAfter()} says how long to
 * wait when it told.
 */
public class ChatRateLimitException extends ChatException {

	public ChatRateLimitException(String message) {
		super(message);
	}

	public ChatRateLimitException(String message, UpstreamError upstream, @Nullable Throwable cause) {
		super(message, upstream, cause);
	}

	@Override
	public boolean isRetryable() {
		return true;
	}

}
