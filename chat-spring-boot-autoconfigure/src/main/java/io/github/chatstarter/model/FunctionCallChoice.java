package io.github.chatstarter.model;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * The legacy {@code function_call} request field: {@code none}, {@code auto}, or
 * {@code {"name": …}}. Prefer {@link ToolChoice} where the provider supports tools.
 */
public final class FunctionCallChoice {

	/** A String mode, or the object that names a function. */
	private final Object value;

	private FunctionCallChoice(Object value) {
		this.value = value;
	}

	/**
	 * The model calls no function.
	 * @return the choice
	 */
	public static FunctionCallChoice none() {
		return new FunctionCallChoice("none");
	}

	/**
	 * The model decides whether to call a function.
	 * @return the choice
	 */
	public static FunctionCallChoice auto() {
		return new FunctionCallChoice("auto");
	}

	/**
	 * The model calls the named function.
	 * @param name the function's name
	 * @return the choice
	 */
	public static FunctionCallChoice function(String name) {
		return new FunctionCallChoice(Map.of("name", Objects.requireNonNull(name, "name")));
	}

	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	static FunctionCallChoice of(Object value) {
		return new FunctionCallChoice((value instanceof Map<?, ?> map) ? Extras.readOnlyCopy(map) : value.toString());
	}

	/**
	 * The mode ({@code none} or {@code auto}) when this choice is one.
	 * @return the mode or {@code null} when a function is named
	 */
	public @Nullable String mode() {
		return (this.value instanceof String mode) ? mode : null;
	}

	/**
	 * The function named by this choice.
	 * @return the name or {@code null} for a mode
	 */
	public @Nullable String functionName() {
		return (this.value instanceof Map<?, ?> map) ? (String) map.get("name") : null;
	}

	@JsonValue
	Object value() {
		return this.value;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof FunctionCallChoice that && this.value.equals(that.value));
	}

	@Override
	public int hashCode() {
		return this.value.hashCode();
	}

	@Override
	public String toString() {
		return "FunctionCallChoice{" + this.value + "}";
	}

}
