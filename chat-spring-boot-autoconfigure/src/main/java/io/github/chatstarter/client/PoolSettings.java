package io.github.chatstarter.client;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Limits of a provider's own connection pool.
 *
 * @param maxConnections most connections open at once
 * @param pendingAcquireMaxCount most requests waiting for a connection; -1 for no limit
 * @param pendingAcquireTimeout longest wait for a connection
 * @param maxIdleTime how long an unused connection is kept; below the idle timeouts of
 * common load balancers (60 s and more) so a pooled connection is never one the other
 * side already closed
 * @param maxLifeTime how long a connection is used at most, or {@code null} for no limit
 * @param evictionInterval how often idle and expired connections are closed in the
 * background
 */
public record PoolSettings(int maxConnections, int pendingAcquireMaxCount, Duration pendingAcquireTimeout,
		Duration maxIdleTime, @Nullable Duration maxLifeTime, Duration evictionInterval) {

	/**
	 * 200 connections, 1000 waiting for at most 45 s, idle for at most 30 s, evicted
	 * every 15 s.
	 */
	public static final PoolSettings DEFAULT = new PoolSettings(200, 1000, Duration.ofSeconds(45),
			Duration.ofSeconds(30), null, Duration.ofSeconds(15));

	public PoolSettings {
		Objects.requireNonNull(pendingAcquireTimeout, "pendingAcquireTimeout");
		Objects.requireNonNull(maxIdleTime, "maxIdleTime");
		Objects.requireNonNull(evictionInterval, "evictionInterval");
		if (maxConnections < 1) {
			throw new IllegalArgumentException("maxConnections is " + maxConnections + "; it must be at least 1");
		}
		if (pendingAcquireMaxCount < -1 || pendingAcquireMaxCount == 0) {
			throw new IllegalArgumentException("pendingAcquireMaxCount is " + pendingAcquireMaxCount
					+ "; it must be positive, or -1 for no limit");
		}
		requirePositive(pendingAcquireTimeout, "pendingAcquireTimeout");
		requirePositive(maxIdleTime, "maxIdleTime");
		requirePositive(evictionInterval, "evictionInterval");
		if (maxLifeTime != null) {
			requirePositive(maxLifeTime, "maxLifeTime");
		}
	}

	private static void requirePositive(Duration duration, String component) {
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(component + " is " + duration + "; it must be positive");
		}
	}

}
