package io.github.chatstarter.model;

import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A function the model asked to call: its name and its arguments as the JSON text the
 * model wrote. Used by tool calls and by the legacy {@code function_call} message field.
 */
@JsonModel
public final class FunctionCall extends UnknownFields {

	private @Nullable String name;

	private @Nullable String arguments;

	private FunctionCall() {
	}

	private FunctionCall(@Nullable String name, @Nullable String arguments) {
		this.name = name;
		this.arguments = arguments;
	}

	/**
	 * A call of the named function.
	 * @param name the function's name
	 * @param arguments the arguments as a JSON text
	 * @return the call
	 */
	public static FunctionCall of(String name, String arguments) {
		return new FunctionCall(Objects.requireNonNull(name, "name"), Objects.requireNonNull(arguments, "arguments"));
	}

	/**
	 * A fragment as streams deliver them: either part may be missing.
	 */
	public static FunctionCall fragment(@Nullable String name, @Nullable String arguments) {
		return new FunctionCall(name, arguments);
	}

	/**
	 * Name of the function called.
	 * @return the name or {@code null}
	 */
	public @Nullable String name() {
		return this.name;
	}

	/**
	 * Arguments as the model wrote them, a JSON text (not always valid JSON).
	 * @return the arguments or {@code null}
	 */
	public @Nullable String arguments() {
		return this.arguments;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof FunctionCall that && Objects.equals(this.name, that.name)
				&& Objects.equals(this.arguments, that.arguments) && Objects.equals(extra(), that.extra()));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.name, this.arguments);
	}

	@Override
	public String toString() {
		return "FunctionCall{name=" + this.name + ", arguments=" + this.arguments + "}";
	}

}
