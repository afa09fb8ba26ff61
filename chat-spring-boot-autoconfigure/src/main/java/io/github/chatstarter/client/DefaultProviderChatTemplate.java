package io.github.chatstarter.client;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import io.github.chatstarter.error.ChatExceptions;
import io.github.chatstarter.error.ChatProtocolException;
import io.github.chatstarter.error.ChatTimeoutException;
import io.github.chatstarter.error.UpstreamError;
import io.github.chatstarter.model.ChatChunk;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.model.ChatResponse;
import io.github.chatstarter.model.StreamOptions;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.resources.ConnectionProvider;

/**
 * Sends chat requests to one provider over WebClient. Each call encodes the request once, posts it, and
 * decodes the reply from the received bytes; the response timeout runs until the headers arrive, the
 * stream idle timeout between data events after that.
 */
final class DefaultProviderChatTemplate implements ProviderChatTemplate {

	/** Largest reply or single stream event accepted; guards the heap against a runaway upstream. */
	static final int MAX_EVENT_SIZE = 64 * 1024 * 1024;

	/** Largest error body read; an error page beyond that is cut. */
	private static final int MAX_ERROR_BODY = 64 * 1024;

	/** How long a stream may go on after {@code [DONE]} before it is closed from this side. */
	private static final Duration AFTER_DONE_GRACE = Duration.ofSeconds(1);

	private static final List<MediaType> STREAM_ACCEPT = List.of(MediaType.TEXT_EVENT_STREAM, MediaType.APPLICATION_JSON);

	private static final List<MediaType> JSON_ACCEPT = List.of(MediaType.APPLICATION_JSON);

	/** Stands for the arrival of the response headers in the exchange's signals. */
	private static final Object HEADERS_RECEIVED = new Object();

	private final ProviderSettings settings;

	private final WebClient webClient;

	private final ConnectionProvider pool;

	private final ChatCodec codec;

	DefaultProviderChatTemplate(ProviderSettings settings, WebClient webClient, ConnectionProvider pool) {
		this.settings = settings;
		this.webClient = webClient;
		this.pool = pool;
		this.codec = new ChatCodec(settings.name(), settings.extraBody());
	}

	@Override
	public ProviderSettings settings() {
		return this.settings;
	}

	@Override
	public Mono<ChatResponse> chat(ChatRequest request) {
		return Mono.defer(() -> {
			ChatRequest prepared = prepare(request, false);
			return exchange(prepared, JSON_ACCEPT, this::readReply).next();
		});
	}

	@Override
	public Flux<ChatChunk> stream(ChatRequest request) {
		return Flux.defer(() -> {
			ChatRequest prepared = prepare(request, true);
			return exchange(prepared, STREAM_ACCEPT, this::readStream);
		});
	}

	@Override
	public void close() {
		this.pool.dispose();
	}

	private ChatRequest prepare(ChatRequest request, boolean stream) {
		RequestValidation.validate(request, this.settings.name(), this.settings.defaultModel());
		ChatRequest.Builder builder = request.mutate();
		if (request.model() == null || request.model().isBlank()) {
			builder.model(this.settings.defaultModel());
		}
		if (stream) {
			builder.stream(true);
			if (this.settings.streamUsage() && request.streamOptions() == null) {
				builder.streamOptions(StreamOptions.includeUsage());
			}
		}
		else {
			// stream_options without stream: true is refused by OpenAI.
			builder.stream(null).streamOptions(null);
		}
		return builder.build();
	}

	/**
	 * Posts the request and hands a 2xx response to the reader; other statuses become the mapped
	 * exception. Timeouts follow the phases: response timeout until the headers, idle timeout after.
	 */
	private <T> Flux<T> exchange(ChatRequest request, List<MediaType> accept,
			Function<ClientResponse, Publisher<T>> reader) {
		byte[] body = this.codec.encode(request);
		Flux<Object> signals = this.webClient.post()
			.uri(this.settings.endpoint())
			.headers((headers) -> writeHeaders(headers, accept))
			.bodyValue(body)
			.exchangeToFlux((response) -> Flux.concat(Mono.just(HEADERS_RECEIVED),
					response.statusCode().is2xxSuccessful() ? reader.apply(response) : readError(response)));
		Flux<Object> timed = signals.timeout(timeoutAfter(this.settings.responseTimeout(), "response-timeout",
				"no response headers arrived"), this::nextTimeout, Flux.empty());
		if (this.settings.requestTimeout() != null) {
			timed = timed.takeUntilOther(timeoutAfter(this.settings.requestTimeout(), "request-timeout",
					"the call did not complete"));
		}
		@SuppressWarnings("unchecked")
		Flux<T> result = (Flux<T>) timed
			.filter((signal) -> signal != HEADERS_RECEIVED && signal != ChatStreamDecoder.END)
			.onErrorMap((failure) -> ExchangeErrors.translate(this.settings, failure));
		return result;
	}

