package io.github.chatstarter.prompt;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.github.chatstarter.schema.TypeSchemas;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The schema of one typed answer: what is sent to the model, and the validator its
 * answers are checked with.
 */
final class AnswerSchema {

	private static final SchemaRegistry REGISTRY = SchemaRegistry
		.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

	private final Type type;

	private final Map<String, Object> schema;

	private final Schema validator;

	AnswerSchema(Type type) {
		this.type = type;
		this.schema = TypeSchemas.of(type);
		this.validator = REGISTRY.getSchema(JsonMapper.shared().valueToTree(this.schema));
	}

	Type type() {
		return this.type;
	}

	Map<String, Object> schema() {
		return this.schema;
	}

	/**
	 * A name OpenAI accepts ({@code ^[a-zA-Z0-9_-]{1,64}$}) made from the type's simple
	 * name.
	 */
	String name() {
		String simple = this.type.getTypeName().replaceAll("<.*", "").replaceAll(".*[.$]", "");
		String name = simple.replaceAll("[^a-zA-Z0-9_-]", "_");
		return name.isEmpty() ? "answer" : (name.length() > 64) ? name.substring(0, 64) : name;
	}

	/**
	 * Whether the value follows the schema.
	 */
	boolean conforms(JsonNode value) {
		return this.validator.validate(value).isEmpty();
	}

	/**
	 * What the schema finds wrong with the value, one line each; empty when it conforms.
	 * The messages come from a resource bundle read from the class path the first time,
	 * so this may block.
	 */
	List<String> validate(JsonNode value) {
		return this.validator.validate(value).stream().map(Error::toString).toList();
	}

}
