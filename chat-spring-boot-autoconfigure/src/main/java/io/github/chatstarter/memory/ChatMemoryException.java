package io.github.chatstarter.memory;

import io.github.chatstarter.error.ChatException;
import org.jspecify.annotations.Nullable;

/**
 * The conversation store failed: its history could not be read or the answer could not be
 * stored (Redis down, for example). With {@code chat.memory.on-store-failure: continue}
 * calls go on without history instead.
 */
public class ChatMemoryException extends ChatException {

	/**
	 * Makes the exception.
	 * @param message what failed, naming the conversation
	 * @param cause the store's failure, or {@code null}
	 */
	public ChatMemoryException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
