package io.github.chatstarter.autoconfigure;

import java.time.Duration;

import io.github.chatstarter.limit.LimitListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Rate-limit metrics, tagged by provider: {@code chat.limit.wait} (time waited for
 * capacity), {@code chat.limit.refused} (calls refused, also tagged by the limit's
 * property), {@code chat.limit.tokens.estimated} and {@code chat.limit.tokens.actual}.
 * Nothing is recorded without a {@link MeterRegistry}.
 */
final class MicrometerLimitListener implements LimitListener {

	private final ObjectProvider<MeterRegistry> registry;

	MicrometerLimitListener(ObjectProvider<MeterRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public void admitted(String provider, Duration waited) {
		this.registry.ifAvailable((meters) -> Timer.builder("chat.limit.wait")
			.description("Time a chat call waited for rate-limit capacity")
			.tag("provider", provider)
			.register(meters)
			.record(waited));
	}

	@Override
	public void refused(String provider, String limit) {
		this.registry.ifAvailable((meters) -> Counter.builder("chat.limit.refused")
			.description("Chat calls refused by a client-side rate limit")
			.tag("provider", provider)
			.tag("limit", limit)
			.register(meters)
			.increment());
	}

	@Override
	public void settled(String provider, int estimated, int actual) {
		this.registry.ifAvailable((meters) -> {
			DistributionSummary.builder("chat.limit.tokens.estimated")
				.description("Tokens a chat call was counted for at admission")
				.tag("provider", provider)
				.register(meters)
				.record(estimated);
			DistributionSummary.builder("chat.limit.tokens.actual")
				.description("Tokens a chat call's usage reported")
				.tag("provider", provider)
				.register(meters)
				.record(actual);
		});
	}

}
