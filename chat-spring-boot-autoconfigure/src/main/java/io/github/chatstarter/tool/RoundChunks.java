package io.github.chatstarter.tool;

import java.util.ArrayList;
import java.util.List;

import io.github.chatstarter.model.ChatChunk;
import io.github.chatstarter.model.ChatChunkAccumulator;
import io.github.chatstarter.model.ChatChunkChoice;
import io.github.chatstarter.model.ChatResponse;

/**
 * The chunks of one streamed round: passed on as they come until the model starts asking for a tool,
 * held back from then on (they are for the loop, not the reader), and let through again if the
 * answer goes on after the call finished (seed 002's {@code web_search} signal, which the relay runs
 * itself). Not thread-safe: one instance per subscription, fed serially.
 */
final class RoundChunks {

	private final ChatChunkAccumulator accumulator = new ChatChunkAccumulator();

	private final List<ChatChunk> held = new ArrayList<>();

	private boolean holding;

	private boolean finishedWhileHolding;

	/**
	 * Takes the next chunk and returns what to pass on now.
	 */
	List<ChatChunk> add(ChatChunk chunk) {
		this.accumulator.add(chunk);
		if (!this.holding && asksForTool(chunk)) {
			this.holding = true;
		}
		if (!this.holding) {
			return List.of(chunk);
		}
		if (this.finishedWhileHolding && !chunk.content().isEmpty()) {
			return release(chunk);
		}
		this.held.add(chunk);
		this.finishedWhileHolding |= chunk.finishReason() != null;
		return List.of();
	}

	private List<ChatChunk> release(ChatChunk chunk) {
		List<ChatChunk> released = new ArrayList<>(this.held);
		released.add(chunk);
		this.held.clear();
		this.holding = false;
		this.finishedWhileHolding = false;
		return released;
	}

	/**
	 * The chunks still held back, for a round that turned out to be the final answer.
	 */
	List<ChatChunk> held() {
		return List.copyOf(this.held);
	}

	boolean isEmpty() {
		return this.accumulator.isEmpty();
	}

	ChatResponse toResponse() {
		return this.accumulator.toResponse();
	}

	private static boolean asksForTool(ChatChunk chunk) {
		for (ChatChunkChoice choice : chunk.choices()) {
			if (ToolLoop.asksForTools(choice.delta())) {
				return true;
			}
		}
		return false;
	}

}
