package io.github.chatstarter.model;

import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One choice of a non-streamed reply.
 */
@JsonModel
public final class ChatChoice extends UnknownFields {

	/**
	 * Boxed: Jackson 3 fails on {@code "index": null} for a primitive, which some relays
	 * send.
	 */
	private @Nullable Integer index;

	private @Nullable ChatMessage message;

	private @Nullable String finishReason;

	private @Nullable Object logprobs;

	private ChatChoice() {
	}

	private ChatChoice(int index, ChatMessage message, @Nullable String finishReason, @Nullable Object logprobs) {
		this.index = index;
		this.message = message;
		this.finishReason = finishReason;
		this.logprobs = logprobs;
	}

	/**
	 * A choice, for tests and for templates that assemble a reply.
	 * @param index position among the choices
	 * @param message the answer
	 * @param finishReason why the model stopped, or {@code null}
	 * @return the choice
	 */
	public static ChatChoice of(int index, ChatMessage message, @Nullable String finishReason) {
		return of(index, message, finishReason, null);
	}

	/**
	 * A choice with its log probabilities ({@code {"content": [...]}} as the provider
	 * sent them).
	 */
	public static ChatChoice of(int index, ChatMessage message, @Nullable String finishReason,
			@Nullable Object logprobs) {
		return new ChatChoice(index, Objects.requireNonNull(message, "message"), finishReason, logprobs);
	}

	/**
	 * Position of this choice among the reply's choices.
	 * @return the index
	 */
	public int index() {
		return (this.index != null) ? this.index : 0;
	}

	/**
	 * The answer; an empty assistant message when the provider sent none.
	 */
	public ChatMessage message() {
		return (this.message != null) ? this.message : ChatMessage.builder().role(ChatMessage.ASSISTANT).build();
	}

	/**
	 * Why the model stopped: {@code stop}, {@code length}, {@code tool_calls},
	 * {@code content_filter}, ….
	 * @return the reason or {@code null}
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
		return this == other || (other instanceof ChatChoice that && index() == that.index()
				&& Objects.equals(this.message, that.message) && Objects.equals(this.finishReason, that.finishReason));
	}

	@Override
	public int hashCode() {
		return Objects.hash(index(), this.message, this.finishReason);
	}

	@Override
	public String toString() {
		return "ChatChoice{index=" + this.index + ", message=" + this.message + ", finishReason=" + this.finishReason
				+ "}";
	}

}
