package io.github.chatstarter.autoconfigure.health;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;

import io.github.chatstarter.client.ProviderChatTemplate;
import io.github.chatstarter.client.ProviderProbe;
import io.github.chatstarter.error.ChatException;
import io.github.chatstarter.error.ChatQuotaExceededException;
import io.github.chatstarter.error.ChatRateLimitException;
import io.github.chatstarter.error.ChatTimeoutException;
import io.github.chatstarter.error.SecretRedactor;
import io.github.chatstarter.error.UpstreamError;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import reactor.core.publisher.Mono;

/**
 * Health of one provider, from a cheap GET (such as {@code /models}) through the
 * provider's own client: UP with the latency; OUT_OF_SERVICE when the quota is gone; DOWN
 * with the HTTP status and error code when the key is rejected or the host cannot be
 * reached. A rate-limited provider is UP: it is there and accepts the key. The result is
 * cached so that a busy health endpoint does not hammer the provider.
 */
final class ProviderHealthIndicator implements ReactiveHealthIndicator {

	private final ProviderChatTemplate template;

	private final String path;

	private final Duration timeout;

	private final Mono<Health> health;

	ProviderHealthIndicator(ProviderChatTemplate template, String path, Duration timeout, Duration cacheTtl) {
		this.template = Objects.requireNonNull(template, "template");
		this.path = Objects.requireNonNull(path, "path");
		this.timeout = Objects.requireNonNull(timeout, "timeout");
		Mono<Health> check = Mono.defer(this::check);
		this.health = cacheTtl.isZero() ? check : check.cache(cacheTtl);
	}

	@Override
	public Mono<Health> health() {
		return this.health;
	}

	private Mono<Health> check() {
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
