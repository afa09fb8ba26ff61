package io.github.chatstarter.benchmarks;

import java.util.concurrent.CompletableFuture;

import io.github.chatstarter.ChatTemplate;
import io.github.chatstarter.model.ChatChunk;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.model.ChatResponse;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The starter's provider template, on the same Reactor Netty pool settings as the other Reactor-based
 * contenders (the default pool refuses 10,000 streams).
 */
final class ChatTemplateContender implements Contender {

	private final HttpClient httpClient = Requests.reactorNetty("chat-template");

	private final ChatTemplate template;

	private final ChatRequest request = ChatRequest.of(Requests.QUESTION);

	ChatTemplateContender(String baseUrl) {
		this.template = ChatTemplateFactory.create(baseUrl,
				WebClient.builder().clientConnector(new ReactorClientHttpConnector(this.httpClient)));
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
		this.httpClient.configuration().connectionProvider().dispose();
	}

}
