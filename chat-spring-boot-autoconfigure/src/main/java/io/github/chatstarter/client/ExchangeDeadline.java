package io.github.chatstarter.client;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Function;

import io.github.chatstarter.error.ChatTimeoutException;
import io.github.chatstarter.error.UpstreamError;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * The time limits of one exchange, in phases: the response timeout until the headers
 * arrive, then the idle timeout between data events, then a short grace after
 * {@code [DONE]} for the body to end. When a limit is hit the exchange is cancelled, so
 * the connection of a stalled stream is closed rather than kept, and then fails with a
 * {@link ChatTimeoutException} (the grace after {@code [DONE]} just completes).
 * <p>
 * Hand-written rather than with Reactor's {@code timeout(..)} operator because that one
 * cancels and schedules a timer for every element, which on a stream is every chunk. Here
 * a chunk only records when it came; one timer per exchange (on the shared
 * {@link DeadlineTimer}) wakes at the earliest possible deadline, and re-arms itself if
 * data came since.
 * <p>
 * One operator, this subscriber, per exchange, rather than a chain of {@code defer},
 * {@code doOnNext}, {@code takeUntilOther} (with a sink for the expiry),
 * {@code concatWith} and {@code doFinally}, which each call built and each open stream
 * kept. The timer's thread and the connection's may signal at once: a terminal signal of
 * the timer that comes while an item is being delivered is delivered by the connection's
 * thread right after it.
 *
 * @param <T> the exchange's items
 */
final class ExchangeDeadline<T> implements CoreSubscriber<T>, Subscription, Runnable {

	private enum Phase {

		HEADERS, BODY, DONE

	}

	/**
	 * How long a stream may go on after {@code [DONE]} before it is closed from this
	 * side.
	 */
	static final Duration AFTER_DONE_GRACE = Duration.ofSeconds(1);

	@SuppressWarnings("rawtypes")
	private static final AtomicIntegerFieldUpdater<ExchangeDeadline> TERMINATED = AtomicIntegerFieldUpdater
		.newUpdater(ExchangeDeadline.class, "terminated");

	@SuppressWarnings("rawtypes")
	private static final AtomicIntegerFieldUpdater<ExchangeDeadline> DELIVERING = AtomicIntegerFieldUpdater
		.newUpdater(ExchangeDeadline.class, "delivering");

	private final ProviderSettings settings;

	private final DeadlineTimer deadlineTimer;

	private final CoreSubscriber<? super T> actual;

	private final ResendableRequest call;

	private final Disposable.Swap timer = Disposables.swap();

	private volatile @Nullable Subscription upstream;

	/** 1 once a terminal signal (or a cancellation) is decided; only one ever is. */
	private volatile int terminated;

	/**
	 * Non-zero while an item is delivered, or once the timer delivers its terminal
	 * signal.
	 */
	private volatile int delivering;

	/** What the timer ends the exchange with; {@code null}: completes it. */
	private volatile @Nullable ChatTimeoutException expiry;

	private volatile Phase phase = Phase.HEADERS;

	/** When the phase started or the last data event came. */
	private volatile long lastNanos = System.nanoTime();

	/** When the armed timer fires. */
	private volatile long armedAtNanos;

	private ExchangeDeadline(ProviderSettings settings, DeadlineTimer deadlineTimer, ResendableRequest call,
			CoreSubscriber<? super T> actual) {
		this.settings = settings;
		this.deadlineTimer = deadlineTimer;
		this.call = call;
		this.actual = actual;
		this.armedAtNanos = this.lastNanos + limitOf(Phase.HEADERS);
	}

	/**
	 * The exchange, bounded by its limits: for each subscriber a deadline is made, handed
	 * to the function that builds the exchange (which tells it of the headers and of
	 * {@code [DONE]}), and subscribed to the exchange. Its failures reach the subscriber
	 * as the {@code ChatException} they mean ({@link ExchangeErrors}), and each item
	 * marks the call delivered; done here rather than with two more operators per
	 * exchange.
	 * @param settings the provider's limits
	 * @param deadlineTimer the timer
	 * @param call marked delivered once an item passed (the call may no longer be sent
	 * again)
	 * @param exchange builds the exchange for its deadline
	 * @return the bounded exchange
	 */
	static <T> Flux<T> bound(ProviderSettings settings, DeadlineTimer deadlineTimer, ResendableRequest call,
			Function<ExchangeDeadline<T>, Publisher<T>> exchange) {
		return new Flux<>() {

			@Override
			public void subscribe(CoreSubscriber<? super T> actual) {
				ExchangeDeadline<T> deadline = new ExchangeDeadline<>(settings, deadlineTimer, call, actual);
				Publisher<T> items;
				try {
					items = exchange.apply(deadline);
				}
				catch (Throwable failure) {
					Operators.error(actual, ExchangeErrors.translate(settings, failure));
					return;
				}
				items.subscribe(deadline);
			}

		};
	}

