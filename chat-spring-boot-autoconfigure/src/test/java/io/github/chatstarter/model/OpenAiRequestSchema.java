package io.github.chatstarter.model;

import java.util.Set;

import com.networknt.schema.AnnotationKeyword;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * OpenAI's {@code CreateChatCompletionRequest} schema (the openai-openapi document, copied into the
 * test resources), to validate what the starter sends.
 */
public final class OpenAiRequestSchema {

	static final String DOCUMENT = "openai/chat-completions.openapi.json";

	/**
	 * JSON Schema 2020-12, as OpenAPI 3.1 is, with OpenAPI's own keywords ({@code discriminator},
	 * {@code x-…}, {@code example}) kept as annotations: the {@code oneOf}s they decorate decide alone.
	 */
	private static final JsonMetaSchema OPENAPI_SCHEMA_DIALECT = JsonMetaSchema
		.builder(JsonMetaSchema.getV202012().getIri(), JsonMetaSchema.getV202012())
		.unknownKeywordFactory((keyword, context) -> new AnnotationKeyword(keyword))
		.build();

	private static final JsonSchema REQUEST_SCHEMA = JsonSchemaFactory
		.getInstance(SpecVersion.VersionFlag.V202012, (factory) -> factory.metaSchema(OPENAPI_SCHEMA_DIALECT))
		.getSchema(SchemaLocation.of("classpath:" + DOCUMENT + "#/components/schemas/CreateChatCompletionRequest"),
				SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());

	private OpenAiRequestSchema() {
	}

	/**
	 * What the schema finds wrong with the request body; empty when it conforms.
	 */
	public static Set<ValidationMessage> validate(String json) {
		return REQUEST_SCHEMA.validate(json, InputFormat.JSON);
	}

	/**
	 * What the schema finds wrong with the request; empty when it conforms.
	 */
	public static Set<ValidationMessage> validate(ChatRequest request) {
		return validate(Fixtures.MAPPER.writeValueAsString(request));
	}

}
