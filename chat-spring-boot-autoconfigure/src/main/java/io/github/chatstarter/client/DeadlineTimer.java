package io.github.chatstarter.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.concurrent.DefaultThreadFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * The one timer behind the deadlines of every exchange: Netty's {@link HashedWheelTimer}, on which arming
 * and cancelling a timeout are lock-free queue operations on the caller's thread. A scheduler's delayed
 * task (Reactor's parallel scheduler) takes a lock and wakes the scheduler's thread whenever it becomes
 * the earliest task, which for calls one after another is every call (measured: about a quarter of a
 * non-streamed call's own CPU time). The wheel only ticks; a deadline needs no finer resolution than its
 * tick.
 */
final class DeadlineTimer {

	private static final long TICK_MILLIS = 10;

	// A daemon thread: nothing to stop at shutdown, and Netty tracks no leak for it.
	private static final HashedWheelTimer TIMER = new HashedWheelTimer(new DefaultThreadFactory("chat-deadlines", true),
			TICK_MILLIS, TimeUnit.MILLISECONDS);

	private DeadlineTimer() {
	}

	/**
	 * Starts the timer's thread now, where waiting for it is allowed (the first timeout would otherwise
	 * wait for it on whatever thread asked, possibly an event loop).
	 */
	static void start() {
		TIMER.start();
	}

	/**
	 * Emits {@code 0} on the timer's thread after at least the delay, as {@code Mono.delay} does on a
	 * scheduler; cancelling the subscription cancels the timeout.
	 */
	static Mono<Long> delay(Duration delay) {
		return Mono.create((sink) -> sink.onDispose(schedule(() -> sink.success(0L), delay.toNanos())));
	}

	/**
	 * Runs the task once, on the timer's thread, after at least the delay; disposing cancels it.
	 */
	static Disposable schedule(Runnable task, long delayNanos) {
		Timeout timeout = TIMER.newTimeout((expired) -> task.run(), delayNanos, TimeUnit.NANOSECONDS);
		return timeout::cancel;
	}

}
