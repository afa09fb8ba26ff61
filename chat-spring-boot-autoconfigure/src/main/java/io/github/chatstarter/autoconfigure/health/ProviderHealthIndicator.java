package io.github.chatstarter.autoconfigure.health;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.chatstarter.client.ApiKeyStatus;
import io.github.chatstarter.client.ProviderChatTemplate;
import io.github.chatstarter.client.ProviderProbe;
import io.github.chatstarter.client.SetAside;
import io.github.chatstarter.error.ChatErrorKind;
import io.github.chatstarter.error.ChatException;
import io.github.chatstarter.error.ChatQuotaExceededException;
import io.github.chatstarter.error.ChatRateLimitException;
import io.github.chatstarter.error.ChatTimeoutException;
import io.github.chatstarter.error.internal.SecretRedactor;
import io.github.chatstarter.error.UpstreamError;
import io.github.chatstarter.routing.ProviderRoutingStatus;
import io.github.chatstarter.routing.RoutingChatTemplate;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import reactor.core.publisher.Mono;

/**
 * Health of one provider. First what routing knows: while the provider cools down after a
 * rejected key or exhausted quota, its circuit is open, or every one of its keys is set
 * aside, it is not UP (OUT_OF_SERVICE when quota is the reason, DOWN otherwise) and
 * nothing is sent; the details say until when. Otherwise a cheap GET (such as
 * {@code /models}) through the provider's own client: UP with the latency; OUT_OF_SERVICE
 * when the quota is gone; DOWN with the HTTP status and error code when the key is
 * rejected or the host cannot be reached. A rate-limited provider is UP: it is there and
 * accepts the key. The probe's result is cached so that a busy health endpoint does not
 * hammer the provider; routing's state is read on every check.
 * <p>
 * A provider that is not UP while other usable providers serve every model it lists
 * reports {@link ProviderCoverage#FAILED_OVER} instead, which does not make the
 * application's health DOWN.
 */
final class ProviderHealthIndicator implements ReactiveHealthIndicator {

	private final ProviderChatTemplate template;

	private final @Nullable RoutingChatTemplate routing;

	private final ProviderCoverage coverage;

	private final String path;

	private final Duration timeout;

	private final Mono<Health> probe;

	ProviderHealthIndicator(ProviderChatTemplate template, @Nullable RoutingChatTemplate routing,
			ProviderCoverage coverage, String path, Duration timeout, Duration cacheTtl) {
		this.template = Objects.requireNonNull(template, "template");
		this.routing = routing;
		this.coverage = Objects.requireNonNull(coverage, "coverage");
		this.path = Objects.requireNonNull(path, "path");
		this.timeout = Objects.requireNonNull(timeout, "timeout");
		Mono<Health> check = Mono.defer(this::probe);
		this.probe = cacheTtl.isZero() ? check : check.cache(cacheTtl);
	}

	@Override
	public Mono<Health> health() {
		return Mono.defer(() -> {
			ProviderRoutingStatus routingStatus = (this.routing != null) ? this.routing.status(this.template.name())
					: null;
			ApiKeyStatus keys = this.template.apiKeyStatus();
			Health.Builder skipped = skipped(routingStatus, keys);
			Mono<Health.Builder> health = (skipped != null) ? Mono.just(skipped)
					: this.probe.map((probed) -> Health.status(probed.getStatus()).withDetails(probed.getDetails()));
			return health.map((builder) -> judged(withRouting(builder, routingStatus, keys).build()));
		});
	}

	/**
	 * Health without a probe when routing would not send anything to the provider now.
	 */
	private Health.@Nullable Builder skipped(@Nullable ProviderRoutingStatus routingStatus, ApiKeyStatus keys) {
		if (routingStatus != null && routingStatus.cooldown() != null) {
			return Health.status(status(routingStatus.cooldown().kind()))
				.withDetail("error", "skipped until " + routingStatus.cooldown().until() + " after: "
						+ routingStatus.cooldown().reason());
		}
		if (routingStatus != null && routingStatus.circuitOpenUntil() != null) {
			return Health.down()
				.withDetail("error", "skipped until " + routingStatus.circuitOpenUntil()
						+ ": its circuit is open after repeated server, connection or timeout failures");
		}
		if (keys.isExhausted()) {
			SetAside soonest = keys.setAside().stream().min((a, b) -> a.until().compareTo(b.until())).orElseThrow();
			return Health.status(status(soonest.kind()))
				.withDetail("error", "all " + keys.configured()
						+ " API keys are set aside; the next is usable again at " + soonest.until());
		}
		return null;
	}

