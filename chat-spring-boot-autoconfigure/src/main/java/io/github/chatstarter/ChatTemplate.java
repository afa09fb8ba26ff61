package io.github.chatstarter;

import io.github.chatstarter.model.ChatChunk;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.model.ChatResponse;
import io.github.chatstarter.prompt.ChatPrompt;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Talks to an OpenAI-compatible chat-completions service. The auto-configured primary
 * bean routes each request to a provider that serves its model;
 * {@link ChatTemplates#get(String)} gives one provider's own. Nothing is sent until the
 * result is subscribed to; failures arrive as
 * {@link io.github.chatstarter.error.ChatException}s.
 */
public interface ChatTemplate {

	/**
	 * Sends the request and returns the whole answer.
	 */
	Mono<ChatResponse> chat(ChatRequest request);

	/**
	 * Sends the request with {@code stream: true} and returns the answer as it is
	 * produced. The Flux completes when the provider's stream ends properly and errors
	 * when it breaks off.
	 */
	Flux<ChatChunk> stream(ChatRequest request);

	/**
	 * Asks one question with the default model and returns the answer's text.
	 */
	default Mono<String> chat(String userMessage) {
		return chat(ChatRequest.ofUserMessage(userMessage)).map(ChatResponse::content);
	}

	/**
	 * Asks one question with the default model and streams the answer's text.
	 */
	default Flux<String> stream(String userMessage) {
		return stream(ChatRequest.ofUserMessage(userMessage)).map(ChatChunk::content).filter((text) -> !text.isEmpty());
	}

	/**
	 * An empty prompt that sends through this template, to say fluently what to ask and
	 * what to get back (text, the reply, chunks, or a typed answer); see
	 * {@link ChatPrompt}. Costs nothing until used, and nothing on
	 * {@link #chat(ChatRequest)} and {@link #stream(ChatRequest)}.
	 */
	default ChatPrompt prompt() {
		return ChatPrompt.of(this::chat, this::stream);
	}

}
