package io.github.chatstarter.client;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.github.chatstarter.client.internal.RequestValidation;
import io.github.chatstarter.error.ChatCapacityException;
import io.github.chatstarter.error.ChatException;
import io.github.chatstarter.error.internal.BodyStart;
import io.github.chatstarter.error.internal.ChatExceptions;
import io.github.chatstarter.error.ChatProtocolException;
import io.github.chatstarter.error.ChatRateLimitException;
import io.github.chatstarter.error.UpstreamError;
import io.github.chatstarter.internal.ChunkAggregation;
import io.github.chatstarter.model.ChatChunk;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.model.ChatResponse;
import io.github.chatstarter.model.StreamOptions;
import io.github.chatstarter.model.Usage;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.http.client.reactive.ClientHttpResponse;
import org.springframework.web.reactive.function.BodyExtractor;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.resources.ConnectionProvider;

/**
 * Sends chat requests to one provider over WebClient. Each call encodes the request once,
 * posts it, and decodes the reply from the received bytes; the response timeout runs
 * until the headers arrive, the stream idle timeout between data events after that.
 */
final class DefaultProviderChatTemplate implements ProviderChatTemplate {

	/**
	 * Largest reply or single stream event accepted; guards the heap against a runaway
	 * upstream.
	 */
	static final int MAX_EVENT_SIZE = 64 * 1024 * 1024;

	/** Largest error body read; an error page beyond that is cut. */
	private static final int MAX_ERROR_BODY = 64 * 1024;

	/*
	 * Header values as strings, written once: HttpHeaders.setAccept(List<MediaType>) and
	 * setContentType(MediaType) format the media types anew on every call, and a content
	 * type set as a MediaType is parsed back from its string when the body is written
	 * (together about a tenth of a call's CPU time from memory).
	 */
	private static final String STREAM_ACCEPT = MediaType.TEXT_EVENT_STREAM_VALUE + ", "
			+ MediaType.APPLICATION_JSON_VALUE;

	private static final String JSON_ACCEPT = MediaType.APPLICATION_JSON_VALUE;

	/*
	 * Header names in lower case (HTTP header names are case-insensitive; HTTP/2 sends
	 * them so). Spring's HttpHeaders keys its maps by the lower-cased name: a name that
	 * is lower case already is used as it is, any other is lower-cased into a new String
	 * on every put and get, and a call puts and reads each header in three maps (the
	 * request spec's, the request's and the connector's).
	 */
	private static final String CONTENT_TYPE = HttpHeaders.CONTENT_TYPE.toLowerCase(Locale.ROOT);

	private static final String ACCEPT = HttpHeaders.ACCEPT.toLowerCase(Locale.ROOT);

	private static final String AUTHORIZATION = HttpHeaders.AUTHORIZATION.toLowerCase(Locale.ROOT);

	/** Extracts the response's message itself (see body). */
	private static final BodyExtractor<ClientHttpResponse, ClientHttpResponse> MESSAGE = (message, context) -> message;

	/** Longest wait for the pool's connections to close. */
	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

	/** How a body in the event-stream format starts. */
	private final ProviderSettings settings;

	private final WebClient webClient;

	private final ConnectionProvider pool;

	private final ChatCodec codec;

	private final ApiKeyPool keys;

	private final PoolMetrics poolMetrics;

	private final ChatCallInstrumentation instrumentation;

	private final DeadlineTimer deadlineTimer;

	private final AtomicBoolean closed = new AtomicBoolean();

	/** Each key's {@code Authorization} value, built once instead of per call. */
	private final Map<String, String> bearers;

	private final List<Consumer<ChatRequest>> requestChecks;

	/** The configured extra headers, names in lower case (see CONTENT_TYPE). */
	private final Map<String, String> extraHeaders;

	/** Whether a configured header replaces the key's {@code Authorization}. */
	private final boolean authorizationConfigured;

	/** The WebClient of non-streamed calls, with their headers as defaults. */
	private final WebClient replyClient;

	/** The WebClient of streamed calls, with their headers as defaults. */
	private final WebClient streamClient;

	private final CallAdmission admission;

