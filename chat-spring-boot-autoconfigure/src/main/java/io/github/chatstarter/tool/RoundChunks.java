package io.github.chatstarter.tool;

import java.util.ArrayList;
import java.util.List;

import io.github.chatstarter.model.ChatChunk;
import io.github.chatstarter.model.ChatChunkAccumulator;
import io.github.chatstarter.model.ChatChunkChoice;
import io.github.chatstarter.model.ChatResponse;
import io.github.chatstarter.model.Usage;
import org.jspecify.annotations.Nullable;

/**
 * The chunks of one streamed round: passed on as they come until the model starts asking
 * for a tool, held back from then on (they are for the loop, not the reader), and let
 * through again if the answer goes on after the call finished (the {@code web_search}
 * signal of ai-gs's API documentation, which the relay runs itself). A usage passed on
 * counts the earlier rounds too, so that the stream's last usage is the whole exchange's.
 * Not thread-safe: one instance per subscription, fed serially.
 */
final class RoundChunks {

	private final ChatChunkAccumulator accumulator = new ChatChunkAccumulator();

	private final List<ChatChunk> held = new ArrayList<>();

	private final @Nullable Usage earlier;

	private boolean holding;

	private boolean finishedWhileHolding;

	private boolean reportedUsage;

	/**
	 * @param earlier the usage of the earlier rounds, {@code null} when none reported any
	 */
	RoundChunks(@Nullable Usage earlier) {
		this.earlier = earlier;
	}

	/**
	 * Takes the next chunk and returns what to pass on now.
	 */
	List<ChatChunk> add(ChatChunk chunk) {
		this.accumulator.add(chunk);
		this.reportedUsage |= chunk.usage() != null;
		if (!this.holding && asksForTool(chunk)) {
			this.holding = true;
		}
		ChatChunk counted = withEarlierUsage(chunk);
		if (!this.holding) {
			return List.of(counted);
		}
		if (this.finishedWhileHolding && !chunk.content().isEmpty()) {
			return release(counted);
		}
		this.held.add(counted);
		this.finishedWhileHolding |= chunk.finishReason() != null;
		return List.of();
	}

	private ChatChunk withEarlierUsage(ChatChunk chunk) {
		Usage usage = chunk.usage();
		return (this.earlier != null && usage != null) ? chunk.withUsage(this.earlier.plus(usage)) : chunk;
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
	 * What is left to pass on when this round turned out to be the final answer: the
	 * chunks still held back and, when the round reported no usage but earlier ones did,
	 * a usage-only chunk with theirs.
	 */
	List<ChatChunk> rest() {
		List<ChatChunk> rest = new ArrayList<>(this.held);
		if (this.earlier != null && !this.reportedUsage) {
			rest.add(usageOnly(this.earlier));
		}
		return rest;
	}

	/**
	 * A chunk of this round's reply with only the given usage, as streams end with.
	 */
	private ChatChunk usageOnly(Usage usage) {
		if (isEmpty()) {
			return ChatChunk.of(null, null, List.of(), usage, null);
		}
		ChatResponse round = toResponse();
		return ChatChunk.of(round.id(), round.model(), List.of(), usage, round.provider());
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
