package io.github.chatstarter.benchmarks;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.github.chatstarter.client.PoolSettings;
import io.github.chatstarter.client.ProviderChatTemplate;
import io.github.chatstarter.client.ProviderSettings;
import io.github.chatstarter.model.ChatChunk;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.model.ChatResponse;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * The starter's provider template, built as the README shows. It brings its own Reactor
 * Netty pool (the connector of the given builder is replaced), sized here like the other
 * contenders' pools so that 10,000 idle streams fit.
 */
final class ChatTemplateContender implements Contender {

	private final ProviderChatTemplate template;

	private final ChatRequest request = ChatRequest.ofUserMessage(Requests.QUESTION);

	ChatTemplateContender(String baseUrl) {
		ProviderSettings settings = ProviderSettings.builder("bench")
			.baseUrl(baseUrl)
			.apiKey(Requests.API_KEY)
			.defaultModel(Payloads.MODEL)
			.pool(new PoolSettings(Requests.MAX_CONNECTIONS, -1, Duration.ofSeconds(45), Duration.ofSeconds(30), null,
					Duration.ofSeconds(15)))
			.build();
		this.template = ProviderChatTemplate.builder(settings).webClientBuilder(WebClient.builder()).build();
	}

	@Override
	public CompletableFuture<String> chat() {
		return this.template.chat(this.request).map(ChatResponse::content).toFuture();
	}

	@Override
	public Cancellable stream(StreamListener listener) {
		return Requests.subscribe(this.template.stream(this.request).map(ChatChunk::content), listener);
	}

	@Override
	public void close() {
		this.template.close();
	}

}
