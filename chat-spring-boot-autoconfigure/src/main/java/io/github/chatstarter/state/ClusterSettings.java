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
 * @param localShare share of each configured limit this instance admits on its own while
 * Redis does not answer, above 0 and at most 1
 */
public record ClusterSettings(String keyPrefix, Duration commandTimeout, Duration refreshInterval, double localShare) {

	/** Default key prefix. */
	public static final String DEFAULT_KEY_PREFIX = "chat";

	/** Default command timeout. */
	public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMillis(250);

	/** Default refresh interval: marks reach every instance within a second. */
	public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofMillis(500);

	/**
	 * Default local share: each instance keeps the whole limit while Redis is away, so
	 * that no call is refused that Redis would have admitted.
	 */
	public static final double DEFAULT_LOCAL_SHARE = 1.0;

	/** The defaults. */
	public static final ClusterSettings DEFAULT = new ClusterSettings(DEFAULT_KEY_PREFIX, DEFAULT_COMMAND_TIMEOUT,
			DEFAULT_REFRESH_INTERVAL, DEFAULT_LOCAL_SHARE);

	/**
	 * Checks the settings.
	 * @param keyPrefix namespace of every Redis key written
	 * @param commandTimeout longest wait for one Redis command
	 * @param refreshInterval how often shared marks are read
	 * @param localShare share of each limit admitted locally while Redis is away
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
		if (!(localShare > 0 && localShare <= 1)) {
			throw new IllegalArgumentException("localShare must be above 0 and at most 1, not " + localShare);
		}
	}

	/**
	 * A bucket as this instance keeps it on its own while Redis is away: its share of the
	 * configured amount, at least 1.
	 * @param bucket the configured bucket
	 * @return the local bucket
	 */
	public Bucket local(Bucket bucket) {
		return (this.localShare >= 1) ? bucket : new Bucket(bucket.name(),
				Math.max(1, Math.round(bucket.perMinute() * this.localShare)), bucket.cost());
	}

}
