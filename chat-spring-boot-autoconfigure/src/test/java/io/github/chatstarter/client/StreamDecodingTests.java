package io.github.chatstarter.client;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.github.chatstarter.error.ChatErrorMapping;
import io.github.chatstarter.error.ChatProtocolException;
import io.github.chatstarter.error.ChatServerException;
import io.github.chatstarter.model.ChatChunk;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class StreamDecodingTests {

	private static final String CHUNK = "{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"%s\"},\"finish_reason\":%s}]}";

	private final NettyDataBufferFactory buffers = new NettyDataBufferFactory(Unpooled.buffer().alloc());

	@Test
	void streamWhenSubscriberAsksForOneChunkAtATimeShouldDeliverEveryChunkInOrder() {
		String oneRead = event("a", null) + event("b", null) + event("c", null) + event("d", "\"stop\"")
				+ "data: [DONE]\n\n";
		Flux<ChatChunk> chunks = decode(oneRead);
		StepVerifier.create(chunks, 0)
			.thenRequest(1)
			.assertNext((chunk) -> assertThat(chunk.content()).isEqualTo("a"))
			.thenRequest(2)
			.assertNext((chunk) -> assertThat(chunk.content()).isEqualTo("b"))
			.assertNext((chunk) -> assertThat(chunk.content()).isEqualTo("c"))
			.expectNoEvent(java.time.Duration.ofMillis(10))
			.thenRequest(1)
			.assertNext((chunk) -> assertThat(chunk.content()).isEqualTo("d"))
			.verifyComplete();
	}

	@Test
	void streamWhenSubscriberAsksForLessThanAReadHoldsShouldKeepTheRestInOrderAcrossReads() {
		List<String> contents = decode(event("a", null) + event("b", null), event("c", null) + event("d", null),
				event("e", "\"stop\""))
			.limitRate(1)
			.map(ChatChunk::content)
			.collectList()
			.block();
		assertThat(contents).containsExactly("a", "b", "c", "d", "e");
	}

	@Test
	void streamWhenErrorEventFollowsChunksInOneReadShouldDeliverTheChunksThenFail() {
		StepVerifier
			.create(decode(event("a", null) + event("b", null)
					+ "event: error\ndata: {\"message\":\"upstream overloaded\"}\n\n"))
			.assertNext((chunk) -> assertThat(chunk.content()).isEqualTo("a"))
			.assertNext((chunk) -> assertThat(chunk.content()).isEqualTo("b"))
			.verifyErrorSatisfies((failure) -> assertThat(failure).isInstanceOf(ChatServerException.class)
				.hasMessageContaining("upstream overloaded"));
	}

	@Test
	void streamWhenBodyEndsBeforeTheAnswerIsCompleteShouldFailAfterItsChunks() {
		StepVerifier.create(decode(event("a", null)))
			.assertNext((chunk) -> assertThat(chunk.content()).isEqualTo("a"))
			.verifyError(ChatProtocolException.class);
	}

	@Test
	void streamWhenDecodingAReadFailsShouldReleaseThatReadOnceAndCancelTheBody() {
		ByteBuf first = Unpooled.copiedBuffer(event("a", null), StandardCharsets.UTF_8);
		ByteBuf malformed = Unpooled.copiedBuffer("data: {\"choices\": [}\n\n", StandardCharsets.UTF_8);
		ByteBuf after = Unpooled.copiedBuffer(event("b", "\"stop\""), StandardCharsets.UTF_8);
		Flux<DataBuffer> body = Flux.just(this.buffers.wrap(first), this.buffers.wrap(malformed),
				this.buffers.wrap(after));
		StepVerifier.create(StreamDecoding.decode(body, decoder()))
			.assertNext((chunk) -> assertThat(chunk.content()).isEqualTo("a"))
			.verifyError(ChatProtocolException.class);
		assertThat(first.refCnt()).isZero();
		assertThat(malformed.refCnt()).isZero();
		// Never handed over: the body was cancelled.
		assertThat(after.refCnt()).isOne();
		after.release();
	}

	@Test
	void streamWhenCancelledShouldStopAfterTheChunksAskedFor() {
		StepVerifier.create(decode(event("a", null) + event("b", null), event("c", "\"stop\"")), 1)
			.assertNext((chunk) -> assertThat(chunk.content()).isEqualTo("a"))
			.thenCancel()
			.verify();
	}

	private Flux<ChatChunk> decode(String... reads) {
		Flux<DataBuffer> body = Flux.fromArray(reads)
			.map((read) -> this.buffers.wrap(Unpooled.copiedBuffer(read, StandardCharsets.UTF_8)));
		return StreamDecoding.decode(body, decoder());
	}

	private static ChatStreamDecoder decoder() {
		return new ChatStreamDecoder(new ChatCodec("test", Map.of(), List.of("k"), ChatErrorMapping.none()), "test",
				64 * 1024, () -> {
				});
	}

	private static String event(String content, String finishReason) {
		return "data: " + CHUNK.formatted(content, finishReason) + "\n\n";
	}

}
