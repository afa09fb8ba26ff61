package io.github.chatstarter.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BiFunction;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A Reactor Netty server on 127.0.0.1 whose chat endpoint runs a script of the test's:
 * for streams that need precise timing, many concurrent connections, or to observe the
 * connection closing, where WireMock is too coarse.
 */
public final class ScriptedUpstream implements AutoCloseable {

	private final DisposableServer server;

	/**
	 * @param script gets the request body and the response; returns what to send
	 */
	public ScriptedUpstream(BiFunction<String, HttpServerResponse, Publisher<Void>> script) {
		this((request, body, response) -> script.apply(body, response));
	}

	/**
	 * @param script gets the request (its headers), its body and the response; returns
	 * what to send
	 */
	public ScriptedUpstream(Script script) {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.post("/v1/chat/completions",
					(request, response) -> handle(request, response, script)))
			.bindNow(Duration.ofSeconds(10));
	}

	private static Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response, Script script) {
		return request.receive()
			.aggregate()
			.asString(StandardCharsets.UTF_8)
			.defaultIfEmpty("")
			.flatMapMany((body) -> script.answer(request, body, response))
			.then();
	}

	/**
	 * Sends the given events as a stream, one write and flush each.
	 */
	public static Publisher<Void> stream(HttpServerResponse response, Flux<String> events) {
		return response.header("Content-Type", "text/event-stream").sendString(events, StandardCharsets.UTF_8).then();
	}

	/**
	 * An OpenAI stream chunk carrying the given text, with an optional finish reason.
	 */
	public static String chunk(String content, String finishReason) {
		return "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
				+ content + "\"},\"finish_reason\":" + ((finishReason != null) ? "\"" + finishReason + "\"" : "null")
				+ "}]}\n\n";
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.port() + "/v1";
	}

	public static Mono<Void> status(HttpServerResponse response, int status, String body) {
		return response.status(status).header("Content-Type", "application/json").sendString(Mono.just(body)).then();
	}

	/**
	 * A chat completion (not streamed) with the given text and usage of 10 prompt and 5
	 * completion tokens.
	 */
	public static String completion(String content) {
		return "{\"id\":\"1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":"
				+ "{\"role\":\"assistant\",\"content\":\"" + content + "\"},\"finish_reason\":\"stop\"}],"
				+ "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":5,\"total_tokens\":15}}";
	}

	@Override
	public void close() {
		this.server.disposeNow(Duration.ofSeconds(5));
	}

	/**
	 * What the chat endpoint answers.
	 */
	@FunctionalInterface
	public interface Script {

		/**
		 * @param request the request, for its headers
		 * @param body its body
		 * @param response the response
		 * @return what to send
		 */
		Publisher<Void> answer(HttpServerRequest request, String body, HttpServerResponse response);

	}

}
