package io.github.chatstarter.sample.web;

import io.github.chatstarter.ChatTemplate;
import io.github.chatstarter.ChatTemplates;
import io.github.chatstarter.memory.ConversationMemory;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.prompt.ChatPrompt;
import io.github.chatstarter.web.ChatServerSentEvents;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Chat over HTTP: the whole answer as JSON, or the answer as it is written as server-sent
 * events. With a provider named, that provider's own template answers; otherwise the
 * starter's primary template routes by model (and fails over between providers).
 */
@RestController
@RequestMapping("/api/chat")
class ChatController {

	private final ChatTemplate chatTemplate;

	private final ChatTemplates chatTemplates;

	private final ConversationMemory conversations;

	ChatController(ChatTemplate chatTemplate, ChatTemplates chatTemplates, ConversationMemory conversations) {
		this.chatTemplate = chatTemplate;
		this.chatTemplates = chatTemplates;
		this.conversations = conversations;
	}

	@PostMapping
	Mono<ChatAnswer> chat(@RequestBody ChatForm form) {
		return prompt(form).call().response().map(ChatAnswer::of);
	}

	/**
	 * Streams the answer with the starter's {@link ChatServerSentEvents}: {@code text},
	 * {@code reasoning} and {@code web-search} events, then {@code done}. A bad form is
	 * refused with a 400 before the stream starts; a failure of the provider, even
	 * halfway through the answer, ends the stream with an {@code error} event (data: a
	 * {@link ChatError}, which the page shows).
	 */
	@PostMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<Object>> stream(@RequestBody ChatForm form) {
		return ChatServerSentEvents.of(prompt(form).stream().chunks(), ChatError::of);
	}

	/**
	 * The form's request as a prompt of the chosen template; in the form's conversation
	 * when it names one, whose history the starter keeps.
	 */
	private ChatPrompt prompt(ChatForm form) {
		ChatRequest request = form.toRequest();
		ChatPrompt prompt = templateFor(form.providerName()).prompt()
			.memory(this.conversations)
			.messages(request.messages());
		if (request.model() != null) {
			prompt = prompt.model(request.model());
		}
		String conversation = form.conversationId();
		return (conversation != null) ? prompt.conversation(conversation) : prompt;
	}

	private ChatTemplate templateFor(@Nullable String provider) {
		if (provider == null) {
			return this.chatTemplate;
		}
		try {
			return this.chatTemplates.get(provider);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidChatFormException(ex.getMessage(), ex);
		}
	}

}