	DefaultProviderChatTemplate(ProviderSettings settings, WebClient webClient, ConnectionProvider pool,
			PoolMetrics poolMetrics, ChatCallInstrumentation instrumentation, List<Consumer<ChatRequest>> requestChecks,
			CallAdmission admission) {
		this.requestChecks = requestChecks;
		this.admission = admission;
		this.settings = settings;
		this.webClient = webClient;
		this.pool = pool;
		this.poolMetrics = poolMetrics;
		this.codec = new ChatCodec(settings.name(), settings.extraBody(), settings.apiKeys(), settings.errorMapping());
		this.keys = new ApiKeyPool(settings.name(), settings.apiKeys(), settings.keyCooldown(), System::nanoTime,
				admission);
		this.instrumentation = instrumentation;
		this.deadlineTimer = DeadlineTimer.acquire();
		Map<String, String> bearers = new HashMap<>();
		settings.apiKeys().forEach((key) -> bearers.put(key, "Bearer " + key));
		this.bearers = Map.copyOf(bearers);
		Map<String, String> extraHeaders = new LinkedHashMap<>();
		settings.headers().forEach((name, value) -> extraHeaders.put(name.toLowerCase(Locale.ROOT), value));
		this.extraHeaders = extraHeaders;
		this.authorizationConfigured = extraHeaders.containsKey(AUTHORIZATION);
		this.replyClient = withCallHeaders(webClient, JSON_ACCEPT);
		this.streamClient = withCallHeaders(webClient, STREAM_ACCEPT);
	}

	@Override
	public ProviderSettings settings() {
		return this.settings;
	}

	@Override
	public ApiKeyStatus apiKeyStatus() {
		return this.keys.status();
	}

	@Override
	public Mono<ChatResponse> chat(ChatRequest request) {
		return Mono.defer(() -> {
			ChatRequest prepared = prepare(request, false);
			return this.instrumentation.chat(prepared, call(prepared, this.replyClient, this::readReply).single());
		});
	}

