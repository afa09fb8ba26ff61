package io.github.chatstarter.model;

/**
 * The reply chunks make up, for tests of how chunks merge.
 */
final class Aggregated {

	private Aggregated() {
	}

	static ChatResponse of(Iterable<ChatChunk> chunks) {
		ChatChunkAccumulator accumulator = new ChatChunkAccumulator();
		chunks.forEach(accumulator::add);
		return accumulator.toResponse();
	}

}
