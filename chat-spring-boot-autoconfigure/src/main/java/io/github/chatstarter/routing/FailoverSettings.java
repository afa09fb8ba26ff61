package io.github.chatstarter.routing;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the routing template moves from one provider to the next.
 *
 * @param enabled whether to try further providers after the first failed
 * @param order provider names in the order they are tried; those left out follow in
 * configuration order
 * @param cooldown how long a provider whose key was rejected or whose quota ran out is
 * skipped, and how long an open circuit stays open
 * @param failureRateThreshold percentage of server, connection and timeout failures among
 * the recent calls at which a provider's circuit opens
 * @param slidingWindowSize how many recent calls the failure rate is taken over
 * @param minimumNumberOfCalls calls needed before the failure rate counts
 */
public record FailoverSettings(boolean enabled, List<String> order, Duration cooldown, float failureRateThreshold,
		int slidingWindowSize, int minimumNumberOfCalls) {

	/**
	 * Failover on, configuration order, 60 s cooldown, circuit open at 50 % of the last
	 * 10 calls (5 at least).
	 */
	public static final FailoverSettings DEFAULT = new FailoverSettings(true, List.of(), Duration.ofSeconds(60), 50, 10,
			5);

	public FailoverSettings {
		order = List.copyOf(order);
		Objects.requireNonNull(cooldown, "cooldown");
		if (cooldown.isNegative() || cooldown.isZero()) {
			throw new IllegalArgumentException("cooldown is " + cooldown + "; it must be positive");
		}
		if (failureRateThreshold <= 0 || failureRateThreshold > 100) {
			throw new IllegalArgumentException(
					"failureRateThreshold is " + failureRateThreshold + "; it must be in (0, 100]");
		}
		if (slidingWindowSize < 1 || minimumNumberOfCalls < 1) {
			throw new IllegalArgumentException("slidingWindowSize and minimumNumberOfCalls must be at least 1");
		}
	}

}