	/**
	 * After {@code [DONE]} a short grace for the body to end, after which the timeout's fallback completes
	 * the stream normally; otherwise the idle timeout, which fails it.
	 */
	private Publisher<?> nextTimeout(Object signal) {
		if (signal == ChatStreamDecoder.END) {
			return Mono.delay(AFTER_DONE_GRACE);
		}
		return timeoutAfter(this.settings.streamIdleTimeout(), "stream-idle-timeout", "no data arrived");
	}

	private Mono<Object> timeoutAfter(Duration limit, String property, String what) {
		return Mono.delay(limit).then(Mono.error(() -> new ChatTimeoutException("Provider '" + this.settings.name()
				+ "': " + what + " within " + property + " " + format(limit) + " (chat.providers." + this.settings.name() + "."
				+ property + ")", UpstreamError.of(this.settings.name()), null)));
	}

	private void writeHeaders(HttpHeaders headers, List<MediaType> accept) {
		headers.setContentType(MediaType.APPLICATION_JSON);
		headers.setAccept(accept);
		List<String> keys = this.settings.apiKeys();
		if (!keys.isEmpty()) {
			headers.setBearerAuth(keys.get(0));
		}
		this.settings.headers().forEach(headers::set);
	}

	private Publisher<ChatResponse> readReply(ClientResponse response) {
		int status = response.statusCode().value();
		return DataBufferUtils.join(response.body(BodyExtractors.toDataBuffers()), MAX_EVENT_SIZE)
			.map(DefaultProviderChatTemplate::toBytesAndRelease)
			.switchIfEmpty(Mono.error(() -> new ChatProtocolException("Provider '" + this.settings.name()
					+ "' answered HTTP " + status + " with an empty body", UpstreamError.of(this.settings.name()), null)))
			.map((bytes) -> decodeReply(bytes, status));
	}

	private ChatResponse decodeReply(byte[] bytes, int status) {
		int start = 0;
		while (start < bytes.length && Character.isWhitespace(bytes[start])) {
			start++;
		}
		if (start < bytes.length && bytes[start] != '{') {
			throw new ChatProtocolException("Provider '" + this.settings.name()
					+ "' answered a non-streamed request with something other than a JSON object: "
					+ ChatCodec.snippet(bytes, start, bytes.length - start), UpstreamError.of(this.settings.name()), null);
		}
		return this.codec.readResponse(bytes, start, bytes.length - start, status);
	}

	private Publisher<ChatChunk> readStream(ClientResponse response) {
		ChatStreamDecoder decoder = new ChatStreamDecoder(this.codec, this.settings.name(), MAX_EVENT_SIZE);
		return response.body(BodyExtractors.toDataBuffers())
			.concatMapIterable(decoder::decode)
			.concatWith(Flux.defer(() -> Flux.fromIterable(decoder.finish())));
	}

	private <T> Mono<T> readError(ClientResponse response) {
		int status = response.statusCode().value();
		HttpHeaders headers = response.headers().asHttpHeaders();
		return DataBufferUtils.join(response.body(BodyExtractors.toDataBuffers()), MAX_ERROR_BODY)
			.map(DefaultProviderChatTemplate::toBytesAndRelease)
			.onErrorResume(DataBufferLimitException.class, (tooLarge) -> Mono.just(new byte[0]))
			.defaultIfEmpty(new byte[0])
			.flatMap((bytes) -> Mono.error(ChatExceptions.create(this.settings.name(), status, headers, bytes)));
	}

	private static byte[] toBytesAndRelease(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	private static String format(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
	}

	@Override
	public String toString() {
		return "ProviderChatTemplate{" + this.settings + "}";
	}

}
