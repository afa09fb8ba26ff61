package io.github.chatstarter.benchmarks;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The bytes the stub replays, encoded once: OpenAI {@code chat.completion.chunk} SSE
 * events padded to a given size and a {@code chat.completion} JSON body. The text is
 * ASCII so that a size in bytes is also a size in characters.
 */
final class Payloads {

	static final String MODEL = "gpt-3.5-turbo";

	static final byte[] DONE = ascii("data: [DONE]\n\n");

	private static final String CHUNK_HEAD = "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\","
			+ "\"created\":1700000000,\"model\":\"" + MODEL + "\",\"system_fingerprint\":\"fp_bench\","
			+ "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"";

	private static final String CHUNK_TAIL = "\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n";

	private Payloads() {
	}

	/**
	 * One content event of {@code size} bytes on the wire (sizes below the envelope,
	 * about 230 bytes, get a one-character content).
	 */
	static byte[] chunkEvent(int size) {
		int contentLength = Math.max(1, size - CHUNK_HEAD.length() - CHUNK_TAIL.length());
		return ascii(CHUNK_HEAD + text(contentLength) + CHUNK_TAIL);
	}

	static int contentLength(int size) {
		return Math.max(1, size - CHUNK_HEAD.length() - CHUNK_TAIL.length());
	}

	/** The last event: no content, a finish reason and usage, as OpenAI sends it. */
	static byte[] finishEvent() {
		return ascii("data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
				+ "\"model\":\"" + MODEL + "\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
				+ "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":12,\"total_tokens\":21}}\n\n");
	}

	/**
	 * A whole streamed reply: {@code chunks} content events, the finish event and
	 * {@code [DONE]}.
	 */
	static byte[] stream(int chunks, int size) {
		byte[] event = chunkEvent(size);
		ByteArrayOutputStream out = new ByteArrayOutputStream(event.length * chunks + 512);
		for (int i = 0; i < chunks; i++) {
			out.writeBytes(event);
		}
		out.writeBytes(finishEvent());
		out.writeBytes(DONE);
		return out.toByteArray();
	}

	/** A non-streamed reply whose answer text has {@code contentLength} characters. */
	static byte[] completion(int contentLength) {
		return ascii("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\""
				+ MODEL + "\",\"system_fingerprint\":\"fp_bench\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
				+ "\"assistant\",\"content\":\"" + text(contentLength) + "\",\"refusal\":null},\"logprobs\":null,"
				+ "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":12,"
				+ "\"total_tokens\":21}}");
	}

	private static String text(int length) {
		StringBuilder text = new StringBuilder(length);
		String words = "Hello there, how can I help you today? ";
		while (text.length() < length) {
			text.append(words.charAt(text.length() % words.length()));
		}
		return text.toString();
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
