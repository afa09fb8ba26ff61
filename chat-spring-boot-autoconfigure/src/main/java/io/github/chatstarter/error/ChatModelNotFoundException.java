package io.github.chatstarter.error;

import org.jspecify.annotations.Nullable;

/**
 * The provider does not serve the requested model (404, {@code model_not_found},
 * one-api's {@code 无可用渠道}).
 */
public class ChatModelNotFoundException extends ChatException {

	public ChatModelNotFoundException(String message) {
		super(message);
	}

	public ChatModelNotFoundException(String message, UpstreamError upstream, @Nullable Throwable cause) {
		super(message, upstream, cause);
	}

}
