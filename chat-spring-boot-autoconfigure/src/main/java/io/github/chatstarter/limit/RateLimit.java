package io.github.chatstarter.limit;

import org.jspecify.annotations.Nullable;

/**
 * Requests and tokens per minute; {@code null} is no limit.
 *
 * @param requestsPerMinute requests per minute, positive, or {@code null}
 * @param tokensPerMinute tokens per minute (prompt and answer), positive, or {@code null}
 */
public record RateLimit(@Nullable Integer requestsPerMinute, @Nullable Integer tokensPerMinute) {

	/** No limit. */
	public static final RateLimit NONE = new RateLimit(null, null);

	/**
	 * Checks the limit.
	 * @param requestsPerMinute requests per minute
	 * @param tokensPerMinute tokens per minute
	 */
	public RateLimit {
		if (requestsPerMinute != null && requestsPerMinute <= 0) {
			throw new IllegalArgumentException("requestsPerMinute must be positive, not " + requestsPerMinute);
		}
		if (tokensPerMinute != null && tokensPerMinute <= 0) {
			throw new IllegalArgumentException("tokensPerMinute must be positive, not " + tokensPerMinute);
		}
	}

	/**
	 * Whether anything is limited.
	 * @return whether it is
	 */
	public boolean isLimited() {
		return this.requestsPerMinute != null || this.tokensPerMinute != null;
	}

}
