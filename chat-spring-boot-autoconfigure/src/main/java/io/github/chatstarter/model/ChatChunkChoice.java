package io.github.chatstarter.model;

import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One choice of a stream chunk: the piece of the message it adds, and the finish reason
 * on the last.
 */
@JsonModel
public final class ChatChunkChoice extends UnknownFields {

	private static final ChatMessage EMPTY_DELTA = ChatMessage.empty();

	/**
	 * Boxed: Jackson 3 fails on {@code "index": null} for a primitive, which some relays
	 * send.
	 */
	private @Nullable Integer index;

	private @Nullable ChatMessage delta;

	private @Nullable String finishReason;

	private @Nullable Object logprobs;

	private ChatChunkChoice() {
	}

	private ChatChunkChoice(int index, @Nullable ChatMessage delta, @Nullable String finishReason) {
		this.index = index;
		this.delta = delta;
		this.finishReason = finishReason;
	}

	/**
	 * A chunk choice, for tests and for templates that assemble a stream.
	 * @param index position among the choices
	 * @param delta what this chunk adds, or {@code null}
	 * @param finishReason why the model stopped, or {@code null} while it goes on
	 * @return the choice
	 */
	public static ChatChunkChoice of(int index, @Nullable ChatMessage delta, @Nullable String finishReason) {
		return new ChatChunkChoice(index, delta, finishReason);
	}

	/**
	 * Position of this choice among the stream's choices.
	 * @return the index
	 */
	public int index() {
		return (this.index != null) ? this.index : 0;
	}

	/**
	 * What this chunk adds; its parts are all optional (an empty delta has no role
	 * either).
	 */
	public ChatMessage delta() {
		return (this.delta != null) ? this.delta : EMPTY_DELTA;
	}

	/**
	 * Why the model stopped, on the choice's last chunk.
	 * @return the reason or {@code null} while the answer goes on
	 */
	public @Nullable String finishReason() {
		return this.finishReason;
	}

	/**
	 * Log probabilities as the provider sent them.
	 * @return the log probabilities or {@code null}
	 */
	public @Nullable Object logprobs() {
		return this.logprobs;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof ChatChunkChoice that && index() == that.index()
				&& Objects.equals(this.delta, that.delta) && Objects.equals(this.finishReason, that.finishReason));
	}

	@Override
	public int hashCode() {
		return Objects.hash(index(), this.delta, this.finishReason);
	}

	@Override
	public String toString() {
		return "ChatChunkChoice{index=" + this.index + ", delta=" + this.delta + ", finishReason=" + this.finishReason
				+ "}";
	}

}
