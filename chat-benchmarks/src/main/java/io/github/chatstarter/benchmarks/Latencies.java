package io.github.chatstarter.benchmarks;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records durations from many threads into a fixed array; samples beyond its size are
 * dropped.
 */
final class Latencies {

	private final long[] samples;

	private final AtomicInteger count = new AtomicInteger();

	Latencies(int capacity) {
		this.samples = new long[capacity];
	}

	void record(long nanos) {
		int index = this.count.getAndIncrement();
		if (index < this.samples.length) {
			this.samples[index] = nanos;
		}
	}

	int count() {
		return Math.min(this.count.get(), this.samples.length);
	}

	/** The percentile in nanoseconds (nearest rank), or -1 without samples. */
	long percentile(double percent) {
		int size = Math.min(this.count.get(), this.samples.length);
		if (size == 0) {
			return -1;
		}
		long[] sorted = Arrays.copyOf(this.samples, size);
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(percent / 100.0 * size);
		return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
	}

}
