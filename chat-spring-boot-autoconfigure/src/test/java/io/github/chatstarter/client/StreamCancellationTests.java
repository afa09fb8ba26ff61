package io.github.chatstarter.client;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.chatstarter.error.ChatTimeoutException;
import io.github.chatstarter.model.ChatChunk;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.test.ScriptedUpstream;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class StreamCancellationTests {

	@Test
	void cancellingAStreamShouldCloseTheUpstreamConnectionPromptly() throws InterruptedException {
		CountDownLatch closed = new CountDownLatch(1);
		try (ScriptedUpstream upstream = new ScriptedUpstream((body, response) -> {
			response.withConnection((connection) -> connection.onDispose(closed::countDown));
			// A long answer: 600 chunks, 50 ms apart (30 s), so only a cancel ends it
			// early.
			return ScriptedUpstream.stream(response,
					Flux.interval(Duration.ofMillis(50)).take(600).map((i) -> ScriptedUpstream.chunk("t" + i, null)));
		}); ProviderChatTemplate template = template(upstream)) {
			assertThat(template.stream(ChatRequest.ofUserMessage("hi"))
				.map(ChatChunk::content)
				.take(3)
				.collectList()
				.block()).containsExactly("t0", "t1", "t2");
			assertThat(closed.await(1, TimeUnit.SECONDS)).as("upstream saw the connection close within a second")
				.isTrue();
			await().atMost(Duration.ofSeconds(1)).until(() -> template.connections().active() == 0);
			assertThat(template.connections().idle()).as("a half-read connection is not pooled").isZero();
		}
	}

	@Test
	void stalledStreamShouldCloseItsConnectionWhenTheIdleTimeoutEndsIt() throws InterruptedException {
		CountDownLatch closed = new CountDownLatch(1);
		try (ScriptedUpstream upstream = new ScriptedUpstream((body, response) -> {
			response.withConnection((connection) -> connection.onDispose(closed::countDown));
			return ScriptedUpstream.stream(response,
					Flux.just(ScriptedUpstream.chunk("a", null)).concatWith(Flux.never()));
		});
				ProviderChatTemplate template = ProviderChatTemplate.create(ProviderSettings.builder("scripted")
					.baseUrl(upstream.baseUrl())
					.apiKey("k")
					.defaultModel("m")
					.streamIdleTimeout(Duration.ofMillis(300))
					.build())) {
			StepVerifier.create(template.stream(ChatRequest.ofUserMessage("hi")).map(ChatChunk::content))
				.expectNext("a")
				.expectError(ChatTimeoutException.class)
				.verify(Duration.ofSeconds(5));
			assertThat(closed.await(1, TimeUnit.SECONDS)).as("upstream saw the connection close").isTrue();
			await().atMost(Duration.ofSeconds(1)).until(() -> template.connections().active() == 0);
		}
	}

	@Test
	void completedStreamShouldReturnItsConnectionToThePool() {
		Set<Object> connections = ConcurrentHashMap.newKeySet();
		try (ScriptedUpstream upstream = new ScriptedUpstream((body, response) -> {
			response.withConnection((connection) -> connections.add(connection.channel().id()));
			return ScriptedUpstream.stream(response, Flux.just(ScriptedUpstream.chunk("a", null),
					ScriptedUpstream.chunk("b", "stop"), "data: [DONE]\n\n"));
		}); ProviderChatTemplate template = template(upstream)) {
			for (int i = 0; i < 5; i++) {
				assertThat(
						template.stream(ChatRequest.ofUserMessage("hi")).map(ChatChunk::content).collectList().block())
					.containsExactly("a", "b");
				// The connection goes back to the pool on the event loop just after the
				// last signal.
				await().atMost(Duration.ofSeconds(1)).until(() -> template.connections().active() == 0);
			}
			assertThat(template.connections().idle()).isEqualTo(1);
			assertThat(connections).as("connections the upstream saw").hasSize(1);
		}
	}

	private static ProviderChatTemplate template(ScriptedUpstream upstream) {
		return ProviderChatTemplate.create(
				ProviderSettings.builder("scripted").baseUrl(upstream.baseUrl()).apiKey("k").defaultModel("m").build());
	}

}
