package io.github.chatstarter.memory;

import java.time.Duration;
import java.util.List;

import io.github.chatstarter.model.ChatMessage;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where conversations are kept: each one a list of messages, oldest first, under an id
 * the application chooses (one per browser tab, per user, per ticket). A store keeps at
 * most so many messages per conversation (the oldest go first) and forgets a conversation
 * that got no message for its time-to-live. Appends of one call are one step: two
 * instances appending to one conversation at once never interleave their messages.
 * Failures of the store arrive as {@link ChatMemoryException}s. The stores:
 * {@link #inMemory(int, int, Duration)} and {@link RedisChatMemory}.
 */
public interface ChatMemory {

	/**
	 * The messages of a conversation, oldest first.
	 * @param conversationId the conversation
	 * @return its messages, empty when there is no such conversation
	 */
	Mono<List<ChatMessage>> read(String conversationId);

	/**
	 * Appends messages to a conversation, making it if needed, and starts its
	 * time-to-live anew.
	 * @param conversationId the conversation
	 * @param messages the messages, oldest first
	 * @return completes when they are stored
	 */
	Mono<Void> append(String conversationId, List<ChatMessage> messages);

	/**
	 * Forgets a conversation (for a "new conversation" button).
	 * @param conversationId the conversation
	 * @return completes when it is gone
	 */
	Mono<Void> clear(String conversationId);

	/**
	 * The ids of the conversations kept.
	 * @return the ids, in no particular order
	 */
	Flux<String> conversations();

	/**
	 * A store in this JVM's memory, lost on restart and not shared between instances.
	 * @param maxConversations most conversations kept; the one idle longest goes first
	 * @param maxMessages most messages kept per conversation
	 * @param timeToLive how long a conversation without new message is kept
	 * @return the store
	 */
	static ChatMemory inMemory(int maxConversations, int maxMessages, Duration timeToLive) {
		return new InMemoryChatMemory(maxConversations, maxMessages, timeToLive, System::nanoTime);
	}

}
