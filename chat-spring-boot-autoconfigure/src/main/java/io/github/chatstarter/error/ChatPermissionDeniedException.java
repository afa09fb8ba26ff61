package io.github.chatstarter.error;

import org.jspecify.annotations.Nullable;

/**
 * The key is valid but may not do this (403).
 */
public class ChatPermissionDeniedException extends ChatException {

	public ChatPermissionDeniedException(String message) {
		super(message);
	}

	public ChatPermissionDeniedException(String message, UpstreamError upstream, @Nullable Throwable cause) {
		super(message, upstream, cause);
	}

}
