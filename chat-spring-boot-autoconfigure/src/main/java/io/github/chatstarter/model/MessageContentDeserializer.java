package io.github.chatstarter.model;

import java.util.List;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads a message's {@code content}, which is either a string or an array of {@link ContentPart}s.
 */
final class MessageContentDeserializer extends ValueDeserializer<Object> {

	@Override
	public Object deserialize(JsonParser parser, DeserializationContext context) {
		if (parser.currentToken() == JsonToken.START_ARRAY) {
			JavaType parts = context.getTypeFactory().constructCollectionType(List.class, ContentPart.class);
			List<ContentPart> read = context.readValue(parser, parts);
			return List.copyOf(read);
		}
		if (parser.currentToken() == JsonToken.VALUE_STRING) {
			return parser.getString();
		}
		// A few relays send content as a number or object; keep its text rather than fail the reply.
		return context.readTree(parser).toString();
	}

}
