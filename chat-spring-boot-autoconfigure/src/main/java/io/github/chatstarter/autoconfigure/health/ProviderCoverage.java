package io.github.chatstarter.autoconfigure.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.chatstarter.client.ProviderChatTemplate;
import io.github.chatstarter.routing.RoutingChatTemplate;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Status;

/**
 * Which providers would serve a failing provider's models instead, from the last status
 * each provider's health reported and what routing knows now. A provider that is not
 * usable while others serve all its models reports {@link #FAILED_OVER} rather than
 * {@code DOWN}, so that one relay of several being down does not take the application's
 * health, and the pods whose probes read it, down with it.
 */
final class ProviderCoverage {

	/**
	 * A provider that cannot be used now, while every model it lists is served by another
	 * provider that can. Not in Spring Boot's default status order, so it does not lower
	 * the aggregate status, and answered with HTTP 200.
	 */
	static final Status FAILED_OVER = new Status("FAILED_OVER",
			"Not usable now; every model it lists is served by another provider");

	private final List<ProviderChatTemplate> providers;

	private final @Nullable RoutingChatTemplate routing;

	private final Map<String, Status> lastStatus = new ConcurrentHashMap<>();

	ProviderCoverage(List<ProviderChatTemplate> providers, @Nullable RoutingChatTemplate routing) {
		this.providers = List.copyOf(providers);
		this.routing = routing;
	}

	/**
	 * Records the provider's own status and answers the providers that serve its models
	 * instead, or {@code null} when some model of it has no other usable provider (or
	 * routing does not fail over).
	 */
	@Nullable List<String> record(ProviderChatTemplate provider, Status status) {
		this.lastStatus.put(provider.name(), status);
		RoutingChatTemplate routing = this.routing;
		if (Status.UP.equals(status) || routing == null || !routing.isFailoverEnabled()
				|| routing.defaultProvider().name().equals(provider.name()) || provider.settings().models().isEmpty()) {
			// The default provider alone gets requests whose model no provider lists; a
			// provider that lists no models is used only through its own template.
			return null;
		}
		List<String> servedBy = new ArrayList<>();
		for (String model : provider.settings().models()) {
			String other = usableOtherProvider(routing, provider, model);
			if (other == null) {
				return null;
			}
			if (!servedBy.contains(other)) {
				servedBy.add(other);
			}
		}
		return servedBy;
	}

	private @Nullable String usableOtherProvider(RoutingChatTemplate routing, ProviderChatTemplate failing,
			String model) {
		for (ProviderChatTemplate other : this.providers) {
			if (other != failing && other.settings().models().contains(model) && isUsable(routing, other)) {
				return other.name();
			}
		}
		return null;
	}

	private boolean isUsable(RoutingChatTemplate routing, ProviderChatTemplate provider) {
		Status last = this.lastStatus.get(provider.name());
		return (last == null || Status.UP.equals(last)) && !routing.status(provider.name()).isSkipped()
				&& !provider.apiKeyStatus().isExhausted();
	}

}
