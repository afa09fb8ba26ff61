package io.github.chatstarter.model;

import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A tool the model may call; today always a function.
 */
@JsonModel
public final class Tool {

	private String type = "function";

	private @Nullable FunctionDefinition function;

	private Tool() {
	}

	private Tool(FunctionDefinition function) {
		this.function = function;
	}

	/**
	 * A function tool.
	 * @param function the function's definition
	 * @return the tool
	 */
	public static Tool function(FunctionDefinition function) {
		return new Tool(Objects.requireNonNull(function, "function"));
	}

	/**
	 * A function tool.
	 * @param name the name the model calls it by
	 * @param description what it does, for the model
	 * @param parameters JSON Schema of its arguments, or {@code null} for none
	 * @return the tool
	 */
	public static Tool function(String name, @Nullable String description, @Nullable Map<String, Object> parameters) {
		return new Tool(FunctionDefinition.of(name, description, parameters));
	}

	/**
	 * Type of the tool, {@code function}.
	 * @return the type
	 */
	public String type() {
		return this.type;
	}

	/**
	 * The function of a {@code function} tool.
	 * @return the definition or {@code null}
	 */
	public @Nullable FunctionDefinition function() {
		return this.function;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof Tool that && this.type.equals(that.type)
				&& Objects.equals(this.function, that.function));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.type, this.function);
	}

	@Override
	public String toString() {
		return "Tool{type=" + this.type + ", function=" + this.function + "}";
	}

}
