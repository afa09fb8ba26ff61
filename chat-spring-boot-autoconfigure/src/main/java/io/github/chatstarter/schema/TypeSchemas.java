package io.github.chatstarter.schema;

import java.lang.reflect.Type;
import java.util.Map;
import java.util.Optional;

import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfig;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON schemas of Java types (records, classes, enums, lists, maps, nested types,
 * {@code Optional}; {@code @JsonProperty} and {@code @JsonPropertyDescription} honoured),
 * made with victools' generator in the strict form OpenAI's {@code strict: true}
 * requires: every property required, no additional properties, and {@code null} allowed
 * where the type is {@code Optional}. Used for typed answers and for the parameters of
 * annotated tools.
 */
public final class TypeSchemas {

	private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
	};

	private static final SchemaGenerator GENERATOR = new SchemaGenerator(configuration());

	private TypeSchemas() {
	}

	private static SchemaGeneratorConfig configuration() {
		SchemaGeneratorConfigBuilder builder = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12,
				OptionPreset.PLAIN_JSON)
			.with(new JacksonModule(JacksonOption.RESPECT_JSONPROPERTY_REQUIRED,
					JacksonOption.FLATTENED_ENUMS_FROM_JSONVALUE))
			.with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT, Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES,
					Option.FLATTENED_OPTIONALS, Option.INLINE_ALL_SCHEMAS)
			.without(Option.SCHEMA_VERSION_INDICATOR);
		builder.forFields()
			.withRequiredCheck((field) -> !field.isFakeContainerItemScope())
			.withNullableCheck((field) -> field.getType() != null && field.getType().getErasedType() == Optional.class);
		return builder.build();
	}

	/**
	 * The strict JSON schema of the type, as plain maps and lists.
	 * @throws IllegalArgumentException if the type cannot be described (a recursive type,
	 * for example)
	 */
	public static Map<String, Object> of(Type type) {
		ObjectNode schema;
		try {
			schema = GENERATOR.generateSchema(type);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("Cannot make a JSON schema of " + type.getTypeName() + ": " + ex, ex);
		}
		return JsonMapper.shared().convertValue(schema, JSON_OBJECT);
	}

}
