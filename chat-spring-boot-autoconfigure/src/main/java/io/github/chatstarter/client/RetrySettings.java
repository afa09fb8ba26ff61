package io.github.chatstarter.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How a provider's template retries a failed call: at most {@code maxAttempts} attempts
 * in total, waiting {@code initialBackoff} before the second and doubling up to
 * {@code maxBackoff}, each wait up to 25 % shorter at random. A {@code Retry-After} the
 * provider sent replaces the computed wait, bounded by {@code maxBackoff}.
 *
 * @param maxAttempts attempts in total, 1 for none
 * @param initialBackoff wait before the second attempt
 * @param maxBackoff longest wait
 */
public record RetrySettings(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

	/** Three attempts, 500 ms doubling to at most 8 s, as the official SDKs do. */
	public static final RetrySettings DEFAULT = new RetrySettings(3, Duration.ofMillis(500), Duration.ofSeconds(8));

	/** One attempt, no retry. */
	public static final RetrySettings NONE = new RetrySettings(1, Duration.ofMillis(500), Duration.ofSeconds(8));

	public RetrySettings {
		Objects.requireNonNull(initialBackoff, "initialBackoff");
		Objects.requireNonNull(maxBackoff, "maxBackoff");
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts is " + maxAttempts + "; it must be at least 1");
		}
		if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
			throw new IllegalArgumentException("initialBackoff and maxBackoff must not be negative");
		}
		if (maxBackoff.compareTo(initialBackoff) < 0) {
			throw new IllegalArgumentException(
					"maxBackoff " + maxBackoff + " is shorter than initialBackoff " + initialBackoff);
		}
	}

}
