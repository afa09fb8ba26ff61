package io.github.chatstarter.sample.web;

import java.util.List;

import io.github.chatstarter.memory.ConversationMemory;
import io.github.chatstarter.model.ChatMessage;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The conversations the starter keeps: the page reads its tab's conversation when it is
 * loaded again, and clears it for "New conversation".
 */
@RestController
@RequestMapping("/api/conversations")
class ConversationController {

	private final ConversationMemory conversations;

	ConversationController(ConversationMemory conversations) {
		this.conversations = conversations;
	}

	/**
	 * The questions and answers of a conversation, oldest first; empty when there is
	 * none.
	 */
	@GetMapping("/{id}")
	Mono<List<ChatForm.Turn>> read(@PathVariable String id) {
		return this.conversations.read(id)
			.map((messages) -> messages.stream()
				.filter((message) -> ChatMessage.USER.equals(message.role())
						|| (ChatMessage.ASSISTANT.equals(message.role()) && message.toolCalls().isEmpty()))
				.map((message) -> new ChatForm.Turn(message.role(), message.content()))
				.toList());
	}

	/**
	 * Forgets a conversation.
	 */
	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	Mono<Void> clear(@PathVariable String id) {
		return this.conversations.clear(id);
	}

}
