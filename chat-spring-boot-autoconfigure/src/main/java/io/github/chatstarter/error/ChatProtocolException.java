package io.github.chatstarter.error;

import org.jspecify.annotations.Nullable;

/**
 * The provider's output could not be understood: malformed JSON, an unexpected content
 * type, or a stream that ended before its answer did. Not retried: the same provider
 * tends to answer the same way.
 */
public class ChatProtocolException extends ChatException {

	public ChatProtocolException(String message) {
		super(message);
	}

	public ChatProtocolException(String message, UpstreamError upstream, @Nullable Throwable cause) {
		super(message, upstream, cause);
	}

}
