package io.github.chatstarter.model;

import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;

/**
 * OpenAI's {@code CreateChatCompletionRequest} schema (the openai-openapi document,
 * copied into the test resources), to validate what the starter sends.
 */
public final class OpenAiRequestSchema {

	static final String DOCUMENT = "openai/chat-completions.openapi.json";

	/**
	 * JSON Schema 2020-12, as OpenAPI 3.1 is, with OpenAPI's own keywords
	 * ({@code discriminator}, {@code x-…}, {@code example}) kept as annotations: the
	 * {@code oneOf}s they decorate decide alone.
	 */
	private static final Dialect OPENAPI_SCHEMA_DIALECT = Dialect
		.builder(Dialects.getDraft202012().getId(), Dialects.getDraft202012())
		.unknownKeywordFactory((keyword, context) -> new AnnotationKeyword(keyword))
		.build();

	private static final Schema REQUEST_SCHEMA = SchemaRegistry.withDialect(OPENAPI_SCHEMA_DIALECT)
		.getSchema(SchemaLocation.of("classpath:" + DOCUMENT + "#/components/schemas/CreateChatCompletionRequest"));

	private OpenAiRequestSchema() {
	}

	/**
	 * What the schema finds wrong with the request body; empty when it conforms.
	 */
	public static List<Error> validate(String json) {
		return REQUEST_SCHEMA.validate(json, InputFormat.JSON);
	}

	/**
	 * What the schema finds wrong with the request; empty when it conforms.
	 */
	public static List<Error> validate(ChatRequest request) {
		return validate(Fixtures.MAPPER.writeValueAsString(request));
	}

}
