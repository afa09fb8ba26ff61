package io.github.chatstarter.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.chatstarter.model.ChatChunk;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.model.ChatResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The practical limit: Reactor Netty's HttpClient, {@link SseSplitter} on the bytes, and
 * Jackson reading each event's bytes once into the starter's own model types (so the gap
 * to {@link ChatTemplateContender} is the client's pipeline, not the mapping).
 */
final class RawNettyContender implements Contender {

	/**
	 * Configured as the starter's codec is: unknown fields and nulls for primitives are
	 * no error.
	 */
	static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private static final ObjectWriter REQUEST_WRITER = JSON.writerFor(ChatRequest.class);

	static final ObjectReader CHUNK_READER = JSON.readerFor(ChatChunk.class);

	private static final ObjectReader RESPONSE_READER = JSON.readerFor(ChatResponse.class);

	private final HttpClient client;

	private final String url;

	private final ChatRequest chatRequest = Requests.chatRequest(false);

	private final ChatRequest streamRequest = Requests.chatRequest(true);

	RawNettyContender(String baseUrl) {
		this.url = baseUrl + "/chat/completions";
		this.client = Requests.reactorNetty("raw")
			.headers((headers) -> headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + Requests.API_KEY)
				.set(HttpHeaderNames.CONTENT_TYPE, "application/json"));
	}

	@Override
	public CompletableFuture<String> chat() {
		return this.client.headers((headers) -> headers.set(HttpHeaderNames.ACCEPT, "application/json"))
			.post()
			.uri(this.url)
			.send(body(this.chatRequest))
			.responseSingle((response, body) -> {
				checkStatus(response);
				return body.asByteArray();
			})
			.map((bytes) -> RESPONSE_READER.<ChatResponse>readValue(bytes).content())
			.toFuture();
	}

	@Override
	public Cancellable stream(StreamListener listener) {
		Flux<ChatChunk> chunks = this.client
			.headers((headers) -> headers.set(HttpHeaderNames.ACCEPT, "text/event-stream"))
			.post()
			.uri(this.url)
			.send(body(this.streamRequest))
			.response((response, body) -> {
				checkStatus(response);
				return decode(body);
			});
		return Requests.subscribe(chunks.map(ChatChunk::content), listener);
	}

	/** Splits synchronously in onNext, while Reactor Netty still owns the buffer. */
	static Flux<ChatChunk> decode(Flux<ByteBuf> body) {
		SseSplitter splitter = new SseSplitter();
		return body.<List<ChatChunk>>handle((buf, sink) -> {
			List<ChatChunk> chunks = new ArrayList<>(4);
			splitter.feed(buf, (data, offset, length) -> chunks.add(CHUNK_READER.readValue(data, offset, length)));
			if (!chunks.isEmpty()) {
				sink.next(chunks);
			}
		})
			.concatMapIterable((chunks) -> chunks)
			.concatWith(Mono.defer(() -> splitter.done() ? Mono.empty()
					: Mono.error(new IllegalStateException("Stream ended without data: [DONE]"))));
	}

	private static Mono<ByteBuf> body(ChatRequest request) {
		return Mono.fromSupplier(() -> Unpooled.wrappedBuffer(REQUEST_WRITER.writeValueAsBytes(request)));
	}

	private static void checkStatus(HttpClientResponse response) {
		if (response.status().code() != 200) {
			throw new IllegalStateException("Stub answered " + response.status());
		}
	}

	@Override
	public void close() {
		this.client.configuration().connectionProvider().dispose();
	}

}
