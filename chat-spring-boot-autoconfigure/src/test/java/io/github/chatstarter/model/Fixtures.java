package io.github.chatstarter.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes the model with a plain mapper (the model must map the same with any
 * mapper), and turns recorded-style event streams into chunks the way a real stream
 * decoder would.
 */
public final class Fixtures {

	public static final JsonMapper MAPPER = JsonMapper.builder().build();

	private Fixtures() {
	}

	public static String resource(String name) {
		try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("No test fixture " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static <T> T read(String json, Class<T> type) {
		return MAPPER.readValue(json, type);
	}

	public static JsonNode tree(Object value) {
		return MAPPER.readTree(MAPPER.writeValueAsString(value));
	}

	/**
	 * The chunks of an event stream: each {@code data:} line is one chunk, {@code [DONE]}
	 * ends it.
	 */
	public static List<ChatChunk> chunks(String eventStream) {
		return eventStream.lines()
			.filter((line) -> line.startsWith("data:"))
			.map((line) -> line.substring("data:".length()).trim())
			.takeWhile((data) -> !data.equals("[DONE]"))
			.map((data) -> read(data, ChatChunk.class))
			.toList();
	}

	public static List<ChatChunk> chunksOf(String resource) {
		return chunks(resource(resource));
	}

}
