package io.github.chatstarter;

import io.github.chatstarter.internal.ChunkAggregation;
import io.github.chatstarter.error.ChatProtocolException;
import io.github.chatstarter.model.ChatChunk;
import io.github.chatstarter.model.ChatChunkAccumulator;
import io.github.chatstarter.model.ChatResponse;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Reactive helpers for replies.
 */
public final class ChatResponses {

	private ChatResponses() {
	}

	/**
	 * The {@link ChatResponse} a non-streamed call would have returned, built from the
	 * chunks of one stream when it completes (see {@link ChatChunkAccumulator} for how
	 * chunks are merged). Use it as
	 * {@code template.stream(request).as(ChatResponses::aggregate)}, or after showing the
	 * chunks as they arrive, for example with {@code .doOnNext(..)}. An error of the
	 * stream is passed on; a stream that completes without any chunk gives a
	 * {@link ChatProtocolException}.
	 */
	public static Mono<ChatResponse> aggregate(Publisher<ChatChunk> chunks) {
		return ChunkAggregation.aggregate(chunks);
	}

}
