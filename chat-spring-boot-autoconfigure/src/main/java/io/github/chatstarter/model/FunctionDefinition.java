package io.github.chatstarter.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A function the model may call: its name, what it does, and its parameters as a JSON
 * schema (plain maps and lists).
 */
@JsonModel
public final class FunctionDefinition {

	private String name = "";

	private @Nullable String description;

	private @Nullable Map<String, Object> parameters;

	private @Nullable Boolean strict;

	private FunctionDefinition() {
	}

	private FunctionDefinition(String name, @Nullable String description, @Nullable Map<String, Object> parameters,
			@Nullable Boolean strict) {
		if (name.isBlank()) {
			throw new IllegalArgumentException("A function needs a name");
		}
		this.name = name;
		this.description = description;
		this.parameters = (parameters != null) ? new LinkedHashMap<>(parameters) : null;
		this.strict = strict;
	}

	/**
	 * A function definition.
	 * @param name the name the model calls it by
	 * @param description what it does, for the model
	 * @param parameters JSON Schema of its arguments, or {@code null} for none
	 * @return the definition
	 */
	public static FunctionDefinition of(String name, @Nullable String description,
			@Nullable Map<String, Object> parameters) {
		return new FunctionDefinition(Objects.requireNonNull(name, "name"), description, parameters, null);
	}

	/**
	 * This function with strict schema adherence switched on or off (OpenAI structured
	 * outputs).
	 */
	public FunctionDefinition withStrict(boolean strict) {
		return new FunctionDefinition(this.name, this.description, this.parameters, strict);
	}

	/**
	 * Name the model calls the function by.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * What the function does, for the model.
	 * @return the description or {@code null}
	 */
	public @Nullable String description() {
		return this.description;
	}

	/**
	 * JSON Schema of the arguments.
	 * @return the schema, empty when the function takes none
	 */
	public Map<String, Object> parameters() {
		return Extras.view(this.parameters);
	}

	/**
	 * Whether the model must follow the schema exactly.
	 * @return the flag or {@code null} when not sent
	 */
	public @Nullable Boolean strict() {
		return this.strict;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof FunctionDefinition that && this.name.equals(that.name)
				&& Objects.equals(this.description, that.description)
				&& Objects.equals(this.parameters, that.parameters) && Objects.equals(this.strict, that.strict));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.name, this.description, this.parameters, this.strict);
	}

	@Override
	public String toString() {
		return "FunctionDefinition{name=" + this.name + "}";
	}

}
