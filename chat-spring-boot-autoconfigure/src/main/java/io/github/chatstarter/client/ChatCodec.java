package io.github.chatstarter.client;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.github.chatstarter.error.ChatException;
import io.github.chatstarter.error.ChatErrorMapping;
import io.github.chatstarter.error.internal.ChatExceptions;
import io.github.chatstarter.error.ChatProtocolException;
import io.github.chatstarter.error.internal.SecretRedactor;
import io.github.chatstarter.error.UpstreamError;
import io.github.chatstarter.model.ChatChunk;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.model.ChatResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.InjectableValues;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One provider's JSON: encodes requests (with its {@code extra-body} merged in) and
 * decodes replies and stream events, each payload parsed once, straight from the received
 * bytes. The model's own annotations decide the mapping, so the application's
 * {@code JsonMapper} settings cannot change the wire format.
 */
final class ChatCodec {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private static final int SNIPPET_LENGTH = 200;

	private final String provider;

	private final Map<String, Object> extraBody;

	private final List<String> secrets;

	private final ChatErrorMapping errorMapping;

	private final ObjectWriter requestWriter;

	private final ObjectReader chunkReader;

	private final ObjectReader responseReader;

	ChatCodec(String provider, Map<String, Object> extraBody, List<String> secrets, ChatErrorMapping errorMapping) {
		this.provider = provider;
		this.extraBody = extraBody;
		this.secrets = secrets;
		this.errorMapping = errorMapping;
		InjectableValues injectables = new InjectableValues.Std().addValue(ChatResponse.PROVIDER_INJECTABLE, provider);
		this.requestWriter = MAPPER.writerFor(ChatRequest.class);
		this.chunkReader = MAPPER.readerFor(ChatChunk.class).with(injectables);
		this.responseReader = MAPPER.readerFor(ChatResponse.class).with(injectables);
	}

	/**
	 * The request as JSON, with every {@code extra-body} field the request does not set
	 * itself.
	 */
	byte[] encode(ChatRequest request) {
		if (this.extraBody.isEmpty()) {
			return this.requestWriter.writeValueAsBytes(request);
		}
		ObjectNode body = MAPPER.valueToTree(request);
		this.extraBody.forEach((name, value) -> {
			if (!body.has(name)) {
				body.set(name, MAPPER.valueToTree(value));
			}
		});
		return MAPPER.writeValueAsBytes(body);
	}

	/**
	 * Parses one stream event's data. An error object in the stream becomes the mapped
	 * exception.
	 */
	ChatChunk readChunk(byte[] data, int offset, int length) {
		ChatChunk chunk;
		try {
			chunk = this.chunkReader.readValue(data, offset, length);
		}
		catch (JacksonException ex) {
			throw malformed("stream event", data, offset, length, ex);
		}
		if (chunk.choices().isEmpty() && !chunk.extra().isEmpty() && ChatExceptions.isErrorBody(chunk.extra())) {
			throw ChatExceptions.fromErrorBody(this.provider, 0, chunk.extra(), null, this.secrets, this.errorMapping);
		}
		return chunk;
	}

	/**
	 * Parses a stream event that the provider marked as an error ({@code event: error}).
	 */
	ChatException readErrorEvent(byte[] data, int offset, int length) {
		try {
			Map<?, ?> root = MAPPER.readValue(data, offset, length, Map.class);
			return ChatExceptions.fromErrorBody(this.provider, 0, root, null, this.secrets, this.errorMapping);
		}
		catch (JacksonException ex) {
			String text = new String(data, offset, length, StandardCharsets.UTF_8);
			return ChatExceptions.fromErrorBody(this.provider, 0, Map.of("message", text), null, this.secrets,
					this.errorMapping);
		}
	}

	/**
	 * Parses a whole non-streamed reply of a 2xx response. A body that is an error
	 * object, or that has no choices, is an error: never an empty answer.
	 */
	ChatResponse readResponse(byte[] body, int offset, int length, int statusCode) {
		ChatResponse response;
		try {
			response = this.responseReader.readValue(body, offset, length);
		}
		catch (JacksonException ex) {
			throw malformed("reply", body, offset, length, ex);
		}
		if (response.choices().isEmpty()) {
			if (ChatExceptions.isErrorBody(response.extra())) {
				throw ChatExceptions.fromErrorBody(this.provider, statusCode, response.extra(), null, this.secrets,
						this.errorMapping);
			}
			throw new ChatProtocolException(
					"Provider '" + this.provider + "' answered without any choice: " + snippet(body, offset, length),
					new UpstreamError(this.provider, statusCode, null, null, null, null), null);
		}
		return response;
	}

	private ChatProtocolException malformed(String what, byte[] data, int offset, int length, Exception cause) {
		return new ChatProtocolException("Provider '" + this.provider + "' sent a " + what + " that is not valid JSON: "
				+ snippet(data, offset, length), UpstreamError.of(this.provider), cause);
	}

	/**
	 * The start of a payload as it may appear in a message: cut, and with keys masked.
	 */
	String snippet(byte[] data, int offset, int length) {
		int shown = Math.min(length, SNIPPET_LENGTH);
		String text = new String(data, offset, shown, StandardCharsets.UTF_8);
		return SecretRedactor.redact(text, this.secrets) + ((shown < length) ? "… (" + length + " bytes)" : "");
	}

}
