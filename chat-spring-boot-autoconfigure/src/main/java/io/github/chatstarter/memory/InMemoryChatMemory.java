package io.github.chatstarter.memory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

import io.github.chatstarter.model.ChatMessage;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link ChatMemory} in a map kept in order of the last append, under one lock: the
 * conversation appended to longest ago is the first to go, when there are too many or
 * when its time-to-live ran out (checked on every access, so nothing runs in the
 * background).
 */
final class InMemoryChatMemory implements ChatMemory {

	private final int maxConversations;

	private final int maxMessages;

	private final long timeToLiveNanos;

	private final LongSupplier clock;

	/** Access order: appended to longest ago first. Guarded by itself. */
	private final LinkedHashMap<String, Conversation> conversations = new LinkedHashMap<>(16, 0.75f, false);

	InMemoryChatMemory(int maxConversations, int maxMessages, Duration timeToLive, LongSupplier clock) {
		if (maxConversations < 1) {
			throw new IllegalArgumentException("max-conversations must be at least 1, but is " + maxConversations);
		}
		if (maxMessages < 1) {
			throw new IllegalArgumentException("max-messages must be at least 1, but is " + maxMessages);
		}
		if (timeToLive.isNegative() || timeToLive.isZero()) {
			throw new IllegalArgumentException("time-to-live must be positive, but is " + timeToLive);
		}
		this.maxConversations = maxConversations;
		this.maxMessages = maxMessages;
		this.timeToLiveNanos = timeToLive.toNanos();
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	@Override
	public Mono<List<ChatMessage>> read(String conversationId) {
		Objects.requireNonNull(conversationId, "conversationId");
		return Mono.fromSupplier(() -> {
			synchronized (this.conversations) {
				expire();
				Conversation conversation = this.conversations.get(conversationId);
				return (conversation != null) ? List.copyOf(conversation.messages) : List.of();
			}
		});
	}

	@Override
	public Mono<Void> append(String conversationId, List<ChatMessage> messages) {
		Objects.requireNonNull(conversationId, "conversationId");
		List<ChatMessage> added = List.copyOf(messages);
		return Mono.fromRunnable(() -> {
			synchronized (this.conversations) {
				expire();
				Conversation conversation = this.conversations.remove(conversationId);
				if (conversation == null) {
					conversation = new Conversation();
				}
				conversation.messages.addAll(added);
				int excess = conversation.messages.size() - this.maxMessages;
				if (excess > 0) {
					conversation.messages.subList(0, excess).clear();
				}
				conversation.appendedAt = this.clock.getAsLong();
				// Re-inserted: the map's order is the order of the last append.
				this.conversations.put(conversationId, conversation);
				while (this.conversations.size() > this.maxConversations) {
					Iterator<String> oldest = this.conversations.keySet().iterator();
					oldest.next();
					oldest.remove();
				}
			}
		});
	}

	@Override
	public Mono<Void> clear(String conversationId) {
		Objects.requireNonNull(conversationId, "conversationId");
		return Mono.fromRunnable(() -> {
			synchronized (this.conversations) {
				this.conversations.remove(conversationId);
			}
		});
	}

	@Override
	public Flux<String> conversations() {
		return Flux.defer(() -> {
			synchronized (this.conversations) {
				expire();
				return Flux.fromIterable(new ArrayList<>(this.conversations.keySet()));
			}
		});
	}

	/** Drops the conversations whose time-to-live ran out; they come first. */
	private void expire() {
		long now = this.clock.getAsLong();
		Iterator<Map.Entry<String, Conversation>> entries = this.conversations.entrySet().iterator();
		while (entries.hasNext()) {
			if (now - entries.next().getValue().appendedAt < this.timeToLiveNanos) {
				return;
			}
			entries.remove();
		}
	}

	@Override
	public String toString() {
		return "InMemoryChatMemory{maxConversations=" + this.maxConversations + ", maxMessages=" + this.maxMessages
				+ "}";
	}

	private static final class Conversation {

		final List<ChatMessage> messages = new ArrayList<>();

		long appendedAt;

	}

}
