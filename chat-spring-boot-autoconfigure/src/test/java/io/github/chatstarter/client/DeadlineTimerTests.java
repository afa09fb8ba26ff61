package io.github.chatstarter.client;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class DeadlineTimerTests {

	private final DeadlineTimer.Holders holders = new DeadlineTimer.Holders();

	private final DeadlineTimer timer = this.holders.acquire();

	// A no-op for a timer the test already stopped.
	@AfterEach
	void release() {
		this.timer.release();
	}

	@Test
	void scheduledTaskShouldRunOnTheTimersThreadAfterItsDelay() throws InterruptedException {
		CountDownLatch ran = new CountDownLatch(1);
		String[] thread = new String[1];
		long start = System.nanoTime();
		this.timer.schedule(() -> {
			thread[0] = Thread.currentThread().getName();
			ran.countDown();
		}, TimeUnit.MILLISECONDS.toNanos(50));

		assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
		assertThat(thread[0]).startsWith("chat-deadlines");
	}

	@Test
	void disposedTaskShouldNotRun() throws InterruptedException {
		AtomicBoolean cancelledRan = new AtomicBoolean();
		CountDownLatch laterRan = new CountDownLatch(1);
		Disposable cancelled = this.timer.schedule(() -> cancelledRan.set(true), TimeUnit.MILLISECONDS.toNanos(30));
		cancelled.dispose();
		// The wheel fires timeouts in the order they are due: once the later one ran, the
		// earlier one would have.
		this.timer.schedule(laterRan::countDown, TimeUnit.MILLISECONDS.toNanos(120));

		assertThat(laterRan.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(cancelledRan).isFalse();
	}

	@Test
	void delayShouldEmitOnceAndComplete() {
		StepVerifier.create(this.timer.delay(Duration.ofMillis(40)))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(30))
			.expectNext(0L)
			.expectComplete()
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void holdersShouldShareOneTimerUntilTheLastReleaseStopsIt() {
		DeadlineTimer second = this.holders.acquire();
		assertThat(second).isSameAs(this.timer);

		second.release();
		this.timer.schedule(() -> {
		}, TimeUnit.SECONDS.toNanos(1)).dispose();

		this.timer.release();
		assertThatIllegalStateException().isThrownBy(() -> this.timer.schedule(() -> {
		}, 1));
		DeadlineTimer next = this.holders.acquire();
		assertThat(next).isNotSameAs(this.timer);
		StepVerifier.create(next.delay(Duration.ofMillis(10))).expectNext(0L).verifyComplete();
		next.release();
	}

}
