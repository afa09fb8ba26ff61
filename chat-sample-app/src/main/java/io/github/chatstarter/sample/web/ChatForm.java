package io.github.chatstarter.sample.web;

import java.util.List;
import java.util.Set;

import io.github.chatstarter.model.ChatMessage;
import io.github.chatstarter.model.ChatRequest;
import org.jspecify.annotations.Nullable;

/**
 * What the page sends: the new question (after the conversation so far, unless the
 * starter keeps the conversation), and optionally the conversation, provider and model.
 *
 * @param messages the messages to send, oldest first; the last is the user's question.
 * With a {@code conversation}, only the new ones: the starter puts the stored history
 * before them
 * @param provider name of the provider to ask, or {@code null} to let the starter route
 * by model
 * @param model model to ask, or {@code null} for the provider's default model
 * @param conversation id of the conversation the starter keeps (the page uses one per
 * browser tab), or {@code null} for a call without memory
 */
public record ChatForm(@Nullable List<Turn> messages, @Nullable String provider, @Nullable String model,
		@Nullable String conversation) {

	private static final Set<String> ROLES = Set.of(ChatMessage.SYSTEM, ChatMessage.USER, ChatMessage.ASSISTANT);

	/**
	 * The chat request this form asks for.
	 * @throws InvalidChatFormException naming the first problem found
	 */
	ChatRequest toRequest() {
		if (this.messages == null || this.messages.isEmpty()) {
			throw new InvalidChatFormException("'messages' must hold at least the question");
		}
		ChatRequest.Builder request = ChatRequest.builder().model(blankToNull(this.model));
		for (int i = 0; i < this.messages.size(); i++) {
			request.message(this.messages.get(i).toMessage(i));
		}
		if (!ChatMessage.USER.equals(this.messages.get(this.messages.size() - 1).role())) {
			throw new InvalidChatFormException("The last message must be the user's question (role 'user')");
		}
		return request.build();
	}

	/**
	 * The conversation, or {@code null} when the form keeps none.
	 */
	@Nullable String conversationId() {
		return blankToNull(this.conversation);
	}

	/**
	 * The provider asked for, or {@code null} when the form leaves it to routing.
	 */
	@Nullable String providerName() {
		return blankToNull(this.provider);
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	/**
	 * One message of the conversation.
	 *
	 * @param role {@code user}, {@code assistant} or {@code system}
	 * @param content its text
	 */
	public record Turn(@Nullable String role, @Nullable String content) {

		ChatMessage toMessage(int index) {
			if (this.role == null || !ROLES.contains(this.role)) {
				throw new InvalidChatFormException(
						"messages[" + index + "].role must be one of " + ROLES + ", was " + this.role);
			}
			if (this.content == null || this.content.isBlank()) {
				throw new InvalidChatFormException("messages[" + index + "].content must not be blank");
			}
			return ChatMessage.builder().role(this.role).content(this.content).build();
		}

	}

}
