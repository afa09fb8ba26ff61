package io.github.chatstarter.model;

import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A tool call in an assistant message, or a fragment of one in a stream delta (where
 * {@code index} says which call it continues and {@code id} and name usually come only in
 * the first fragment).
 */
@JsonModel
public final class ToolCall extends UnknownFields {

	private @Nullable Integer index;

	private @Nullable String id;

	private @Nullable String type;

	private @Nullable FunctionCall function;

	private ToolCall() {
	}

	private ToolCall(@Nullable Integer index, @Nullable String id, @Nullable String type,
			@Nullable FunctionCall function, @Nullable Map<String, Object> extra) {
		super(extra);
		this.index = index;
		this.id = id;
		this.type = type;
		this.function = function;
	}

	/**
	 * A complete call of a function tool, as an assistant message sent back to the model
	 * carries it.
	 */
	public static ToolCall function(String id, String name, String arguments) {
		return new ToolCall(null, Objects.requireNonNull(id, "id"), "function", FunctionCall.of(name, arguments), null);
	}

	/**
	 * A streamed fragment; any part may be missing.
	 */
	public static ToolCall fragment(@Nullable Integer index, @Nullable String id, @Nullable String type,
			@Nullable FunctionCall function) {
		return new ToolCall(index, id, type, function, null);
	}

	/**
	 * Position of the call in a streamed reply, which the deltas of one call share.
	 * @return the index or {@code null} outside streams
	 */
	public @Nullable Integer index() {
		return this.index;
	}

	/**
	 * Id the tool's result refers to.
	 * @return the id or {@code null}
	 */
	public @Nullable String id() {
		return this.id;
	}

	/**
	 * Type of the call, {@code function}.
	 * @return the type or {@code null}
	 */
	public @Nullable String type() {
		return this.type;
	}

	/**
	 * The function called, with its arguments.
	 * @return the call or {@code null}
	 */
	public @Nullable FunctionCall function() {
		return this.function;
	}

	/**
	 * This call without its stream {@code index}, as it is sent back in a follow-up
	 * request.
	 */
	public ToolCall withoutIndex() {
		return (this.index == null) ? this : new ToolCall(null, this.id, this.type, this.function, extraOrNull());
	}

	/**
	 * This call with the given stream {@code index}, as a delta carries it.
	 */
	public ToolCall withIndex(int index) {
		return new ToolCall(index, this.id, this.type, this.function, extraOrNull());
	}

	/**
	 * This call with the given extra fields (for example ones a provider wants sent
	 * back).
	 */
	public ToolCall withExtra(Map<String, ?> extra) {
		return new ToolCall(this.index, this.id, this.type, this.function, Extras.copy(extra));
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof ToolCall that && Objects.equals(this.index, that.index)
				&& Objects.equals(this.id, that.id) && Objects.equals(this.type, that.type)
				&& Objects.equals(this.function, that.function) && Objects.equals(extra(), that.extra()));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.index, this.id, this.type, this.function);
	}

	@Override
	public String toString() {
		return "ToolCall{" + ((this.index != null) ? "index=" + this.index + ", " : "") + "id=" + this.id + ", type="
				+ this.type + ", function=" + this.function + "}";
	}

}
