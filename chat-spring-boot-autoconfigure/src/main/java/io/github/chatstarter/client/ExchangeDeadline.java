package io.github.chatstarter.client;

import java.time.Duration;

import io.github.chatstarter.error.ChatTimeoutException;
import io.github.chatstarter.error.UpstreamError;
import reactor.core.Disposable;
import reactor.core.Disposables;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The time limits of one exchange, in phases: the response timeout until the headers
 * arrive, then the idle timeout between data events, then a short grace after
 * {@code [DONE]} for the body to end.
 * <p>
 * Hand-written rather than with Reactor's {@code timeout(..)} operator because that one
 * cancels and schedules a timer for every element, which on a stream is every chunk. Here
 * a chunk only records when it came; one timer per exchange (on the shared
 * {@link DeadlineTimer}) wakes at the earliest possible deadline, and re-arms itself if
 * data came since.
 */
final class ExchangeDeadline implements Runnable {

	private enum Phase {

		HEADERS, BODY, DONE

	}

	/**
	 * How long a stream may go on after {@code [DONE]} before it is closed from this
	 * side.
	 */
	static final Duration AFTER_DONE_GRACE = Duration.ofSeconds(1);

	private final ProviderSettings settings;

	private final DeadlineTimer deadlineTimer;

	private final Sinks.One<Boolean> expiry = Sinks.one();

	private volatile @Nullable ChatTimeoutException failure;

	private final Disposable.Swap timer = Disposables.swap();

	private volatile Phase phase = Phase.HEADERS;

	/** When the phase started or the last data event came. */
	private volatile long lastNanos = System.nanoTime();

	/** When the armed timer fires. */
	private volatile long armedAtNanos;

	ExchangeDeadline(ProviderSettings settings, DeadlineTimer deadlineTimer) {
		this.settings = settings;
		this.deadlineTimer = deadlineTimer;
	}

	/**
	 * Bounds the exchange's signals: they end when a limit is hit, with a
	 * {@link ChatTimeoutException} unless the limit was the grace after {@code [DONE]}.
	 * The signals are cancelled in either case, so the connection of a stalled stream is
	 * closed rather than kept.
	 */
	<T> Flux<T> bound(Flux<T> signals) {
		// takeUntilOther cancels the exchange only when the other publisher emits, not
		// when it fails:
		// so expiry always emits, and the failure follows once the exchange is cancelled.
		return signals.takeUntilOther(this.expiry.asMono()).concatWith(Mono.defer(() -> {
			ChatTimeoutException hit = this.failure;
			return (hit != null) ? Mono.error(hit) : Mono.empty();
		}));
	}

	void start() {
		this.lastNanos = System.nanoTime();
		arm(limitOf(Phase.HEADERS));
	}

	/**
	 * The response headers came: from now on the idle timeout applies.
	 */
	void headersReceived() {
		enter(Phase.BODY);
	}

	/**
	 * An item of the body came: the idle timeout starts again.
	 */
	void dataReceived() {
		this.lastNanos = System.nanoTime();
	}

	/**
	 * The body announced its end ({@code [DONE]}): only a short grace is left for the
	 * connection to finish it.
	 */
	void done() {
		enter(Phase.DONE);
	}

	private void enter(Phase next) {
		this.lastNanos = System.nanoTime();
		this.phase = next;
		long limit = limitOf(next);
		// Only a limit that ends before the armed timer fires needs a new timer;
		// otherwise the timer re-arms itself for the rest when it fires. With the
		// defaults that spares the headers' re-arm.
		if (this.lastNanos + limit - this.armedAtNanos < 0) {
			arm(limit);
		}
	}

	void stop() {
		this.timer.dispose();
	}

	@Override
	public void run() {
		Phase current = this.phase;
		long remaining = limitOf(current) - (System.nanoTime() - this.lastNanos);
		if (remaining > 0) {
			arm(remaining);
		}
		else {
			if (current != Phase.DONE) {
				this.failure = timeout(current);
			}
			this.expiry.tryEmitValue(Boolean.TRUE);
		}
	}

	private void arm(long nanos) {
		this.armedAtNanos = System.nanoTime() + nanos;
		if (!this.timer.isDisposed()) {
			this.timer.update(this.deadlineTimer.schedule(this, nanos));
		}
	}

	private long limitOf(Phase phase) {
		return switch (phase) {
			case HEADERS -> this.settings.responseTimeout().toNanos();
			case BODY -> this.settings.streamIdleTimeout().toNanos();
			case DONE -> AFTER_DONE_GRACE.toNanos();
		};
	}

	private ChatTimeoutException timeout(Phase phase) {
		return (phase == Phase.HEADERS)
				? timeout(this.settings, "no response headers arrived", "response-timeout",
						this.settings.responseTimeout())
				: timeout(this.settings, "no data arrived", "stream-idle-timeout", this.settings.streamIdleTimeout());
	}

	/**
	 * The exception for a hit limit, naming it and its property.
	 */
	static ChatTimeoutException timeout(ProviderSettings settings, String what, String property, Duration limit) {
		String value = (limit.toMillis() % 1000 == 0) ? limit.toSeconds() + "s" : limit.toMillis() + "ms";
		return new ChatTimeoutException(
				"Provider '" + settings.name() + "': " + what + " within " + property + " " + value
						+ " (chat.providers." + settings.name() + "." + property + ")",
				UpstreamError.of(settings.name()), null);
	}

}
