package io.github.chatstarter.memory;

import org.jspecify.annotations.Nullable;

/**
 * Told about the history each call of a conversation sends, for metrics: the
 * auto-configuration records {@code chat.memory.history.tokens} and
 * {@code chat.memory.messages.trimmed} with Micrometer.
 */
@FunctionalInterface
public interface ConversationObserver {

	/** Observes nothing. */
	ConversationObserver NONE = (model, historyTokens, messagesTrimmed) -> {
	};

	/**
	 * A call's history was put before its new messages.
	 * @param model the model it goes to, or {@code null} when not known
	 * @param historyTokens tokens of the history sent
	 * @param messagesTrimmed stored messages left out to fit the context window
	 */
	void historySent(@Nullable String model, int historyTokens, int messagesTrimmed);

}
