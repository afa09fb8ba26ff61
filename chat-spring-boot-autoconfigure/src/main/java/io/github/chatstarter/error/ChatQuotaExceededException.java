package io.github.chatstarter.error;

import org.jspecify.annotations.Nullable;

/**
 * The account's quota or balance is used up (402, {@code insufficient_quota}, one-api's
 * {@code 额度已用尽}).
 */
public class ChatQuotaExceededException extends ChatException {

	public ChatQuotaExceededException(String message) {
		super(message);
	}

	public ChatQuotaExceededException(String message, UpstreamError upstream, @Nullable Throwable cause) {
		super(message, upstream, cause);
	}

}
