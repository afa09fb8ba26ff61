package io.github.chatstarter.error;

import org.jspecify.annotations.Nullable;

/**
 * The provider rejected the API key, or none was sent (401, {@code invalid_api_key},
 * {@code no_api_key}).
 */
public class ChatAuthenticationException extends ChatException {

	public ChatAuthenticationException(String message) {
		super(message);
	}

	public ChatAuthenticationException(String message, UpstreamError upstream, @Nullable Throwable cause) {
		super(message, upstream, cause);
	}

}
