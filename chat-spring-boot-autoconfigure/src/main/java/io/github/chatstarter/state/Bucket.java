package io.github.chatstarter.state;

import java.util.Objects;

/**
 * One token bucket and what a call takes from it: the bucket holds up to
 * {@code perMinute} and refills evenly at that rate, so a burst of the whole minute's
 * amount passes at once and then one share every {@code 60s / perMinute}.
 *
 * @param name name of the bucket, unique within the application (such as
 * {@code xingyun:rpm})
 * @param perMinute capacity and refill per minute, positive
 * @param cost what the call takes (negative gives back, when a call settles)
 */
public record Bucket(String name, long perMinute, long cost) {

	/**
	 * Checks the bucket.
	 * @param name name of the bucket
	 * @param perMinute capacity and refill per minute
	 * @param cost what the call takes
	 */
	public Bucket {
		Objects.requireNonNull(name, "name");
		if (perMinute <= 0) {
			throw new IllegalArgumentException("Bucket '" + name + "': perMinute must be positive, not " + perMinute);
		}
	}

	/**
	 * The same bucket with another cost.
	 * @param cost the cost
	 * @return the bucket
	 */
	public Bucket withCost(long cost) {
		return new Bucket(this.name, this.perMinute, cost);
	}

}
