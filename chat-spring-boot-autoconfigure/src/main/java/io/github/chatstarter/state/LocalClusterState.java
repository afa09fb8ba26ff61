package io.github.chatstarter.state;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * State of this instance only: exact token buckets under one lock (a take is a few
 * arithmetic operations per bucket), marks in a map.
 */
final class LocalClusterState implements ClusterState {

	private static final double NANOS_PER_MINUTE = 60e9;

	private final LongSupplier nanoClock;

	private final Map<String, double[]> buckets = new ConcurrentHashMap<>();

	private final Map<String, Mark> marks = new ConcurrentHashMap<>();

	LocalClusterState(LongSupplier nanoClock) {
		this.nanoClock = nanoClock;
	}

	@Override
	public Mono<Taken> take(List<Bucket> buckets, Duration within) {
		return Mono.fromSupplier(() -> takeNow(buckets, false, within.toNanos()));
	}

	@Override
	public Mono<Void> settle(List<Bucket> buckets) {
		return Mono.fromRunnable(() -> takeNow(buckets, true, 0));
	}

	/**
	 * The same arithmetic as the Redis script: refill by the time passed, then take all
	 * (a reservation when the longest wait is within the given nanoseconds) or report the
	 * longest wait.
	 */
	synchronized Taken takeNow(List<Bucket> buckets, boolean force, long withinNanos) {
		long now = this.nanoClock.getAsLong();
		double[] levels = new double[buckets.size()];
		double[][] states = new double[buckets.size()][];
		double waitNanos = 0;
		int longest = -1;
		for (int i = 0; i < buckets.size(); i++) {
			Bucket bucket = buckets.get(i);
			double[] state = this.buckets.computeIfAbsent(bucket.name(),
					(name) -> new double[] { bucket.perMinute(), now });
			states[i] = state;
			double rate = bucket.perMinute() / NANOS_PER_MINUTE;
			levels[i] = Math.min(bucket.perMinute(), state[0] + Math.max(0, now - (long) state[1]) * rate);
			if (!force && bucket.cost() > 0 && levels[i] < bucket.cost()) {
				double wait = Math.ceil((bucket.cost() - levels[i]) / rate);
				if (wait > waitNanos) {
					waitNanos = wait;
					longest = i;
				}
			}
		}
		if (longest >= 0 && waitNanos > withinNanos) {
			return new Taken(Duration.ofNanos((long) waitNanos), longest);
		}
		for (int i = 0; i < buckets.size(); i++) {
			Bucket bucket = buckets.get(i);
			double[] state = states[i];
			state[0] = Math.min(bucket.perMinute(), levels[i] - bucket.cost());
			state[1] = now;
		}
		return Taken.reserved(Duration.ofNanos((long) waitNanos));
	}

	@Override
	public void setAside(String scope, String member, Mark mark) {
		this.marks.merge(scope + "\n" + member, mark, (old, added) -> old.until().isAfter(added.until()) ? old : added);
	}

	@Override
	public @Nullable Mark setAside(String scope, String member) {
		Mark mark = this.marks.get(scope + "\n" + member);
		return (mark != null && mark.until().isAfter(Instant.now())) ? mark : null;
	}

	/**
	 * Marks still in force, each with its scope and member: what this instance learnt
	 * while it was on its own, to share when Redis answers again.
	 * @param action what to do with each
	 */
	void forEachMark(MarkAction action) {
		Instant now = Instant.now();
		this.marks.forEach((key, mark) -> {
			if (mark.until().isAfter(now)) {
				int split = key.indexOf('\n');
				action.accept(key.substring(0, split), key.substring(split + 1), mark);
			}
		});
	}

	@Override
	public boolean isShared() {
		return false;
	}

	/** What {@link #forEachMark} does with a mark. */
	@FunctionalInterface
	interface MarkAction {

		void accept(String scope, String member, Mark mark);

	}

}
