package io.github.chatstarter.error.internal;

import java.nio.charset.StandardCharsets;

/**
 * The one rule for what may come before a body, applied alike to replies, streams and
 * error bodies: white space, and the UTF-8 byte order mark that some relays write. After
 * it, a JSON value or an event stream starts, or something else (an HTML error page).
 */
public enum BodyStart {

	/** Nothing but filler so far: too early to tell. */
	UNKNOWN,

	/** A JSON object or array: the first byte after the filler is '{' or '['. */
	JSON,

	/**
	 * A server-sent event stream: a field name ({@code data:}, {@code event:}, ...) or a
	 * comment.
	 */
	EVENT_STREAM,

	/** Anything else. */
	OTHER;

	private static final byte[][] EVENT_STREAM_STARTS = { bytes("data:"), bytes(":"), bytes("event:"), bytes("id:"),
			bytes("retry:") };

	/**
	 * Whether the byte may come before a body's first character.
	 * @param b the byte
	 * @return whether it is white space or a byte of the UTF-8 byte order mark
	 */
	public static boolean isFiller(byte b) {
		return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == (byte) 0xEF || b == (byte) 0xBB
				|| b == (byte) 0xBF;
	}

	/**
	 * Where the body starts after the filler.
	 * @param bytes the bytes
	 * @param from the first byte to look at
	 * @param to the end (exclusive)
	 * @return the index of the first byte that is not filler, or {@code to}
	 */
	public static int skipFiller(byte[] bytes, int from, int to) {
		int start = from;
		while (start < to && isFiller(bytes[start])) {
			start++;
		}
		return start;
	}

	/**
	 * What the body starting at the given index (filler already skipped) is.
	 * @param bytes the bytes
	 * @param start the index of the body's first byte
	 * @param to the end (exclusive)
	 * @return the kind of body
	 */
	public static BodyStart of(byte[] bytes, int start, int to) {
		if (start >= to) {
			return UNKNOWN;
		}
		if (bytes[start] == '{' || bytes[start] == '[') {
			return JSON;
		}
		for (byte[] field : EVENT_STREAM_STARTS) {
			if (startsWith(bytes, start, to, field)) {
				return EVENT_STREAM;
			}
		}
		return OTHER;
	}

	private static boolean startsWith(byte[] bytes, int start, int to, byte[] prefix) {
		if (to - start < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (bytes[start + i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
