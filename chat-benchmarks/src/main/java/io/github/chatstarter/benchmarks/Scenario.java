package io.github.chatstarter.benchmarks;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the stub upstream replies, carried in the base URL's path so that every client,
 * whatever headers or query parameters it allows, sends the knobs unchanged:
 * {@code /c{chunks}-b{bytes}-f{firstDelayMs}-d{delayMs}-h{hold}/v1/chat/completions}.
 *
 * @param chunks content chunks per streamed reply (a final {@code finish_reason} chunk
 * and {@code [DONE]} follow)
 * @param bytes size of one SSE event on the wire, or of the answer's text when not
 * streaming
 * @param firstDelayMs wait before the first chunk
 * @param delayMs wait before each further chunk
 * @param hold keep the stream open after the chunks, until the client goes away (idle
 * streams)
 */
record Scenario(int chunks, int bytes, int firstDelayMs, int delayMs, boolean hold) {

	private static final Pattern PATH = Pattern.compile("/c(\\d+)-b(\\d+)-f(\\d+)-d(\\d+)-h([01])/v1/chat/completions");

	Scenario {
		if (chunks < 1 || bytes < 1 || firstDelayMs < 0 || delayMs < 0) {
			throw new IllegalArgumentException("Scenario knobs out of range: chunks=" + chunks + ", bytes=" + bytes
					+ ", firstDelayMs=" + firstDelayMs + ", delayMs=" + delayMs);
		}
	}

	static Scenario stream(int chunks, int bytes) {
		return new Scenario(chunks, bytes, 0, 0, false);
	}

	String baseUrl(int port) {
		return "http://127.0.0.1:" + port + "/c" + this.chunks + "-b" + this.bytes + "-f" + this.firstDelayMs + "-d"
				+ this.delayMs + "-h" + (this.hold ? 1 : 0) + "/v1";
	}

	static Scenario parse(String path) {
		Matcher matcher = PATH.matcher(path);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("Not a stub path: " + path);
		}
		return new Scenario(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
				Integer.parseInt(matcher.group(3)), Integer.parseInt(matcher.group(4)), "1".equals(matcher.group(5)));
	}

}
