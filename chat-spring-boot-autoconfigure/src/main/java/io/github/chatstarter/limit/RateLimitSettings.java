package io.github.chatstarter.limit;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The limits of one provider.
 *
 * @param provider limits of the whole provider
 * @param perKey limits of each of its API keys
 * @param maxConcurrentRequests most calls in flight on this instance, or {@code null}
 * @param maxWait longest a call waits for capacity before it fails
 * @param defaultCompletionTokens tokens counted for the answer of a request without
 * {@code max_tokens}, until its usage settles the estimate
 */
public record RateLimitSettings(RateLimit provider, RateLimit perKey, @Nullable Integer maxConcurrentRequests,
		Duration maxWait, int defaultCompletionTokens) {

	/** Default longest wait for capacity. */
	public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(10);

	/** Default tokens counted for an answer whose size the request does not bound. */
	public static final int DEFAULT_COMPLETION_TOKENS = 1024;

	/** No limits. */
	public static final RateLimitSettings NONE = new RateLimitSettings(RateLimit.NONE, RateLimit.NONE, null,
			DEFAULT_MAX_WAIT, DEFAULT_COMPLETION_TOKENS);

	/**
	 * Checks the settings.
	 * @param provider limits of the whole provider
	 * @param perKey limits of each API key
	 * @param maxConcurrentRequests most calls in flight on this instance
	 * @param maxWait longest wait for capacity
	 * @param defaultCompletionTokens tokens counted for an unbounded answer
	 */
	public RateLimitSettings {
		Objects.requireNonNull(provider, "provider");
		Objects.requireNonNull(perKey, "perKey");
		Objects.requireNonNull(maxWait, "maxWait");
		if (maxConcurrentRequests != null && maxConcurrentRequests <= 0) {
			throw new IllegalArgumentException("maxConcurrentRequests must be positive, not " + maxConcurrentRequests);
		}
		if (maxWait.isNegative()) {
			throw new IllegalArgumentException("maxWait must not be negative, not " + maxWait);
		}
		if (defaultCompletionTokens < 0) {
			throw new IllegalArgumentException(
					"defaultCompletionTokens must not be negative, not " + defaultCompletionTokens);
		}
	}

	/**
	 * Whether any limit applies.
	 * @return whether one does
	 */
	public boolean isLimited() {
		return this.provider.isLimited() || this.perKey.isLimited() || this.maxConcurrentRequests != null;
	}

	/**
	 * Whether tokens are counted.
	 * @return whether a tokens-per-minute limit applies
	 */
	boolean countsTokens() {
		return this.provider.tokensPerMinute() != null || this.perKey.tokensPerMinute() != null;
	}

}
