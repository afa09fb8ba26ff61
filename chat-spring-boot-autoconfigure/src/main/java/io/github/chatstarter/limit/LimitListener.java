package io.github.chatstarter.limit;

import java.time.Duration;

/**
 * What admission reports, for metrics: waits, refusals, and estimated against actual
 * tokens. Methods are called on the caller's thread and must not block.
 */
public interface LimitListener {

	/** Reports nothing. */
	LimitListener NONE = new LimitListener() {
	};

	/**
	 * A call was admitted.
	 * @param provider name of the provider
	 * @param waited how long it waited for capacity
	 */
	default void admitted(String provider, Duration waited) {
	}

	/**
	 * A call was refused.
	 * @param provider name of the provider
	 * @param limit the property of the limit that refused it
	 */
	default void refused(String provider, String limit) {
	}

	/**
	 * A call's tokens were settled.
	 * @param provider name of the provider
	 * @param estimated tokens counted at admission
	 * @param actual tokens the reply's usage reported
	 */
	default void settled(String provider, int estimated, int actual) {
	}

}
