package io.github.chatstarter.sample.demo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OpenAI-compatible chat-completions service on a random loopback port, so the sample
 * runs with no key and no network. It answers {@code POST /v1/chat/completions} (streamed
 * or not) by echoing the question, {@code GET /v1/models}, and the errors of the relays'
 * API documentation when the question says /simulate (see
 * {@link DemoError#triggeredBy(String)}).
 */
public final class DemoUpstream implements AutoCloseable {

	/** The key the demo upstream expects; it guards nothing and is not a secret. */
	public static final String API_KEY = "sk-demo-offline-not-a-secret";

	/** The models the demo upstream serves; the first is the default. */
	public static final List<String> MODELS = List.of("demo-chat", "demo-chat-large");

	private static final String BEARER = "Bearer " + API_KEY;

	private static final DemoError UNAUTHORIZED = DemoError
		.invalidApiKey("Send 'Authorization: Bearer <the demo key>'.");

	private final DemoReplies replies = new DemoReplies();

	private final DemoToolReplies toolReplies = new DemoToolReplies();

	private final Duration chunkDelay;

	// Its own event loop, so the app's WebFlux server and WebClient shutting down or
	// restarting their
	// shared resources never takes the upstream with them.
	private final LoopResources loops;

	private final DisposableServer server;

	private DemoUpstream(Duration chunkDelay) {
		this.chunkDelay = chunkDelay;
		this.loops = LoopResources.create("demo-upstream", 1, true);
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.runOn(this.loops)
			.route((routes) -> routes.post("/v1/chat/completions", this::completions).get("/v1/models", this::models))
			.bindNow(Duration.ofSeconds(10));
	}

	/**
	 * Starts a demo upstream that waits {@code chunkDelay} before each event of a stream.
	 */
	public static DemoUpstream start(Duration chunkDelay) {
		Objects.requireNonNull(chunkDelay, "chunkDelay");
		if (chunkDelay.isNegative()) {
			throw new IllegalArgumentException("chunkDelay must not be negative, was " + chunkDelay);
		}
		return new DemoUpstream(chunkDelay);
	}

	public int port() {
		return this.server.port();
	}

	/**
	 * The base URL to configure, version path included:
	 * {@code http://127.0.0.1:<port>/v1}.
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + port() + "/v1";
	}

	@Override
	public void close() {
		this.server.disposeNow(Duration.ofSeconds(5));
		this.loops.disposeLater().block(Duration.ofSeconds(5));
	}

	private Mono<Void> completions(HttpServerRequest request, HttpServerResponse response) {
		// The body is read in every case: answering before the client finished sending it
		// cuts the
		// exchange short on the client's side.
		return request.receive()
			.aggregate()
			.asString(StandardCharsets.UTF_8)
			.defaultIfEmpty("")
			.flatMap((body) -> isAuthorized(request) ? answer(body, response) : send(response, UNAUTHORIZED));
	}

	private Mono<Void> answer(String body, HttpServerResponse response) {
		DemoRequest request;
		try {
			request = DemoRequest.parse(body);
		}
		catch (IllegalArgumentException ex) {
			return send(response, DemoError.badRequest(ex.getMessage()));
		}
		if (!MODELS.contains(request.model())) {
			return send(response, DemoError.modelNotFound(request.model(), MODELS));
		}
		DemoError triggered = DemoError.triggeredBy(request.lastQuestion());
		if (triggered != null) {
			return send(response, triggered);
		}
		ObjectNode toolOrTyped = request.stream() ? null : this.toolReplies.messageFor(body, request.lastQuestion());
		if (toolOrTyped != null) {
			return sendJson(response, HttpResponseStatus.OK, this.replies.completion(request, toolOrTyped));
		}
		String answer = this.replies.answerTo(request);
		if (!request.stream()) {
			return sendJson(response, HttpResponseStatus.OK, this.replies.completion(request, answer));
		}
		// No content length: Reactor Netty sends the events chunked, flushing each as it
		// comes.
		return response.status(HttpResponseStatus.OK)
			.header(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8")
			.header(HttpHeaderNames.CACHE_CONTROL, "no-cache")
			.sendString(Flux.fromIterable(this.replies.streamEvents(request, answer)).delayElements(this.chunkDelay),
					StandardCharsets.UTF_8)
			.then();
	}

	private Mono<Void> models(HttpServerRequest request, HttpServerResponse response) {
		if (!isAuthorized(request)) {
			return send(response, UNAUTHORIZED);
		}
		return sendJson(response, HttpResponseStatus.OK, this.replies.models(MODELS));
	}

	private static boolean isAuthorized(HttpServerRequest request) {
		return BEARER.equals(request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION));
	}

	private Mono<Void> send(HttpServerResponse response, DemoError error) {
		return sendJson(response, HttpResponseStatus.valueOf(error.status()), this.replies.error(error));
	}

	private static Mono<Void> sendJson(HttpServerResponse response, HttpResponseStatus status, String json) {
		return response.status(status)
			.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
			.sendString(Mono.just(json), StandardCharsets.UTF_8)
			.then();
	}

	@Override
	public String toString() {
		return "DemoUpstream{" + baseUrl() + "}";
	}

}
