package io.github.chatstarter.client;

import java.lang.ref.WeakReference;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.test.ScriptedUpstream;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an open stream keeps once it delivered its first chunk: from then on the call
 * cannot be retried or failed over, so the request it would have sent again is let go.
 */
class OpenStreamRetentionTests {

	@Test
	void anOpenStreamShouldLetGoOfItsRequestOnceItDeliveredAChunk() throws InterruptedException {
		AtomicReference<WeakReference<ChatRequest>> sent = new AtomicReference<>();
		try (ScriptedUpstream upstream = new ScriptedUpstream((body, response) -> ScriptedUpstream.stream(response,
				Flux.just(ScriptedUpstream.chunk("a", null)).concatWith(Flux.never())));
				ProviderChatTemplate template = ProviderChatTemplate
					.builder(ProviderSettings.builder("scripted")
						.baseUrl(upstream.baseUrl())
						.apiKey("k")
						.defaultModel("m")
						.build())
					// Sees the request as the template sends it: a copy of the caller's,
					// with the default model and the stream flag set.
					.requestCheck((request) -> sent.set(new WeakReference<>(request)))
					.build()) {
			BlockingQueue<String> received = new LinkedBlockingQueue<>();
			Disposable stream = template.stream(ChatRequest.ofUserMessage("hi"))
				.subscribe((chunk) -> received.add(chunk.content()));
			try {
				assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("a");
				assertThat(sent.get().get()).as("the request as sent").isNotNull();
				for (int i = 0; i < 10 && sent.get().get() != null; i++) {
					System.gc();
				}
				assertThat(sent.get().get()).as("the request as sent, while the stream is open").isNull();
				assertThat(stream.isDisposed()).as("the stream is still open").isFalse();
			}
			finally {
				stream.dispose();
			}
		}
	}

}
