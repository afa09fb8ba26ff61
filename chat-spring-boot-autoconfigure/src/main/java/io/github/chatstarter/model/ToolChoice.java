package io.github.chatstarter.model;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * Which tool the model must use: {@code none}, {@code auto}, {@code required}, or one
 * named function.
 */
public final class ToolChoice {

	private static final ToolChoice NONE = new ToolChoice("none");

	private static final ToolChoice AUTO = new ToolChoice("auto");

	private static final ToolChoice REQUIRED = new ToolChoice("required");

	/** A String mode, or the object that names a function. */
	private final Object value;

	private ToolChoice(Object value) {
		this.value = value;
	}

	/**
	 * The model calls no tool.
	 * @return the choice
	 */
	public static ToolChoice none() {
		return NONE;
	}

	/**
	 * The model decides whether to call tools.
	 * @return the choice
	 */
	public static ToolChoice auto() {
		return AUTO;
	}

	/**
	 * The model must call at least one tool.
	 * @return the choice
	 */
	public static ToolChoice required() {
		return REQUIRED;
	}

	/**
	 * The model must call the named function.
	 * @param name the function's name
	 * @return the choice
	 */
	public static ToolChoice function(String name) {
		Objects.requireNonNull(name, "name");
		return new ToolChoice(Map.of("type", "function", "function", Map.of("name", name)));
	}

	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	static ToolChoice of(Object value) {
		return new ToolChoice((value instanceof Map<?, ?> map) ? Extras.readOnlyCopy(map) : value.toString());
	}

	/**
	 * The mode ({@code none}, {@code auto}, {@code required}) or {@code null} when a
	 * function is named.
	 */
	public @Nullable String mode() {
		return (this.value instanceof String mode) ? mode : null;
	}

	/**
	 * The function name this choice forces, or {@code null}.
	 */
	public @Nullable String functionName() {
		if (this.value instanceof Map<?, ?> map && map.get("function") instanceof Map<?, ?> function) {
			return (String) function.get("name");
		}
		return null;
	}

	@JsonValue
	Object value() {
		return this.value;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof ToolChoice that && this.value.equals(that.value));
	}

	@Override
	public int hashCode() {
		return this.value.hashCode();
	}

	@Override
	public String toString() {
		return "ToolChoice{" + this.value + "}";
	}

}
