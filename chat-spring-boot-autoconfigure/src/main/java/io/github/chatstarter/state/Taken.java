package io.github.chatstarter.state;

import java.time.Duration;
import java.util.Objects;

/**
 * The answer to a take: taken, or how long until it could be and because of which bucket.
 *
 * @param retryAfter zero when taken, otherwise the wait
 * @param bucket index of the bucket that needs the longest wait, or -1 when taken
 */
public record Taken(Duration retryAfter, int bucket) {

	/** Taken. */
	public static final Taken TAKEN = new Taken(Duration.ZERO, -1);

	/**
	 * Checks the answer.
	 * @param retryAfter the wait
	 * @param bucket the bucket's index
	 */
	public Taken {
		Objects.requireNonNull(retryAfter, "retryAfter");
	}

	/**
	 * Whether the cost was taken.
	 * @return whether it was
	 */
	public boolean isTaken() {
		return this.bucket < 0;
	}

}
