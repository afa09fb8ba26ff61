package io.github.chatstarter.client;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.github.chatstarter.error.ChatException;
import io.github.chatstarter.model.ChatChunk;
import io.github.chatstarter.model.ChatRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stream releases each received buffer exactly once, also when decoding one of them
 * fails. The buffers here start with two references, as Reactor Netty's do (it holds one
 * until the subscriber returns), so a second release by the template would show as a
 * count of zero.
 */
class StreamBufferOwnershipTests {

	private static final NettyDataBufferFactory BUFFERS = new NettyDataBufferFactory(PooledByteBufAllocator.DEFAULT);

	@ParameterizedTest(name = "failing event {index}")
	@ValueSource(strings = { "data: {\"choices\":[{\"index\":0,\n\n",
			"data: {\"error\":{\"message\":\"upstream broke\",\"type\":\"server_error\"}}\n\n" })
	void streamWhenAnEventCannotBeDecodedShouldReleaseEachBufferOnce(String failingEvent) {
		List<ByteBuf> reads = List.of(buffer(chunk("Hel")), buffer(chunk("lo")), buffer(failingEvent),
				buffer(chunk("never read")));
		try (ProviderChatTemplate template = template(reads)) {
			StepVerifier.create(template.stream(ChatRequest.ofUserMessage("hi")).map(ChatChunk::content))
				.expectNext("Hel", "lo")
				.expectError(ChatException.class)
				.verify();
			// Each buffer the template was handed keeps only the transport's own
			// reference.
			assertThat(reads).allSatisfy((buf) -> assertThat(buf.refCnt()).isEqualTo(1));
		}
		finally {
			reads.stream().filter((buf) -> buf.refCnt() > 0).forEach((buf) -> buf.release(buf.refCnt()));
		}
	}

	@ParameterizedTest(name = "failing event {index}")
	@ValueSource(strings = { "data: {\"choices\":[{\"index\":0,\n\n",
			"data: {\"error\":{\"message\":\"upstream broke\",\"type\":\"server_error\"}}\n\n" })
	void streamWhenContentAndAFailingEventShareOneReadShouldDeliverTheContentAndReleaseEachBufferOnce(
			String failingEvent) {
		List<ByteBuf> reads = List.of(buffer(chunk("Hel")), buffer(chunk("lo") + failingEvent),
				buffer(chunk("never read")));
		try (ProviderChatTemplate template = template(reads)) {
			StepVerifier.create(template.stream(ChatRequest.ofUserMessage("hi")).map(ChatChunk::content))
				.expectNext("Hel", "lo")
				.expectError(ChatException.class)
				.verify();
			assertThat(reads).allSatisfy((buf) -> assertThat(buf.refCnt()).isEqualTo(1));
		}
		finally {
			reads.stream().filter((buf) -> buf.refCnt() > 0).forEach((buf) -> buf.release(buf.refCnt()));
		}
	}

	private static ProviderChatTemplate template(List<ByteBuf> reads) {
		// As Reactor Netty's connector does: each read is handed on with one more
		// reference, which the
		// reader releases; the transport releases its own after the subscriber returns.
		Flux<DataBuffer> body = Flux.fromIterable(reads).map((buf) -> BUFFERS.wrap(buf.retain()));
		return ProviderChatTemplate
			.builder(ProviderSettings.builder("memory")
				.baseUrl("http://127.0.0.1:9/v1")
				.apiKey("k")
				.defaultModel("m")
				.build())
			.webClientBuilder(WebClient.builder()
				.exchangeFunction((request) -> Mono.just(ClientResponse.create(HttpStatus.OK)
					.header("Content-Type", MediaType.TEXT_EVENT_STREAM_VALUE)
					.body(body)
					.build())))
			.build();
	}

	private static String chunk(String content) {
		return "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
				+ content + "\"},\"finish_reason\":null}]}\n\n";
	}

	private static ByteBuf buffer(String text) {
		ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer();
		buf.writeCharSequence(text, StandardCharsets.UTF_8);
		return buf;
	}

}
