package io.github.chatstarter.routing;

import java.time.Instant;

import io.github.chatstarter.client.SetAside;
import org.jspecify.annotations.Nullable;

/**
 * What routing knows about one provider now, for health.
 *
 * @param cooldown the provider's cooldown after a rejected key, exhausted quota or denied
 * permission, or {@code null} when it has none
 * @param circuit the state of its circuit breaker: {@code CLOSED}, {@code OPEN} or
 * {@code HALF_OPEN}
 * @param circuitOpenUntil when an open circuit lets a trial call through, or {@code null}
 * when the circuit is not open
 */
public record ProviderRoutingStatus(@Nullable SetAside cooldown, String circuit, @Nullable Instant circuitOpenUntil) {

	/**
	 * Whether routing skips the provider now.
	 * @return {@code true} while it cools down or its circuit is open
	 */
	public boolean isSkipped() {
		return this.cooldown != null || this.circuitOpenUntil != null;
	}

}
