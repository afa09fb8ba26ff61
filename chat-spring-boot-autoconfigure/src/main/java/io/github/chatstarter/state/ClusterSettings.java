package io.github.chatstarter.state;

import java.time.Duration;
import java.util.Objects;

/**
 * How the shared state uses Redis.
 *
 * @param keyPrefix namespace of every Redis key written
 * @param commandTimeout longest wait for one Redis command before this instance falls
 * back to its local state
 * @param refreshInterval how often marks set by other instances are read (and, while
 * Redis is down, how often it is tried again)
 */
public record ClusterSettings(String keyPrefix, Duration commandTimeout, Duration refreshInterval) {

	/** Default key prefix. */
	public static final String DEFAULT_KEY_PREFIX = "chat";

	/** Default command timeout. */
	public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMillis(250);

	/** Default refresh interval: marks reach every instance within a second. */
	public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofMillis(500);

	/** The defaults. */
	public static final ClusterSettings DEFAULT = new ClusterSettings(DEFAULT_KEY_PREFIX, DEFAULT_COMMAND_TIMEOUT,
			DEFAULT_REFRESH_INTERVAL);

	/**
	 * Checks the settings.
	 * @param keyPrefix namespace of every Redis key written
	 * @param commandTimeout longest wait for one Redis command
	 * @param refreshInterval how often shared marks are read
	 */
	public ClusterSettings {
		Objects.requireNonNull(keyPrefix, "keyPrefix");
		Objects.requireNonNull(commandTimeout, "commandTimeout");
		Objects.requireNonNull(refreshInterval, "refreshInterval");
		if (keyPrefix.isBlank()) {
			throw new IllegalArgumentException("keyPrefix must not be blank");
		}
		if (commandTimeout.isNegative() || commandTimeout.isZero()) {
			throw new IllegalArgumentException("commandTimeout must be positive, not " + commandTimeout);
		}
		if (refreshInterval.isNegative() || refreshInterval.isZero()) {
			throw new IllegalArgumentException("refreshInterval must be positive, not " + refreshInterval);
		}
	}

}
