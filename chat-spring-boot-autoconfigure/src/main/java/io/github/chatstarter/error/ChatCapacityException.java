package io.github.chatstarter.error;

import java.time.Duration;
import java.util.Objects;

/**
 * A call refused before anything was sent: a client-side rate limit (requests or tokens
 * per minute, of the provider or of one API key, or this instance's concurrent requests)
 * had no capacity within the configured wait. {@link #getLimit()} names the limit's
 * property, {@link #getRetryAfter()} says when capacity returns. Never retried against
 * the same limit; routing may fail over to another provider.
 */
public class ChatCapacityException extends ChatRateLimitException {

	private final String limit;

	private final Duration retryAfter;

	/**
	 * @param provider name of the provider
	 * @param limit the limit's property, such as
	 * {@code chat.providers.xingyun.rate-limit.requests-per-minute}
	 * @param detail what the call needed
	 * @param retryAfter when capacity returns
	 */
	public ChatCapacityException(String provider, String limit, String detail, Duration retryAfter) {
		super("Provider '" + provider + "': no capacity under " + limit + " (" + detail + "); capacity returns in "
				+ Math.max(1, retryAfter.toMillis()) + "ms", UpstreamError.of(provider), null);
		this.limit = Objects.requireNonNull(limit, "limit");
		this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
	}

	/**
	 * The property of the limit that refused the call.
	 * @return the property name
	 */
	public String getLimit() {
		return this.limit;
	}

	/**
	 * How long until the limit has capacity again.
	 * @return the wait
	 */
	@Override
	public Duration getRetryAfter() {
		return this.retryAfter;
	}

	@Override
	public boolean isRetryable() {
		return false;
	}

}
