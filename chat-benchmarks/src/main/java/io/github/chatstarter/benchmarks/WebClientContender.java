package io.github.chatstarter.benchmarks;

import java.util.concurrent.CompletableFuture;

import io.github.chatstarter.model.ChatChunk;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.model.ChatResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.ObjectReader;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * What a user writes by hand: WebClient's own SSE reader into
 * {@code ServerSentEvent<String>}, then Jackson on each event's data String.
 */
final class WebClientContender implements Contender {

	private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {
	};

	private static final ObjectReader CHUNK_READER = RawNettyContender.JSON.readerFor(ChatChunk.class);

	private final HttpClient httpClient = Requests.reactorNetty("webclient");

	private final WebClient client;

	private final ChatRequest chatRequest = Requests.chatRequest(false);

	private final ChatRequest streamRequest = Requests.chatRequest(true);

	WebClientContender(String baseUrl) {
		this.client = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(this.httpClient))
			.baseUrl(baseUrl)
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + Requests.API_KEY)
			.build();
	}

	@Override
	public CompletableFuture<String> chat() {
		return chat(this.client, this.chatRequest).toFuture();
	}

	/**
	 * The hand-written non-streamed call, shared with the JMH call benchmark.
	 */
	static Mono<String> chat(WebClient client, ChatRequest chatRequest) {
		return client.post()
			.uri("/chat/completions")
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON)
			.bodyValue(chatRequest)
			.retrieve()
			.bodyToMono(ChatResponse.class)
			.map(ChatResponse::content);
	}

	@Override
	public Cancellable stream(StreamListener listener) {
		return Requests.subscribe(chunks(this.client, this.streamRequest).map(ChatChunk::content), listener);
	}

	/**
	 * The hand-written pipeline: WebClient's SSE reader, then Jackson on each event's
	 * data. Shared with the JMH decode benchmark so both measure the same code.
	 */
	static Flux<ChatChunk> chunks(WebClient client, ChatRequest streamRequest) {
		return client.post()
			.uri("/chat/completions")
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.bodyValue(streamRequest)
			.retrieve()
			.bodyToFlux(SSE)
			.takeWhile((event) -> !"[DONE]".equals(event.data()))
			.filter((event) -> event.data() != null)
			.map((event) -> CHUNK_READER.<ChatChunk>readValue(event.data()));
	}

	@Override
	public void close() {
		this.httpClient.configuration().connectionProvider().dispose();
	}

}