	private Health.Builder withRouting(Health.Builder health, @Nullable ProviderRoutingStatus routingStatus,
			ApiKeyStatus keys) {
		if (routingStatus != null) {
			health.withDetail("circuit", routingStatus.circuit());
			if (routingStatus.circuitOpenUntil() != null) {
				health.withDetail("circuitOpenUntil", routingStatus.circuitOpenUntil().toString());
			}
			if (routingStatus.cooldown() != null) {
				health.withDetail("cooldownUntil", routingStatus.cooldown().until().toString());
			}
		}
		if (keys.configured() > 1) {
			Map<String, Object> apiKeys = new LinkedHashMap<>();
			apiKeys.put("configured", keys.configured());
			apiKeys.put("usable", keys.usable());
			if (!keys.setAside().isEmpty()) {
				apiKeys.put("setAside", keys.setAside().stream().map(ProviderHealthIndicator::describe).toList());
			}
			health.withDetail("apiKeys", apiKeys);
		}
		return health;
	}

	private static Map<String, Object> describe(SetAside key) {
		Map<String, Object> description = new LinkedHashMap<>();
		description.put("key", key.subject());
		description.put("until", key.until().toString());
		description.put("reason", key.reason());
		return description;
	}

	private Health judged(Health health) {
		List<String> servedBy = this.coverage.record(this.template, health.getStatus());
		if (servedBy == null) {
			return health;
		}
		return Health.status(ProviderCoverage.FAILED_OVER)
			.withDetails(health.getDetails())
			.withDetail("statusWithoutFailover", health.getStatus().getCode())
			.withDetail("modelsServedBy", servedBy)
			.build();
	}

	private Mono<Health> probe() {
		return this.template.probe(this.path)
			.timeout(this.timeout,
					Mono.error(
							() -> new ChatTimeoutException(
									"Provider '" + this.template.name() + "': no answer to the health probe within "
											+ this.timeout.toMillis() + "ms",
									UpstreamError.of(this.template.name()), null)))
			.map(this::up)
			.onErrorResume((error) -> Mono.just(failed(error)));
	}

	private Health up(ProviderProbe probe) {
		return Health.up()
			.withDetail("url", display(probe.uri()))
			.withDetail("httpStatus", probe.statusCode())
			.withDetail("latency", probe.latency().toMillis() + "ms")
			.build();
	}

	private Health failed(Throwable error) {
		Health.Builder health = Health.status(status(error))
			.withDetail("url", display(this.template.settings().resolve(this.path)));
		if (error instanceof ChatException chat) {
			if (chat.getUpstreamStatusCode() != 0) {
				health.withDetail("httpStatus", chat.getUpstreamStatusCode());
			}
			if (chat.getErrorCode() != null) {
				health.withDetail("errorCode", chat.getErrorCode());
			}
			if (chat.getErrorType() != null) {
				health.withDetail("errorType", chat.getErrorType());
			}
		}
		String message = error.getClass().getSimpleName() + ": " + error.getMessage();
		return health.withDetail("error", SecretRedactor.redact(message, this.template.settings().apiKeys())).build();
	}

	private static Status status(Throwable error) {
		if (error instanceof ChatQuotaExceededException) {
			return Status.OUT_OF_SERVICE;
		}
		if (error instanceof ChatRateLimitException) {
			return Status.UP;
		}
		return Status.DOWN;
	}

	private static Status status(@Nullable ChatErrorKind reason) {
		return (reason == ChatErrorKind.QUOTA_EXCEEDED) ? Status.OUT_OF_SERVICE : Status.DOWN;
	}

	/**
	 * The URL without user info, which could hold credentials.
	 */
	private static String display(URI uri) {
		if (uri.getUserInfo() == null) {
			return uri.toString();
		}
		try {
			return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
		}
		catch (URISyntaxException ex) {
			return uri.getScheme() + "://" + uri.getHost();
		}
	}

}