	/**
	 * The response headers came: from now on the idle timeout applies.
	 */
	void headersReceived() {
		enter(Phase.BODY);
	}

	/**
	 * The body announced its end ({@code [DONE]}): only a short grace is left for the
	 * connection to finish it.
	 */
	void done() {
		enter(Phase.DONE);
	}

	@Override
	public Context currentContext() {
		return this.actual.currentContext();
	}

	@Override
	public void onSubscribe(Subscription subscription) {
		if (Operators.validate(this.upstream, subscription)) {
			this.upstream = subscription;
			this.actual.onSubscribe(this);
			// Armed only now, so that the timer cannot signal before the subscriber has
			// its subscription; for the time until the deadline that the phase (possibly
			// changed meanwhile) set.
			if (this.terminated == 0) {
				arm(this.armedAtNanos - System.nanoTime());
			}
		}
	}

	@Override
	public void onNext(T item) {
		this.lastNanos = System.nanoTime();
		if (DELIVERING.getAndIncrement(this) == 0) {
			this.call.markDelivered();
			this.actual.onNext(item);
			if (DELIVERING.decrementAndGet(this) != 0) {
				// The timer ended the exchange meanwhile and left its signal to this
				// thread.
				signalExpiry();
			}
		}
		else {
			// The timer has ended the exchange.
			Operators.onDiscard(item, this.actual.currentContext());
		}
	}

	@Override
	public void onError(Throwable failure) {
		if (TERMINATED.compareAndSet(this, 0, 1)) {
			this.timer.dispose();
			this.actual.onError(ExchangeErrors.translate(this.settings, failure));
		}
		else {
			Operators.onErrorDropped(failure, this.actual.currentContext());
		}
	}

	@Override
	public void onComplete() {
		if (TERMINATED.compareAndSet(this, 0, 1)) {
			this.timer.dispose();
			this.actual.onComplete();
		}
	}

	@Override
	public void request(long n) {
		Subscription subscription = this.upstream;
		if (subscription != null) {
			subscription.request(n);
		}
	}

	@Override
	public void cancel() {
		TERMINATED.set(this, 1);
		this.timer.dispose();
		Subscription subscription = this.upstream;
		if (subscription != null) {
			subscription.cancel();
		}
	}

	/** The timer fired: re-arms it for the rest, or ends the exchange. */
	@Override
	public void run() {
		Phase current = this.phase;
		long remaining = limitOf(current) - (System.nanoTime() - this.lastNanos);
		if (remaining > 0) {
			arm(remaining);
			return;
		}
		if (!TERMINATED.compareAndSet(this, 0, 1)) {
			return;
		}
		this.expiry = (current != Phase.DONE) ? timeout(current) : null;
		Subscription subscription = this.upstream;
		if (subscription != null) {
			subscription.cancel();
		}
		if (DELIVERING.getAndIncrement(this) == 0) {
			signalExpiry();
		}
	}

	private void signalExpiry() {
		ChatTimeoutException failure = this.expiry;
		if (failure != null) {
			this.actual.onError(failure);
		}
		else {
			this.actual.onComplete();
		}
	}

	private void enter(Phase next) {
		long now = System.nanoTime();
		this.lastNanos = now;
		this.phase = next;
		long limit = limitOf(next);
		// Only a limit that ends before the armed timer fires needs a new timer;
		// otherwise the timer re-arms itself for the rest when it fires. With the
		// defaults that spares the headers' re-arm.
		if (now + limit - this.armedAtNanos < 0) {
			arm(limit);
		}
	}

	private void arm(long nanos) {
		this.armedAtNanos = System.nanoTime() + nanos;
		if (this.terminated == 0) {
			this.timer.update(this.deadlineTimer.schedule(this, Math.max(nanos, 0)));
			if (this.terminated != 0) {
				// Ended meanwhile: the new timer may have missed being stopped.
				this.timer.dispose();
			}
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
