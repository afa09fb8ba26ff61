package io.github.chatstarter.routing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.github.chatstarter.error.ChatAuthenticationException;
import io.github.chatstarter.error.ChatConnectionException;
import io.github.chatstarter.error.ChatException;
import io.github.chatstarter.error.ChatPermissionDeniedException;
import io.github.chatstarter.error.ChatQuotaExceededException;
import io.github.chatstarter.error.ChatServerException;
import io.github.chatstarter.error.ChatTimeoutException;
import io.github.chatstarter.error.UpstreamError;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Whether routing should try a provider now: not while its key is rejected or its quota
 * gone (for the cooldown), and not while its circuit is open after repeated server,
 * connection or timeout failures (a Resilience4j circuit breaker).
 */
final class ProviderCircuit {

	private static final Log logger = LogFactory.getLog(ProviderCircuit.class);

	private final String provider;

	private final CircuitBreaker breaker;

	private final long cooldownNanos;

	private final LongSupplier nanoClock;

	private volatile long coolingUntil;

	private volatile @Nullable ChatException coolingReason;

	ProviderCircuit(String provider, FailoverSettings settings, LongSupplier nanoClock) {
		this.provider = provider;
		this.cooldownNanos = settings.cooldown().toNanos();
		this.nanoClock = nanoClock;
		this.coolingUntil = nanoClock.getAsLong();
		this.breaker = CircuitBreaker.of("chat-" + provider,
				CircuitBreakerConfig.custom()
					.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
					.slidingWindowSize(settings.slidingWindowSize())
					.minimumNumberOfCalls(settings.minimumNumberOfCalls())
					.failureRateThreshold(settings.failureRateThreshold())
					.waitDurationInOpenState(settings.cooldown())
					.permittedNumberOfCallsInHalfOpenState(1)
					.recordException(ProviderCircuit::isOutage)
					.build());
	}

	/**
	 * Why the provider is skipped now, as the exception that stands for its answer, or
	 * {@code null} when it may be tried. A {@code null} answer takes a permit that
	 * {@link #succeeded}, {@link #failed} or {@link #released} must give back.
	 */
	@Nullable ChatException skipped() {
		long remaining = this.coolingUntil - this.nanoClock.getAsLong();
		ChatException reason = this.coolingReason;
		if (remaining > 0 && reason != null) {
			String message = "Provider '" + this.provider + "' skipped for "
					+ Math.max(1, TimeUnit.NANOSECONDS.toSeconds(remaining)) + "s more of its cooldown after: "
					+ reason.getMessage();
			if (reason instanceof ChatQuotaExceededException) {
				return new ChatQuotaExceededException(message, reason.getUpstream(), reason);
			}
			if (reason instanceof ChatPermissionDeniedException) {
				return new ChatPermissionDeniedException(message, reason.getUpstream(), reason);
			}
			return new ChatAuthenticationException(message, reason.getUpstream(), reason);
		}
		if (!this.breaker.tryAcquirePermission()) {
			return new ChatServerException(
					"Provider '" + this.provider
							+ "' skipped: its circuit is open after repeated server, connection or timeout failures",
					UpstreamError.of(this.provider), null);
		}
		return null;
	}

	void succeeded(long startNanos) {
		this.breaker.onSuccess(this.nanoClock.getAsLong() - startNanos, TimeUnit.NANOSECONDS);
	}

	void failed(long startNanos, Throwable failure) {
		this.breaker.onError(this.nanoClock.getAsLong() - startNanos, TimeUnit.NANOSECONDS, failure);
		if (failure instanceof ChatAuthenticationException || failure instanceof ChatQuotaExceededException
				|| failure instanceof ChatPermissionDeniedException) {
			this.coolingReason = (ChatException) failure;
			this.coolingUntil = this.nanoClock.getAsLong() + this.cooldownNanos;
			logger.warn("Chat provider '" + this.provider + "' is skipped for "
					+ Duration.ofNanos(this.cooldownNanos).toSeconds() + "s: "
					+ ((ChatException) failure).getMessage());
		}
	}

	void released() {
		this.breaker.releasePermission();
	}

	CircuitBreaker.State state() {
		return this.breaker.getState();
	}

	private static boolean isOutage(Throwable failure) {
		return failure instanceof ChatServerException || failure instanceof ChatConnectionException
				|| failure instanceof ChatTimeoutException;
	}

}
