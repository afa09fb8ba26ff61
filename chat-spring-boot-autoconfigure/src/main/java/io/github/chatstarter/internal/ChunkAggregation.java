package io.github.chatstarter.internal;

import java.util.Objects;

import io.github.chatstarter.error.ChatProtocolException;
import io.github.chatstarter.model.ChatChunk;
import io.github.chatstarter.model.ChatChunkAccumulator;
import io.github.chatstarter.model.ChatResponse;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one way chunks of a stream become the reply a non-streamed call would have
 * returned: {@code ChatResponses.aggregate}, a prompt's {@code stream().response()} and a
 * relay that streams a non-streamed call all use it. {@link ChatChunkAccumulator} holds
 * how chunks merge; this class what a stream without chunks is.
 */
public final class ChunkAggregation {

	private ChunkAggregation() {
	}

	/**
	 * The reply of a stream when it completes; an error of the stream is passed on.
	 * @param chunks the stream
	 * @return the reply, or a {@link ChatProtocolException} when no chunk came
	 */
	public static Mono<ChatResponse> aggregate(Publisher<ChatChunk> chunks) {
		Objects.requireNonNull(chunks, "chunks");
		return Flux.from(chunks)
			.collect(ChatChunkAccumulator::new, ChatChunkAccumulator::add)
			.map(ChunkAggregation::response);
	}

	/**
	 * The reply of chunks already received.
	 * @param chunks the chunks, in order
	 * @return the reply
	 * @throws ChatProtocolException when there are none
	 */
	public static ChatResponse aggregate(Iterable<ChatChunk> chunks) {
		ChatChunkAccumulator accumulator = new ChatChunkAccumulator();
		chunks.forEach(accumulator::add);
		return response(accumulator);
	}

	private static ChatResponse response(ChatChunkAccumulator accumulator) {
		if (accumulator.isEmpty()) {
			throw new ChatProtocolException("The stream completed without any chunk, so there is no reply");
		}
		return accumulator.toResponse();
	}

}
