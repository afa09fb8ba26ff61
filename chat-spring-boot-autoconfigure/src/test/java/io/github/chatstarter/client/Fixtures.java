package io.github.chatstarter.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the recorded replies under {@code src/test/resources/fixtures}, written from the
 * seed documents.
 */
public final class Fixtures {

	/** The seed 002 stream transcript: 16 content chunks, a finish chunk, then [DONE]. */
	public static final String SEED_002_STREAM = "seed002-stream.txt";

	/** Text of the seed 002 stream's answer. */
	public static final String SEED_002_ANSWER = "你好你好,有什么可以帮到你的吗?";

	/** Seed 002's web-search signal, its end, then the normal answer. */
	public static final String SEED_002_WEB_SEARCH_STREAM = "seed002-web-search-stream.txt";

	/**
	 * Seed 002's stream as its API documentation prints it: one newline between the
	 * {@code data:} lines, no blank line.
	 */
	public static final String SEED_002_STREAM_SINGLE_NEWLINES = "seed002-stream-single-newlines.txt";

	/** Seed 000's non-streamed reply. */
	public static final String SEED_000_REPLY = "seed000-reply.json";

	/** Seed 002's non-streamed reply. */
	public static final String SEED_002_REPLY = "seed002-reply.json";

	private Fixtures() {
	}

	public static String text(String name) {
		return new String(bytes(name), StandardCharsets.UTF_8);
	}

	public static byte[] bytes(String name) {
		try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("No fixture " + name);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