	@Override
	public Flux<ChatChunk> stream(ChatRequest request) {
		return Flux.defer(() -> {
			ChatRequest prepared = prepare(request, true);
			return this.instrumentation.stream(prepared, call(prepared, this.streamClient, this::readStream));
		});
	}

	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			this.pool.disposeLater().block(CLOSE_TIMEOUT);
			this.deadlineTimer.release();
		}
	}

	@Override
	public ConnectionStats connections() {
		return this.poolMetrics.stats();
	}

	@Override
	public Mono<ProviderProbe> probe(String path) {
		URI uri = this.settings.resolve(path);
		return Mono.defer(() -> {
			long start = System.nanoTime();
			return this.webClient.get().uri(uri).headers((headers) -> {
				writeHeaders(headers, this.keys.acquire(), JSON_ACCEPT);
				headers.remove(HttpHeaders.CONTENT_TYPE);
			}).exchangeToMono((response) -> {
				Duration latency = Duration.ofNanos(System.nanoTime() - start);
				int status = response.statusCode().value();
				return response.statusCode().is2xxSuccessful()
						? response.releaseBody().thenReturn(new ProviderProbe(uri, status, latency))
						: readError(response);
			})
				.timeout(this.settings.responseTimeout(),
						Mono.error(() -> ExchangeDeadline.timeout(this.settings, "no response headers arrived",
								"response-timeout", this.settings.responseTimeout())))
				.onErrorMap((failure) -> ExchangeErrors.translate(this.settings, failure));
		});
	}

	private ChatRequest prepare(ChatRequest request, boolean stream) {
		if (this.closed.get()) {
			throw new IllegalStateException("Provider '" + this.settings.name() + "': its template is closed");
		}
		RequestValidation.validate(request, this.settings.name(), this.settings.defaultModel());
		boolean needsModel = request.model() == null || request.model().isBlank();
		boolean needsUsage = stream && this.settings.streamUsage() && request.streamOptions() == null;
		boolean streamFlagRight = stream ? Boolean.TRUE.equals(request.stream())
				: request.stream() == null && request.streamOptions() == null;
		if (!needsModel && !needsUsage && streamFlagRight) {
			return checked(request);
		}
		ChatRequest.Builder builder = request.mutate();
		if (needsModel) {
			builder.model(this.settings.defaultModel());
		}
		if (stream) {
			builder.stream(true);
			if (needsUsage) {
				builder.streamOptions(StreamOptions.includeUsage());
			}
		}
		else {
			// stream_options without stream: true is refused by OpenAI.
			builder.stream(null).streamOptions(null);
		}
		return checked(builder.build());
	}

	private ChatRequest checked(ChatRequest request) {
		for (Consumer<ChatRequest> check : this.requestChecks) {
			check.accept(request);
		}
		return request;
	}

	/**
	 * One call: encoded once, then attempted with the next usable key and retried on
	 * retryable failures until something reached the subscriber; the request timeout
	 * bounds the whole of it.
	 */
	private <T> Flux<T> call(ChatRequest request, WebClient client, Reader<T> reader) {
		ResendableRequest call = new ResendableRequest(request, this.codec.encode(request));
		Flux<T> attempts = new ChatRetry(this.settings.name(), this.settings.retry(), () -> !call.delivered())
			.apply(Flux.defer(() -> attemptWithKeys(call, client, reader)));
		Duration requestTimeout = this.settings.requestTimeout();
		return (requestTimeout != null) ? withRequestTimeout(attempts, requestTimeout) : attempts;
	}

	/**
	 * One attempt with the next usable key, admitted under the rate limits first; a key
	 * the provider rejects or that ran out of quota is set aside and the attempt repeated
	 * with another, while any is left.
	 */
	private <T> Flux<T> attemptWithKeys(ResendableRequest call, WebClient client, Reader<T> reader) {
		if (this.admission == CallAdmission.NONE) {
			return attempt(call, this.keys.acquire(), client, reader);
		}
		List<@Nullable String> candidates = this.keys.candidates();
		return admit(call.request(), candidates, 0).flatMapMany((admitted) -> {
			AtomicReference<@Nullable Usage> usage = new AtomicReference<>();
			return Flux.usingWhen(Mono.just(admitted.permit()),
					(permit) -> attempt(call, admitted.key(), client, reader)
						.doOnNext((item) -> recordUsage(item, usage)),
					(permit) -> settle(permit, usage), (permit, failure) -> settle(permit, usage),
					(permit) -> settle(permit, usage));
		});
	}

	private <T> Flux<T> attempt(ResendableRequest call, @Nullable String key, WebClient client, Reader<T> reader) {
		// One handler for both ways this key can fail, so that what the next key's
		// attempt fails with is not taken for this key's failure.
		return exchange(call, key, client, reader).onErrorResume((failure) -> !call.delivered(), (failure) -> {
			if (this.keys.isKeyFailure(failure)) {
				this.keys.setAside(key, (ChatException) failure);
				return attemptWithKeys(call, client, reader);
			}
			Duration retryAfter = (failure instanceof ChatRateLimitException limited) ? limited.getRetryAfter() : null;
			if (retryAfter != null) {
				// The relay said when this key may call again: paused for every
				// instance, and the call goes on with another key if there is
				// one.
				this.keys.pause(key, retryAfter, (ChatRateLimitException) failure);
				return (this.keys.size() > 1) ? attemptWithKeys(call, client, reader) : Flux.error(failure);
			}
			return Flux.error(failure);
		});
	}

	/**
	 * Pauses the key when the reply's {@code x-ratelimit-*} headers say it has nothing
	 * left until a reset, so that no instance spends a call on a certain 429.
	 */
	private void pauseWhenExhausted(@Nullable String key, ClientResponse response) {
		Duration pause = RateLimitHeaders.exhaustedFor(response.headers().asHttpHeaders());
		if (pause != null) {
			String message = "Provider '" + this.settings.name()
					+ "': the relay reported no requests or tokens left for this API key until its reset in "
					+ pause.toMillis() + "ms (x-ratelimit-remaining-*: 0)";
			this.keys.pause(key, pause, new ChatRateLimitException(message,
					new UpstreamError(this.settings.name(), response.statusCode().value(), null, null, message, pause),
					null));
		}
	}

	/**
	 * Admission with the first key that has capacity now; a key out of its own capacity
	 * gives way to the next, and only the last one (or one refused by a limit of the
	 * whole provider) waits.
	 */
	private Mono<Admitted> admit(ChatRequest request, List<@Nullable String> candidates, int index) {
		String key = candidates.get(index);
		if (index == candidates.size() - 1) {
			return this.admission.admit(request, key).map((permit) -> new Admitted(key, permit));
		}
		return this.admission.admit(request, key)
			.contextWrite((context) -> context.put(CallAdmission.NO_WAIT, true))
			.map((permit) -> new Admitted(key, permit))
			.onErrorResume(ChatCapacityException.class,
					(refused) -> refused.getLimit().contains(".key-rate-limit.") ? admit(request, candidates, index + 1)
							: this.admission.admit(request, key).map((permit) -> new Admitted(key, permit)));
	}

	private static Mono<Void> settle(CallAdmission.Permit permit, AtomicReference<@Nullable Usage> usage) {
		return Mono.fromRunnable(() -> permit.settle(usage.get()));
	}

	private static void recordUsage(Object item, AtomicReference<@Nullable Usage> usage) {
		Usage found = (item instanceof ChatResponse response) ? response.usage()
				: (item instanceof ChatChunk chunk) ? chunk.usage() : null;
		if (found != null) {
			usage.set(found);
		}
	}

	/** A key and the capacity admitted for it. */
	private record Admitted(@Nullable String key, CallAdmission.Permit permit) {
	}

	/**
	 * Posts the request and hands a 2xx response to the reader; other statuses become the
	 * mapped exception. Timeouts follow the phases: response timeout until the headers,
	 * idle timeout after.
	 */
	private <T> Flux<T> exchange(ResendableRequest call, @Nullable String key, WebClient client, Reader<T> reader) {
		return ExchangeDeadline.<T>bound(this.settings, this.deadlineTimer, call, (deadline) -> {
			WebClient.RequestBodySpec request = client.post().uri(this.settings.endpoint());
			if (key != null && !this.authorizationConfigured) {
				String known = this.bearers.get(key);
				String bearer = (known != null) ? known : "Bearer " + key;
				// Set, not added: replaces one a defaultRequest(..) may have set.
				request.headers((headers) -> headers.set(AUTHORIZATION, bearer));
			}
			return request.body(bytes(call)).exchangeToFlux((response) -> {
				deadline.headersReceived();
				pauseWhenExhausted(key, response);
				return response.statusCode().is2xxSuccessful() ? Flux.from(reader.read(response, deadline))
						: this.<T>readError(response).flux();
			});
		});
	}

	/**
	 * Reads a 2xx response into items, telling the deadline when the body's end is
	 * announced ({@code [DONE]}).
	 */
	@FunctionalInterface
	private interface Reader<T> {

		Publisher<T> read(ClientResponse response, ExchangeDeadline<?> deadline);

	}

	/**
	 * The call ended after the request timeout: cancelled, then failed (the timer must
	 * emit for {@code takeUntilOther} to cancel the call; an error would not).
	 */
	private <T> Flux<T> withRequestTimeout(Flux<T> call, Duration limit) {
		return Flux.defer(() -> {
			AtomicBoolean expired = new AtomicBoolean();
			return call.takeUntilOther(this.deadlineTimer.delay(limit).doOnNext((tick) -> expired.set(true)))
				.concatWith(
						Mono.defer(
								() -> expired.get()
										? Mono.error(ExchangeDeadline.timeout(this.settings,
												"the call did not complete", "request-timeout", limit))
										: Mono.empty()));
		});
	}

	private void writeHeaders(HttpHeaders headers, @Nullable String key, String accept) {
		headers.set(CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE);
		headers.set(ACCEPT, accept);
		if (key != null) {
			String bearer = this.bearers.get(key);
			headers.set(AUTHORIZATION, (bearer != null) ? bearer : "Bearer " + key);
		}
		this.extraHeaders.forEach(headers::set);
	}

	/**
	 * The template's WebClient with the headers every call of one kind sends as its
	 * default headers: WebClient copies default headers into each request's own map, so a
	 * call whose spec sets no header (or only the key's) builds one header map instead of
	 * two, and an open stream keeps one. The application's default headers stay
	 * underneath, as before; a configured header replaces the template's of the same
	 * name, as before.
	 */
	private WebClient withCallHeaders(WebClient webClient, String accept) {
		return webClient.mutate().defaultHeaders((headers) -> {
			headers.set(CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE);
			headers.set(ACCEPT, accept);
			this.extraHeaders.forEach(headers::set);
		}).build();
	}

	/**
	 * The encoded request as the body, written as one buffer with its length.
	 * {@code bodyValue(byte[])} reaches the same {@code ByteArrayEncoder} only after
	 * asking each of the strategies' message writers whether it can write a
	 * {@code byte[]} and parsing the content type back into a {@code MediaType}; the
	 * bytes are final JSON already (the template's own codec, never the application's),
	 * so no codec has anything to add.
	 */
	private static BodyInserter<byte[], ReactiveHttpOutputMessage> bytes(ResendableRequest call) {
		return (message, context) -> {
			byte[] body = call.body();
			message.getHeaders().setContentLength(body.length);
			return message.writeWith(Mono.just(message.bufferFactory().wrap(body)));
		};
	}

	private Publisher<ChatResponse> readReply(ClientResponse response, ExchangeDeadline<?> deadline) {
		int status = response.statusCode().value();
		long contentLength = response.headers().contentLength().orElse(-1);
		return body(response).collect(() -> new ReplyBody(contentLength, MAX_EVENT_SIZE), ReplyBody::append)
			// Released here: a buffer beyond the limit.
			.doOnDiscard(DataBuffer.class, DataBufferUtils::release)
			.map((body) -> decodeReply(body.bytes(), body.length(), status));
	}

	private ChatResponse decodeReply(byte[] bytes, int length, int status) {
		if (length == 0) {
			throw new ChatProtocolException(
					"Provider '" + this.settings.name() + "' answered HTTP " + status + " with an empty body",
					UpstreamError.of(this.settings.name()), null);
		}
		int start = BodyStart.skipFiller(bytes, 0, length);
		BodyStart kind = BodyStart.of(bytes, start, length);
		if (kind == BodyStart.EVENT_STREAM) {
			// A relay that streams whatever it was asked: the answer is the aggregate of
			// its events.
			return ChunkAggregation.aggregate(decodeEvents(bytes, length));
		}
		if (kind != BodyStart.JSON || bytes[start] != '{') {
			throw new ChatProtocolException(
					"Provider '" + this.settings.name()
							+ "' answered a non-streamed request with something other than a JSON object: "
							+ this.codec.snippet(bytes, start, length - start),
					UpstreamError.of(this.settings.name()), null);
		}
		return this.codec.readResponse(bytes, start, length - start, status);
	}

	private List<ChatChunk> decodeEvents(byte[] bytes, int length) {
		ChatStreamDecoder decoder = new ChatStreamDecoder(this.codec, this.settings.name(), MAX_EVENT_SIZE, () -> {
		});
		List<ChatChunk> chunks = new ArrayList<>();
		decoder.decode(DefaultDataBufferFactory.sharedInstance.wrap(ByteBuffer.wrap(bytes, 0, length)))
			.forEach(chunks::add);
		chunks.addAll(decoder.finish());
		return chunks;
	}

	private Publisher<ChatChunk> readStream(ClientResponse response, ExchangeDeadline<?> deadline) {
		ChatStreamDecoder decoder = new ChatStreamDecoder(this.codec, this.settings.name(), MAX_EVENT_SIZE,
				deadline::done);
		return StreamDecoding.decode(body(response), decoder);
	}

	/**
	 * The response's body as its buffers. {@code BodyExtractors.toDataBuffers()} is the
	 * same {@code getBody()}, but WebClient's response wraps whatever an extractor
	 * returns in a checkpoint operator (its description string, an operator and a
	 * subscriber that every open stream keeps); the body of an extractor that returns the
	 * message itself is not wrapped. Filters that replace or transform the response still
	 * apply: their response hands its own message to the extractor.
	 */
	private static Flux<DataBuffer> body(ClientResponse response) {
		return response.body(MESSAGE).getBody();
	}

	private <T> Mono<T> readError(ClientResponse response) {
		int status = response.statusCode().value();
		HttpHeaders headers = response.headers().asHttpHeaders();
		return DataBufferUtils.join(response.body(BodyExtractors.toDataBuffers()), MAX_ERROR_BODY)
			.map(DefaultProviderChatTemplate::toBytesAndRelease)
			.onErrorResume(DataBufferLimitException.class, (tooLarge) -> Mono.just(new byte[0]))
			.defaultIfEmpty(new byte[0])
			.flatMap((bytes) -> Mono.error(ChatExceptions.create(this.settings.name(), status, headers, bytes,
					this.settings.apiKeys(), this.settings.errorMapping())));
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

	@Override
	public String toString() {
		return "ProviderChatTemplate{" + this.settings + "}";
	}

}
