package io.github.chatstarter.state;

import java.time.Duration;
import java.util.Objects;

/**
 * The answer to a take: taken now, reserved for a moment to come, or refused with how
 * long until it could be taken and because of which bucket.
 *
 * @param retryAfter when taken, how long until the reservation is due (zero: now); when
 * refused, the wait it would need
 * @param bucket index of the bucket that needs the longest wait, or -1 when taken
 */
public record Taken(Duration retryAfter, int bucket) {

	/** Taken now. */
	public static final Taken TAKEN = new Taken(Duration.ZERO, -1);

	/**
	 * Taken, due after the given wait.
	 * @param wait how long until the reservation is due
	 * @return the answer
	 */
	public static Taken reserved(Duration wait) {
		return wait.isZero() ? TAKEN : new Taken(wait, -1);
	}

	/**
	 * Checks the answer.
	 * @param retryAfter the wait
	 * @param bucket the bucket's index
	 */
	public Taken {
		Objects.requireNonNull(retryAfter, "retryAfter");
	}

	/**
	 * Whether the cost was taken, now or reserved.
	 * @return whether it was
	 */
	public boolean isTaken() {
		return this.bucket < 0;
	}

}
