package io.github.chatstarter.error;

import java.time.Instant;
import java.util.Objects;

/**
 * Routing skipped the provider without calling it: its circuit is open after repeated
 * server, connection or timeout failures, until {@link #getRetryAt()}. It stands for
 * those failures, so it is a {@link ChatServerException}.
 */
public class ChatCircuitOpenException extends ChatServerException {

	private final Instant retryAt;

	/**
	 * @param provider name of the skipped provider
	 * @param retryAt when routing tries the provider again
	 */
	public ChatCircuitOpenException(String provider, Instant retryAt) {
		super("Provider '" + provider + "' skipped until " + retryAt
				+ ": its circuit is open after repeated server, connection or timeout failures",
				UpstreamError.of(provider), null);
		this.retryAt = Objects.requireNonNull(retryAt, "retryAt");
	}

	/**
	 * When routing tries the provider again.
	 * @return the end of the open state
	 */
	public Instant getRetryAt() {
		return this.retryAt;
	}

}
