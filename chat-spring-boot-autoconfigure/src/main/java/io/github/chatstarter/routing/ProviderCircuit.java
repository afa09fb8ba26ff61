package io.github.chatstarter.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.github.chatstarter.client.SetAside;
import io.github.chatstarter.client.internal.Cooldown;
import io.github.chatstarter.error.ChatAuthenticationException;
import io.github.chatstarter.error.ChatCircuitOpenException;
import io.github.chatstarter.error.ChatConnectionException;
import io.github.chatstarter.error.ChatErrorKind;
import io.github.chatstarter.error.ChatException;
import io.github.chatstarter.error.ChatPermissionDeniedException;
import io.github.chatstarter.error.ChatQuotaExceededException;
import io.github.chatstarter.error.ChatServerException;
import io.github.chatstarter.error.ChatTimeoutException;
import io.github.chatstarter.error.UpstreamError;
import io.github.chatstarter.error.internal.SecretRedactor;
import io.github.chatstarter.state.ClusterState;
import io.github.chatstarter.state.Mark;
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

	/** Scope of providers' marks in the shared state. */
	static final String SCOPE = "provider";

	/** Reason of the mark of a provider whose circuit opened. */
	static final String CIRCUIT_OPEN = "CIRCUIT_OPEN";

	private final String provider;

	private final CircuitBreaker breaker;

	private final long cooldownNanos;

	private final LongSupplier nanoClock;

	private final Cooldown cooldown;

	/** When the circuit last opened, by the wall clock, for health and messages. */
	private volatile Instant openedAt = Instant.EPOCH;

	private final ClusterState shared;

	ProviderCircuit(String provider, FailoverSettings settings, LongSupplier nanoClock) {
		this(provider, settings, nanoClock, ClusterState.local());
	}

	ProviderCircuit(String provider, FailoverSettings settings, LongSupplier nanoClock, ClusterState shared) {
		this.provider = provider;
		this.shared = shared;
		this.cooldownNanos = settings.cooldown().toNanos();
		this.nanoClock = nanoClock;
		this.cooldown = new Cooldown(nanoClock);
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
		this.breaker.getEventPublisher().onStateTransition((event) -> {
			if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
				this.openedAt = Instant.now();
				// Shared, so that other instances skip the provider without failing on it
				// themselves first.
				this.shared.setAside(SCOPE, this.provider, new Mark(openUntil(), CIRCUIT_OPEN));
			}
		});
	}

	/**
	 * Why the provider is skipped now, as the exception that stands for its answer, or
	 * {@code null} when it may be tried. A {@code null} answer takes a permit that
	 * {@link #succeeded}, {@link #failed} or {@link #released} must give back.
	 */
	@Nullable ChatException skipped() {
		String subject = "Provider '" + this.provider + "' is skipped";
		ChatException cooling = this.cooldown.failure(subject);
		if (cooling != null) {
			return cooling;
		}
		Mark elsewhere = this.shared.setAside(SCOPE, this.provider);
		if (elsewhere != null) {
			return CIRCUIT_OPEN.equals(elsewhere.reason())
					? new ChatCircuitOpenException(this.provider, elsewhere.until()) : Cooldown.failureElsewhere(
							subject, elsewhere.until(), elsewhere.reason(), UpstreamError.of(this.provider));
		}
		if (!this.breaker.tryAcquirePermission()) {
			return new ChatCircuitOpenException(this.provider, openUntil());
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
			this.cooldown.start((ChatException) failure, Duration.ofNanos(this.cooldownNanos));
			this.shared.setAside(SCOPE, this.provider,
					new Mark(Instant.now().plusNanos(this.cooldownNanos), Cooldown.kindName((ChatException) failure)));
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

	/**
	 * What health shows of this provider: its cooldown, and its circuit.
	 */
	ProviderRoutingStatus status() {
		SetAside cooldown = this.cooldown.status(this.provider, List.of());
		CircuitBreaker.State state = this.breaker.getState();
		// Resilience4j leaves OPEN on the next call after the wait, so an open circuit
		// whose wait is over no longer keeps the provider out.
		Instant openUntil = openUntil();
		boolean open = state == CircuitBreaker.State.OPEN && openUntil.isAfter(Instant.now());
		Mark elsewhere = (cooldown == null && !open) ? this.shared.setAside(SCOPE, this.provider) : null;
		if (elsewhere != null && CIRCUIT_OPEN.equals(elsewhere.reason())) {
			return new ProviderRoutingStatus(null, CircuitBreaker.State.OPEN.name(), elsewhere.until());
		}
		if (elsewhere != null) {
			ChatException failure = Cooldown.failureElsewhere("Provider '" + this.provider + "' is skipped",
					elsewhere.until(), elsewhere.reason(), UpstreamError.of(this.provider));
			cooldown = new SetAside(this.provider, elsewhere.until(), String.valueOf(failure.getMessage()),
					ChatErrorKind.of(failure));
		}
		return new ProviderRoutingStatus(cooldown, state.name(), open ? openUntil : null);
	}

	private Instant openUntil() {
		return this.openedAt.plusNanos(this.cooldownNanos);
	}

	private static boolean isOutage(Throwable failure) {
		return failure instanceof ChatServerException || failure instanceof ChatConnectionException
				|| failure instanceof ChatTimeoutException;
	}

}
