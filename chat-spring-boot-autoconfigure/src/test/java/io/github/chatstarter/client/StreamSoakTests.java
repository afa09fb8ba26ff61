package io.github.chatstarter.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.github.chatstarter.error.ChatConnectionException;
import io.github.chatstarter.error.ChatException;
import io.github.chatstarter.error.ChatProtocolException;
import io.github.chatstarter.error.ChatTimeoutException;
import io.github.chatstarter.model.ChatChunk;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.model.ChatMessage;
import io.github.chatstarter.test.ScriptedUpstream;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many concurrent streams against a local upstream that injects faults into every tenth:
 * each stream ends with its whole answer or a typed {@link ChatException}, none hangs,
 * and the pool ends empty.
 */
class StreamSoakTests {

	private static final int STREAMS = 2000;

	private static final int CONCURRENCY = 200;

	private static final int CHUNKS = 20;

	private static final Pattern STREAM_ID = Pattern.compile("soak-(\\d+)");

	private final Map<Integer, AtomicInteger> attempts = new ConcurrentHashMap<>();

	@Test
	void everyStreamShouldEndCompleteOrWithATypedException() {
		try (ScriptedUpstream upstream = new ScriptedUpstream(this::answer);
				ProviderChatTemplate template = ProviderChatTemplate.create(ProviderSettings.builder("soak")
					.baseUrl(upstream.baseUrl())
					.apiKey("k")
					.defaultModel("m")
					.streamIdleTimeout(Duration.ofSeconds(3))
					.retry(new RetrySettings(3, Duration.ofMillis(5), Duration.ofMillis(50)))
					.build())) {
			List<Outcome> outcomes = Flux.range(0, STREAMS)
				.flatMap((id) -> run(template, id), CONCURRENCY)
				.collectList()
				.block(Duration.ofMinutes(2));
			assertThat(outcomes).hasSize(STREAMS);
			Map<Integer, Outcome> byId = outcomes.stream().collect(Collectors.toMap(Outcome::id, (outcome) -> outcome));
			for (int id = 0; id < STREAMS; id++) {
				Outcome outcome = byId.get(id);
				switch (fault(id)) {
					case NONE, STATUS_503_ONCE, RESET_ONCE ->
						assertThat(outcome.text()).as("stream %d: %s", id, outcome.failure()).isEqualTo(expected(id));
					case CLOSED_MID_STREAM -> assertThat(outcome.failure()).as("stream %d", id)
						.isInstanceOfAny(ChatConnectionException.class, ChatProtocolException.class);
					case STALLED ->
						assertThat(outcome.failure()).as("stream %d", id).isInstanceOf(ChatTimeoutException.class);
					case MALFORMED ->
						assertThat(outcome.failure()).as("stream %d", id).isInstanceOf(ChatProtocolException.class);
				}
			}
			assertThat(outcomes.stream().filter((outcome) -> outcome.failure() != null)).as("failed streams")
				.hasSize(STREAMS / 10 * 3 / 5);
			await().atMost(Duration.ofSeconds(5)).until(() -> template.connections().active() == 0);
			assertThat(template.connections().pending()).isZero();
		}
	}

	private Mono<Outcome> run(ProviderChatTemplate template, int id) {
		ChatRequest request = ChatRequest.builder().message(ChatMessage.user("question")).user("soak-" + id).build();
		return template.stream(request)
			.map(ChatChunk::content)
			.collect(Collectors.joining())
			.map((text) -> new Outcome(id, text, null))
			.onErrorResume(ChatException.class, (failure) -> Mono.just(new Outcome(id, null, failure)));
	}

	private Publisher<Void> answer(String body, HttpServerResponse response) {
		Matcher matcher = STREAM_ID.matcher(body);
		int id = matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
		int attempt = this.attempts.computeIfAbsent(id, (key) -> new AtomicInteger()).incrementAndGet();
		Flux<String> answer = Flux.range(0, CHUNKS).map((i) -> ScriptedUpstream.chunk(word(id, i), null));
		Flux<String> end = Flux.just(ScriptedUpstream.chunk("", "stop"), "data: [DONE]\n\n");
		return switch (fault(id)) {
			case NONE -> ScriptedUpstream.stream(response, answer.concatWith(end));
			case STATUS_503_ONCE ->
				(attempt == 1) ? ScriptedUpstream.status(response, 503, "{\"error\":{\"message\":\"busy\"}}")
						: ScriptedUpstream.stream(response, answer.concatWith(end));
			case RESET_ONCE ->
				(attempt == 1) ? closeConnection(response) : ScriptedUpstream.stream(response, answer.concatWith(end));
			case CLOSED_MID_STREAM -> ScriptedUpstream.stream(response, answer.take(3)
				.concatWith(Mono.fromRunnable(() -> response.withConnection((c) -> c.channel().close()))));
			case STALLED -> ScriptedUpstream.stream(response, answer.take(2).concatWith(Flux.never()));
			case MALFORMED -> ScriptedUpstream.stream(response,
					answer.take(2).concatWith(Flux.just("data: {\"choices\":[{\"de\n\n")));
		};
	}

	private static Publisher<Void> closeConnection(HttpServerResponse response) {
		response.withConnection((connection) -> connection.channel().close());
		return Mono.never();
	}

	private static Fault fault(int id) {
		if (id % 10 != 0) {
			return Fault.NONE;
		}
		return Fault.values()[1 + (id / 10) % 5];
	}

	private static String expected(int id) {
		return IntStream.range(0, CHUNKS).mapToObj((i) -> word(id, i)).collect(Collectors.joining());
	}

	private static String word(int id, int index) {
		return id + "." + index + " ";
	}

	private enum Fault {

		NONE, STATUS_503_ONCE, RESET_ONCE, CLOSED_MID_STREAM, STALLED, MALFORMED

	}

	private record Outcome(int id, String text, ChatException failure) {

	}

}
