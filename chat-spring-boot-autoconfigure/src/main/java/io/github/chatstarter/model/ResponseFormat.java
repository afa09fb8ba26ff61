package io.github.chatstarter.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The {@code response_format}: plain text, any JSON object, or JSON that follows a
 * schema.
 */
@JsonModel
public final class ResponseFormat {

	private String type = "text";

	private @Nullable JsonSchema jsonSchema;

	private ResponseFormat() {
	}

	private ResponseFormat(String type, @Nullable JsonSchema jsonSchema) {
		this.type = type;
		this.jsonSchema = jsonSchema;
	}

	/**
	 * Plain text answers (the default).
	 * @return the format
	 */
	public static ResponseFormat text() {
		return new ResponseFormat("text", null);
	}

	/**
	 * Answers that are a JSON object (JSON mode).
	 * @return the format
	 */
	public static ResponseFormat jsonObject() {
		return new ResponseFormat("json_object", null);
	}

	/**
	 * Answers that follow the given JSON Schema (structured output).
	 * @param name name of the schema
	 * @param schema the JSON Schema
	 * @param strict whether the model must follow it exactly
	 * @return the format
	 */
	public static ResponseFormat jsonSchema(String name, Map<String, Object> schema, boolean strict) {
		return new ResponseFormat("json_schema", new JsonSchema(name, null, schema, strict));
	}

	/**
	 * JSON that follows the schema, with a description that tells the model what the
	 * format is for.
	 */
	public static ResponseFormat jsonSchema(String name, @Nullable String description, Map<String, Object> schema,
			boolean strict) {
		return new ResponseFormat("json_schema", new JsonSchema(name, description, schema, strict));
	}

	/**
	 * Type: {@code text}, {@code json_object} or {@code json_schema}.
	 * @return the type
	 */
	public String type() {
		return this.type;
	}

	/**
	 * Schema of a {@code json_schema} format.
	 * @return the schema or {@code null}
	 */
	public @Nullable JsonSchema jsonSchema() {
		return this.jsonSchema;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof ResponseFormat that && this.type.equals(that.type)
				&& Objects.equals(this.jsonSchema, that.jsonSchema));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.type, this.jsonSchema);
	}

	@Override
	public String toString() {
		return "ResponseFormat{type=" + this.type + "}";
	}

	/**
	 * The schema a {@code json_schema} response format names.
	 */
	@JsonModel
	public static final class JsonSchema {

		private String name = "";

		private @Nullable String description;

		private @Nullable Map<String, Object> schema;

		private @Nullable Boolean strict;

		private JsonSchema() {
		}

		JsonSchema(String name, @Nullable String description, Map<String, Object> schema, boolean strict) {
			this.name = Objects.requireNonNull(name, "name");
			this.description = description;
			this.schema = new LinkedHashMap<>(Objects.requireNonNull(schema, "schema"));
			this.strict = strict;
		}

		/**
		 * Name of the schema.
		 * @return the name
		 */
		public String name() {
			return this.name;
		}

		/**
		 * What the schema describes, for the model.
		 * @return the description or {@code null}
		 */
		public @Nullable String description() {
			return this.description;
		}

		/**
		 * The JSON Schema.
		 * @return the schema
		 */
		public Map<String, Object> schema() {
			return Extras.view(this.schema);
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
			return this == other || (other instanceof JsonSchema that && this.name.equals(that.name)
					&& Objects.equals(this.description, that.description) && Objects.equals(this.schema, that.schema)
					&& Objects.equals(this.strict, that.strict));
		}

		@Override
		public int hashCode() {
			return Objects.hash(this.name, this.schema, this.strict);
		}

	}

}
