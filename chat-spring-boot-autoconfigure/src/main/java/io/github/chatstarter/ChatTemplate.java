package io.github.chatstarter;

import io.github.chatstarter.model.ChatChunk;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.model.ChatResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Talks to an OpenAI-compatible chat-completions service. The auto-configured primary bean routes each
 * request to a provider that serves its model; {@link ChatTemplates#get(String)} gives one provider's own.
 * Nothing is sent until the result is subscribed to; failures arrive as
 * {@link io.github.chatstarter.error.ChatException}s.
 */
public interface ChatTemplate {

	/**
	 * Sends the request and returns the whole answer.
	 */
	Mono<ChatResponse> chat(ChatRequest request);

	/**
	 * Sends the request with {@code stream: true} and returns the answer as it is produced. The Flux
	 * completes when the provider's stream ends properly and errors when it breaks off.
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

}
