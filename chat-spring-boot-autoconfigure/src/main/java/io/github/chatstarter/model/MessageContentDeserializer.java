package io.github.chatstarter.model;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads a message's {@code content}, which is either a string or an array of
 * {@link ContentPart}s.
 */
final class MessageContentDeserializer extends ValueDeserializer<Object> {

	@Override
	public Object deserialize(JsonParser parser, DeserializationContext context) {
		if (parser.currentToken() == JsonToken.START_ARRAY) {
			JavaType parts = context.getTypeFactory().constructCollectionType(List.class, ContentPart.class);
			List<@Nullable ContentPart> read = context.readValue(parser, parts);
			// Some relays put null elements in the array; a null is no part, so it is
			// left out rather
			// than failing the reply or standing in for an empty part. An explicit
			// "content": null
			// never gets here: Jackson reads it as no content.
			return read.stream().filter(Objects::nonNull).toList();
		}
		if (parser.currentToken() == JsonToken.VALUE_STRING) {
			return parser.getString();
		}
		// A few relays send content as a number or object; keep its text rather than fail
		// the reply.
		return context.readTree(parser).toString();
	}

}
