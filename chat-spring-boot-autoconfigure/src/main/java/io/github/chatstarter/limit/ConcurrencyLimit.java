package io.github.chatstarter.limit;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Schedulers;

/**
 * Calls in flight on this instance, at most {@code max}: a permit is taken at once when
 * free, otherwise the caller queues (first come, first served) and is handed the permit a
 * finishing call gives back, or gives up after its wait.
 */
final class ConcurrencyLimit {

	private final int max;

	private final AtomicInteger available;

	private final Queue<Waiter> waiters = new ConcurrentLinkedQueue<>();

	ConcurrencyLimit(int max) {
		this.max = max;
		this.available = new AtomicInteger(max);
	}

	/**
	 * {@code true} with a permit, at once or within the wait; {@code false} when none
	 * came in time.
	 */
	Mono<Boolean> acquire(Duration wait) {
		if (tryAcquire()) {
			return Mono.just(true);
		}
		if (wait.isZero()) {
			return Mono.just(false);
		}
		return Mono.<Boolean>create((sink) -> {
			Waiter waiter = new Waiter(sink);
			this.waiters.add(waiter);
			// Granting, giving up and cancelling race for the one answer (Waiter.done).
			Disposable timer = Schedulers.parallel().schedule(waiter::giveUp, wait.toNanos(), TimeUnit.NANOSECONDS);
			sink.onCancel(() -> {
				timer.dispose();
				waiter.abandon();
			});
			// A permit given back between the first try and queueing would otherwise be
			// missed.
			drain();
		});
	}

	void release() {
		this.available.incrementAndGet();
		drain();
	}

	int inFlight() {
		return this.max - this.available.get();
	}

	private boolean tryAcquire() {
		int now;
		do {
			now = this.available.get();
			if (now <= 0) {
				return false;
			}
		}
		while (!this.available.compareAndSet(now, now - 1));
		return true;
	}

	private void drain() {
		while (!this.waiters.isEmpty() && tryAcquire()) {
			Waiter waiter = this.waiters.poll();
			if (waiter == null || !waiter.grant()) {
				this.available.incrementAndGet();
			}
		}
	}

	private static final class Waiter {

		private final MonoSink<Boolean> sink;

		private final AtomicBoolean done = new AtomicBoolean();

		Waiter(MonoSink<Boolean> sink) {
			this.sink = sink;
		}

		boolean grant() {
			if (this.done.compareAndSet(false, true)) {
				this.sink.success(true);
				return true;
			}
			return false;
		}

		void giveUp() {
			if (this.done.compareAndSet(false, true)) {
				this.sink.success(false);
			}
		}

		void abandon() {
			this.done.set(true);
		}

	}

}
