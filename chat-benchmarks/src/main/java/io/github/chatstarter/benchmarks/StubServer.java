package io.github.chatstarter.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The upstream every contender talks to, in a JVM of its own so that its work never
 * counts against the client's CPU or memory. Replays pre-encoded bytes at full speed; the
 * knobs come from the path (see {@link Scenario}). Prints {@code PORT=n} once listening
 * and stops when its standard input closes, so it never outlives the harness.
 */
public final class StubServer {

	private static final String STREAM_FLAG = "\"stream\"";

	private final Map<Integer, byte[]> completions = new ConcurrentHashMap<>();

	private final Map<Long, byte[]> streams = new ConcurrentHashMap<>();

	private final Map<Integer, byte[]> events = new ConcurrentHashMap<>();

	private final byte[] finish = Payloads.finishEvent();

	public static void main(String[] args) throws IOException {
		int port = (args.length > 0) ? Integer.parseInt(args[0]) : 0;
		DisposableServer server = new StubServer().start(port);
		System.out.println("PORT=" + server.port());
		System.out.flush();
		InputStream in = System.in;
		while (in.read() != -1) {
			// Runs until the harness closes our standard input (or dies).
		}
		server.disposeNow(Duration.ofSeconds(5));
	}

	DisposableServer start(int port) {
		return HttpServer.create()
			.host("127.0.0.1")
			.port(port)
			.option(ChannelOption.SO_BACKLOG, 8192)
			.handle(this::handle)
			.bindNow();
	}

	private Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		Scenario scenario;
		try {
			scenario = Scenario.parse(request.uri());
		}
		catch (IllegalArgumentException ex) {
			return response.status(HttpResponseStatus.NOT_FOUND).sendString(Mono.just(ex.getMessage()));
		}
		return request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap((body) -> {
			if (!wantsStream(body)) {
				byte[] json = this.completions.computeIfAbsent(scenario.bytes(), Payloads::completion);
				return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
					.sendObject(Unpooled.wrappedBuffer(json))
					.then();
			}
			return response.header(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
				.header(HttpHeaderNames.CACHE_CONTROL, "no-cache")
				.sendObject(sse(scenario))
				.then();
		});
	}

	private Publisher<ByteBuf> sse(Scenario scenario) {
		if (scenario.firstDelayMs() == 0 && scenario.delayMs() == 0 && !scenario.hold()) {
			// Full speed: the whole reply in one write, as a fast upstream's kernel would
			// coalesce it.
			long key = ((long) scenario.chunks() << 32) | scenario.bytes();
			byte[] all = this.streams.computeIfAbsent(key, (k) -> Payloads.stream(scenario.chunks(), scenario.bytes()));
			return Mono.just(Unpooled.wrappedBuffer(all));
		}
		byte[] event = this.events.computeIfAbsent(scenario.bytes(), Payloads::chunkEvent);
		Flux<ByteBuf> chunks = Flux.range(0, scenario.chunks()).concatMap((i) -> {
			int delay = (i == 0) ? scenario.firstDelayMs() : scenario.delayMs();
			Mono<ByteBuf> chunk = Mono.fromSupplier(() -> Unpooled.wrappedBuffer(event));
			return (delay > 0) ? Mono.delay(Duration.ofMillis(delay)).then(chunk) : chunk;
		});
		if (scenario.hold()) {
			return chunks.concatWith(Flux.never());
		}
		return chunks.concatWith(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(this.finish, Payloads.DONE)));
	}

	/**
	 * Finds {@code "stream": true} without parsing: the stub must cost next to nothing
	 * per request.
	 */
	static boolean wantsStream(byte[] body) {
		outer: for (int i = 0; i <= body.length - STREAM_FLAG.length(); i++) {
			for (int j = 0; j < STREAM_FLAG.length(); j++) {
				if (body[i + j] != STREAM_FLAG.charAt(j)) {
					continue outer;
				}
			}
			int k = i + STREAM_FLAG.length();
			while (k < body.length
					&& (body[k] == ' ' || body[k] == ':' || body[k] == '\n' || body[k] == '\r' || body[k] == '\t')) {
				k++;
			}
			return k < body.length && body[k] == 't';
		}
		return false;
	}

}
