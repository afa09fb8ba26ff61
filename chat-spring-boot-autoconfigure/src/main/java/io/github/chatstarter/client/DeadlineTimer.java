package io.github.chatstarter.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * The timer behind the deadlines of every exchange: Netty's {@link HashedWheelTimer}, on
 * which arming and cancelling a timeout are lock-free queue operations on the caller's
 * thread. A scheduler's delayed task (Reactor's parallel scheduler) takes a lock and
 * wakes the scheduler's thread whenever it becomes the earliest task, which for calls one
 * after another is every call (measured: about a quarter of a non-streamed call's own CPU
 * time). The wheel only ticks; a deadline needs no finer resolution than its tick.
 * <p>
 * One timer, and its one thread, serves all open templates: the first template to open
 * starts it and the last to close stops it, so nothing keeps running (or keeps a web
 * container from unloading the application) once the templates are closed.
 */
final class DeadlineTimer {

	private static final long TICK_MILLIS = 10;

	private static final Holders SHARED = new Holders();

	private final Holders holders;

	// A daemon thread: it never keeps the JVM alive, and Netty tracks no leak for it.
	private final HashedWheelTimer timer = new HashedWheelTimer(new DefaultThreadFactory("chat-deadlines", true),
			TICK_MILLIS, TimeUnit.MILLISECONDS);

	private DeadlineTimer(Holders holders) {
		this.holders = holders;
		// Started here, where waiting for the thread is allowed: the first timeout would
		// otherwise wait for
		// it on whatever thread asked, possibly an event loop.
		this.timer.start();
	}

	/**
	 * The shared timer, started if no one holds it; {@link #release() release} it when
	 * done.
	 */
	static DeadlineTimer acquire() {
		return SHARED.acquire();
	}

	/**
	 * Gives the timer back; the last holder's release stops it, and its pending timeouts
	 * never run.
	 */
	void release() {
		this.holders.release(this);
	}

	/**
	 * Runs the task once, on the timer's thread, after at least the delay; disposing
	 * cancels it.
	 */
	Disposable schedule(Runnable task, long delayNanos) {
		Timeout timeout = this.timer.newTimeout((expired) -> task.run(), delayNanos, TimeUnit.NANOSECONDS);
		return timeout::cancel;
	}

	/**
	 * Emits {@code 0} on the timer's thread after at least the delay, as
	 * {@code Mono.delay} does on a scheduler; cancelling the subscription cancels the
	 * timeout.
	 */
	Mono<Long> delay(Duration delay) {
		return Mono.create((sink) -> sink.onDispose(schedule(() -> sink.success(0L), delay.toNanos())));
	}

	/**
	 * Counts who holds the shared timer. Its own class so that tests can count apart from
	 * the templates other tests left open.
	 */
	static final class Holders {

		private @Nullable DeadlineTimer current;

		private int count;

		synchronized DeadlineTimer acquire() {
			DeadlineTimer timer = this.current;
			if (timer == null) {
				timer = new DeadlineTimer(this);
				this.current = timer;
			}
			this.count++;
			return timer;
		}

		void release(DeadlineTimer timer) {
			synchronized (this) {
				if (timer != this.current || --this.count > 0) {
					return;
				}
				this.current = null;
			}
			timer.timer.stop();
		}

	}

}
