package io.github.chatstarter.client;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * OpenAI's rate-limit headers, which one-api and new-api relays pass on: when
 * {@code x-ratelimit-remaining-requests} or {@code x-ratelimit-remaining-tokens} is 0,
 * the key has nothing left until {@code x-ratelimit-reset-requests} /
 * {@code x-ratelimit-reset-tokens}, written as Go durations ({@code 1s}, {@code 6m0s},
 * {@code 20ms}, {@code 1m30.5s}) or as plain seconds.
 */
final class RateLimitHeaders {

	static final String REMAINING_REQUESTS = "x-ratelimit-remaining-requests";

	static final String REMAINING_TOKENS = "x-ratelimit-remaining-tokens";

	static final String RESET_REQUESTS = "x-ratelimit-reset-requests";

	static final String RESET_TOKENS = "x-ratelimit-reset-tokens";

	/**
	 * Longer pauses than this are not believed: a relay's bug must not stop a key for
	 * days.
	 */
	static final Duration LONGEST_PAUSE = Duration.ofHours(1);

	private RateLimitHeaders() {
	}

	/**
	 * How long the key has nothing left, or {@code null} when it has (or the headers do
	 * not say).
	 * @param headers a reply's headers
	 * @return the pause, or {@code null}
	 */
	static @Nullable Duration exhaustedFor(HttpHeaders headers) {
		Duration requests = exhausted(headers, REMAINING_REQUESTS, RESET_REQUESTS);
		Duration tokens = exhausted(headers, REMAINING_TOKENS, RESET_TOKENS);
		Duration longer = (requests == null) ? tokens
				: (tokens == null || requests.compareTo(tokens) >= 0) ? requests : tokens;
		return (longer != null && longer.compareTo(LONGEST_PAUSE) > 0) ? LONGEST_PAUSE : longer;
	}

	private static @Nullable Duration exhausted(HttpHeaders headers, String remaining, String reset) {
		String left = headers.getFirst(remaining);
		if (left == null || !left.trim().equals("0")) {
			return null;
		}
		String resetValue = headers.getFirst(reset);
		Duration wait = (resetValue != null) ? parse(resetValue.trim()) : null;
		return (wait != null && wait.compareTo(Duration.ZERO) > 0) ? wait : null;
	}

	/**
	 * A Go duration ({@code 1h2m3.5s}, {@code 20ms}) or plain seconds ({@code 12},
	 * {@code 0.5}); {@code null} when it is neither.
	 * @param value the header's value
	 * @return the duration, or {@code null}
	 */
	static @Nullable Duration parse(String value) {
		if (value.isEmpty()) {
			return null;
		}
		try {
			if (Character.isDigit(value.charAt(value.length() - 1))) {
				return nanos(Double.parseDouble(value) * 1e9);
			}
			double nanos = 0;
			int i = 0;
			while (i < value.length()) {
				int start = i;
				while (i < value.length() && (Character.isDigit(value.charAt(i)) || value.charAt(i) == '.')) {
					i++;
				}
				int unitStart = i;
				while (i < value.length() && !Character.isDigit(value.charAt(i))) {
					i++;
				}
				if (start == unitStart || unitStart == i) {
					return null;
				}
				double number = Double.parseDouble(value.substring(start, unitStart));
				Double unit = switch (value.substring(unitStart, i)) {
					case "h" -> 3600e9;
					case "m" -> 60e9;
					case "s" -> 1e9;
					case "ms" -> 1e6;
					case "us", "µs" -> 1e3;
					case "ns" -> 1.0;
					default -> null;
				};
				if (unit == null) {
					return null;
				}
				nanos += number * unit;
			}
			return nanos(nanos);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static @Nullable Duration nanos(double nanos) {
		return (Double.isFinite(nanos) && nanos >= 0) ? Duration.ofNanos((long) Math.min(nanos, Long.MAX_VALUE)) : null;
	}

}
