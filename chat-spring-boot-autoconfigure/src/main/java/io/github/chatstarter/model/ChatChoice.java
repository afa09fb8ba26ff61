package io.github.chatstarter.model;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import org.jspecify.annotations.Nullable;

/**
 * One choice of a non-streamed reply.
 */
@JsonModel
public final class ChatChoice {

	private @Nullable Integer index;

	private @Nullable ChatMessage message;

	private @Nullable String finishReason;

	private @Nullable Object logprobs;

	private @Nullable Map<String, Object> extra;

	private ChatChoice() {
	}

	private ChatChoice(int index, ChatMessage message, @Nullable String finishReason) {
		this.index = index;
		this.message = message;
		this.finishReason = finishReason;
	}

	public static ChatChoice of(int index, ChatMessage message, @Nullable String finishReason) {
		return new ChatChoice(index, Objects.requireNonNull(message, "message"), finishReason);
	}

	public int index() {
		return (this.index != null) ? this.index : 0;
	}

	/**
	 * The answer; an empty assistant message when the provider sent none.
	 */
	public ChatMessage message() {
		return (this.message != null) ? this.message : ChatMessage.builder().role(ChatMessage.ASSISTANT).build();
	}

	public @Nullable String finishReason() {
		return this.finishReason;
	}

	public @Nullable Object logprobs() {
		return this.logprobs;
	}

	@JsonAnyGetter
	public Map<String, Object> extra() {
		return Extras.view(this.extra);
	}

	@JsonAnySetter
	private void putExtra(String name, @Nullable Object value) {
		this.extra = Extras.put(this.extra, name, value);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof ChatChoice that && index() == that.index()
				&& Objects.equals(this.message, that.message) && Objects.equals(this.finishReason, that.finishReason));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.index, this.message, this.finishReason);
	}

	@Override
	public String toString() {
		return "ChatChoice{index=" + this.index + ", message=" + this.message + ", finishReason=" + this.finishReason
				+ "}";
	}

}
