package io.github.chatstarter.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * One contender's measures in a JVM of its own (started by {@link BenchmarkMain}), so
 * that no other client's threads, pools or JIT profile count against it. Prints
 * {@code RESULT name value} lines.
 * <p>
 * Usage: {@code ClientRun <contender> speed <port> <seconds>} or
 * {@code ClientRun <contender> idle <port> <streams>}.
 */
public final class ClientRun {

	static final int[] CONCURRENCY = { 1, 16, 64, 256 };

	static final int[] STREAM_CONCURRENCY = { 1, 256 };

	static final int STREAM_CHUNKS = 200;

	static final int STREAM_CHUNK_BYTES = 150;

	static final int REPLY_CONTENT = 200;

	static final int FIRST_DELAY_MS = 20;

	static final int NEXT_DELAY_MS = 30;

	static final int TTFC_SAMPLES = 320;

	static final int TTFC_CONCURRENCY = 32;

	/**
	 * Each measure is taken this many times after one warm-up (system property
	 * {@code bench.rounds}); the report gives their median and range.
	 */
	static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

	/**
	 * Non-streamed calls made before the first measure (system property
	 * {@code bench.warmupCalls}; 0: a warm-up of twice the measuring window only). A
	 * WebClient exchange's deep call chains are compiled late: in one JVM ChatTemplate
	 * served 4,600 calls/s at 256 in flight after 27,000 calls and 17,000 calls/s two
	 * seconds later; in another, after 60,000 calls, its three rounds at 256 served
	 * 9,100, 18,300 and 24,800 calls/s while raw's served 26,000 to 31,100. Figures taken
	 * before that compare one contender's compiled code with another's interpreted code.
	 */
	static final int WARMUP_CALLS = Integer.getInteger("bench.warmupCalls", 0);

	/**
	 * Streams (of {@link #STREAM_CHUNKS} chunks) made before the first streaming measure
	 * when the counted warm-up is on: one for every ten warm-up calls. The non-streamed
	 * calls do not compile the streaming path, and one window of streams did not either:
	 * with 0.8 s windows ChatTemplate's three rounds at 1 stream measured 5,985, 3,650
	 * and 1,934 ns per chunk in one JVM (raw's 3,397, 2,216 and 1,528), so the median
	 * caught code still being compiled.
	 */
	static final int WARMUP_STREAMS = warmupStreams(WARMUP_CALLS);

	/**
	 * Longest each counted warm-up (calls, streams) may take, for contenders too slow to
	 * reach its count.
	 */
	static final long WARMUP_MAX_SECONDS = 20;

	/**
	 * Streams of the counted warm-up for the given calls of it.
	 * @param warmupCalls the non-streamed calls of the warm-up
	 * @return the streams
	 */
	static int warmupStreams(int warmupCalls) {
		return warmupCalls / 10;
	}

	/** Length of one slice of a counted warm-up, between checks of its count. */
	private static final long WARMUP_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

	/** Calls in flight during the counted warm-up. */
	private static final int WARMUP_CONCURRENCY = 64;

	private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

	/**
	 * How long the idle run waits for all its streams: thread-per-stream clients may
	 * never get there. Well inside the harness's timeout for the whole run
	 * ({@link BenchmarkMain#IDLE_RUN_TIMEOUT_SECONDS}), so that a client that opens its
	 * streams slowly still reports how many it opened and what they cost, instead of
	 * being killed before it prints anything.
	 */
	static final long OPEN_SECONDS = 25;

	private static final long OPEN_NANOS = TimeUnit.SECONDS.toNanos(OPEN_SECONDS);

	private final ContenderKind kind;

	private final int port;

	private ClientRun(ContenderKind kind, int port) {
		this.kind = kind;
		this.port = port;
	}

	public static void main(String[] args) throws Exception {
		if (args.length != 4) {
			throw new IllegalArgumentException("Usage: ClientRun <contender> speed|idle <port> <seconds|streams>");
		}
		ClientRun run = new ClientRun(ContenderKind.valueOf(args[0]), Integer.parseInt(args[2]));
		double value = Double.parseDouble(args[3]);
		switch (args[1]) {
			case "speed" -> run.speed(value);
			case "idle" -> run.idle((int) value);
			case "calls" -> run.calls(value);
			default -> throw new IllegalArgumentException("Unknown measure group: " + args[1]);
		}
		System.out.flush();
		// Some clients keep non-daemon threads (and LangChain4j streams cannot be
		// cancelled).
		System.exit(0);
	}

	private void speed(double seconds) throws Exception {
		long window = (long) (seconds * 1e9);
		long warmup = 2 * window;
		try (Contender contender = this.kind.create(new Scenario(1, REPLY_CONTENT, 0, 0, false).baseUrl(this.port))) {
			check(contender.chat().get(10, TimeUnit.SECONDS).length() == REPLY_CONTENT,
					"reply text has the wrong length");
			requests(contender, 16, warmup);
			warmUp(contender);
			for (int round = 0; round < ROUNDS; round++) {
				for (int concurrency : CONCURRENCY) {
					Latencies latencies = new Latencies(4_000_000);
					long cpu = ProcessMetrics.cpuNanos();
					long elapsed = requests(contender, concurrency, window, latencies);
					cpu = ProcessMetrics.cpuNanos() - cpu;
					result("rps.c" + concurrency, latencies.count() * 1e9 / elapsed);
					result("cpuUsPerRequest.c" + concurrency, cpu / 1e3 / latencies.count());
					result("p50us.c" + concurrency, latencies.percentile(50) / 1e3);
					result("p99us.c" + concurrency, latencies.percentile(99) / 1e3);
				}
			}
		}
		try (Contender contender = this.kind
			.create(Scenario.stream(STREAM_CHUNKS, STREAM_CHUNK_BYTES).baseUrl(this.port))) {
			streams(contender, 16, window, new LongAdder());
			warmUpStreams(contender);
			for (int round = 0; round < ROUNDS; round++) {
				for (int concurrency : STREAM_CONCURRENCY) {
					LongAdder chunks = new LongAdder();
					long cpu = ProcessMetrics.cpuNanos();
					long elapsed = streams(contender, concurrency, window, chunks);
					cpu = ProcessMetrics.cpuNanos() - cpu;
					result("cpuNsPerChunk.s" + concurrency, (double) cpu / chunks.sum());
					result("chunksPerSec.s" + concurrency, chunks.sum() * 1e9 / elapsed);
				}
			}
		}
		try (Contender contender = this.kind
			.create(new Scenario(3, STREAM_CHUNK_BYTES, FIRST_DELAY_MS, NEXT_DELAY_MS, false).baseUrl(this.port))) {
			firstChunks(contender, 64);
			for (int round = 0; round < ROUNDS; round++) {
				Latencies latencies = firstChunks(contender, TTFC_SAMPLES);
				long first = TimeUnit.MILLISECONDS.toNanos(FIRST_DELAY_MS);
				result("ttfcOverheadUs.p50", (latencies.percentile(50) - first) / 1e3);
				result("ttfcOverheadUs.p99", (latencies.percentile(99) - first) / 1e3);
			}
		}
	}

	/**
	 * Makes {@link #WARMUP_CALLS} non-streamed calls, or as many as
	 * {@link #WARMUP_MAX_SECONDS} allow; prints how many and how long it took.
	 */
	private void warmUp(Contender contender) throws InterruptedException {
		// Counts every call of the slices (a slice is at most a few tens of thousands).
		Latencies calls = new Latencies(WARMUP_CALLS + 100_000);
		counted("warmupCalls", WARMUP_CALLS, calls::count,
				() -> requests(contender, WARMUP_CONCURRENCY, WARMUP_SLICE_NANOS, calls));
	}

	/**
	 * Makes {@link #WARMUP_STREAMS} streams, 16 at a time, or as many as
	 * {@link #WARMUP_MAX_SECONDS} allow; prints how many and how long it took.
	 */
	private void warmUpStreams(Contender contender) throws InterruptedException {
		LongAdder chunks = new LongAdder();
		counted("warmupStreams", WARMUP_STREAMS, () -> chunks.sum() / STREAM_CHUNKS,
				() -> streams(contender, 16, WARMUP_SLICE_NANOS, chunks));
	}

	/**
	 * Runs slices until the count reaches the target or {@link #WARMUP_MAX_SECONDS} have
	 * passed, then prints the count reached and the seconds taken; nothing when the
	 * target is 0 (the counted warm-up is off).
	 */
	private static void counted(String name, long target, LongSupplier count, Slice slice) throws InterruptedException {
		if (target <= 0) {
			return;
		}
		long start = System.nanoTime();
		long deadline = start + TimeUnit.SECONDS.toNanos(WARMUP_MAX_SECONDS);
		while (count.getAsLong() < target && System.nanoTime() < deadline) {
			slice.run();
		}
		result(name, count.getAsLong());
		result(name + "Seconds", (System.nanoTime() - start) / 1e9);
	}

	/** One slice of a counted warm-up. */
	@FunctionalInterface
	private interface Slice {

		void run() throws InterruptedException;

	}

	/**
	 * For profiling: only non-streamed calls, 256 in flight, for the given seconds after
	 * a warm-up of as long; prints the CPU time per call of each second.
	 */
	private void calls(double seconds) throws Exception {
		try (Contender contender = this.kind.create(new Scenario(1, REPLY_CONTENT, 0, 0, false).baseUrl(this.port))) {
			requests(contender, 256, (long) (seconds * 1e9));
			for (int second = 0; second < seconds; second++) {
				Latencies latencies = new Latencies(1_000_000);
				long cpu = ProcessMetrics.cpuNanos();
				long elapsed = requests(contender, 256, 1_000_000_000L, latencies);
				cpu = ProcessMetrics.cpuNanos() - cpu;
				System.out.printf(Locale.ROOT, "calls/s %.0f, CPU µs/call %.0f%n", latencies.count() * 1e9 / elapsed,
						cpu / 1e3 / latencies.count());
			}
		}
	}

	private long requests(Contender contender, int concurrency, long window) throws InterruptedException {
		return requests(contender, concurrency, window, new Latencies(1));
	}

	/**
	 * Keeps {@code concurrency} calls in flight for the window; returns the time it took.
	 */
	private long requests(Contender contender, int concurrency, long window, Latencies latencies)
			throws InterruptedException {
		long start = System.nanoTime();
		long deadline = start + window;
		CountDownLatch done = new CountDownLatch(concurrency);
		AtomicReference<Throwable> failure = new AtomicReference<>();
		for (int i = 0; i < concurrency; i++) {
			new Object() {
				void next() {
					long sent = System.nanoTime();
					contender.chat().whenComplete((text, error) -> {
						long now = System.nanoTime();
						if (error != null) {
							failure.compareAndSet(null, error);
							done.countDown();
							return;
						}
						latencies.record(now - sent);
						if (now < deadline) {
							next();
						}
						else {
							done.countDown();
						}
					});
				}
			}.next();
		}
		await(done, failure, "requests at concurrency " + concurrency);
		return System.nanoTime() - start;
	}

	/**
	 * Keeps {@code concurrency} streams running for the window, counting the content
	 * chunks.
	 */
	private long streams(Contender contender, int concurrency, long window, LongAdder chunks)
			throws InterruptedException {
		return streams(contender, concurrency, window, chunks, STREAM_CHUNKS);
	}

	private long streams(Contender contender, int concurrency, long window, LongAdder chunks, int expected)
			throws InterruptedException {
		long start = System.nanoTime();
		long deadline = start + window;
		CountDownLatch done = new CountDownLatch(concurrency);
		AtomicReference<Throwable> failure = new AtomicReference<>();
		for (int i = 0; i < concurrency; i++) {
			new Object() {
				void next() {
					AtomicInteger received = new AtomicInteger();
					contender.stream(new Contender.StreamListener() {

						@Override
						public void onContent(String text) {
							received.incrementAndGet();
							chunks.increment();
						}

						@Override
						public void onComplete() {
							if (received.get() != expected) {
								failure.compareAndSet(null, new IllegalStateException(
										"Stream delivered " + received.get() + " chunks instead of " + expected));
								done.countDown();
							}
							else if (System.nanoTime() < deadline) {
								next();
							}
							else {
								done.countDown();
							}
						}

						@Override
						public void onError(Throwable error) {
							failure.compareAndSet(null, error);
							done.countDown();
						}

					});
				}
			}.next();
		}
		await(done, failure, concurrency + " concurrent streams");
		return System.nanoTime() - start;
	}

	/**
	 * Time from asking to the first content chunk, {@value #TTFC_CONCURRENCY} streams at
	 * a time.
	 */
	private Latencies firstChunks(Contender contender, int samples) throws InterruptedException {
		Latencies latencies = new Latencies(samples);
		Semaphore slots = new Semaphore(TTFC_CONCURRENCY);
		CountDownLatch done = new CountDownLatch(samples);
		AtomicReference<Throwable> failure = new AtomicReference<>();
		for (int i = 0; i < samples && failure.get() == null; i++) {
			if (!slots.tryAcquire(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("Streams stopped finishing");
			}
			long sent = System.nanoTime();
			AtomicLong first = new AtomicLong();
			contender.stream(new Contender.StreamListener() {

				@Override
				public void onContent(String text) {
					if (first.compareAndSet(0, 1)) {
						latencies.record(System.nanoTime() - sent);
					}
				}

				@Override
				public void onComplete() {
					slots.release();
					done.countDown();
				}

				@Override
				public void onError(Throwable error) {
					failure.compareAndSet(null, error);
					slots.release();
					done.countDown();
				}

			});
		}
		await(done, failure, "first-chunk streams");
		return latencies;
	}

	/**
	 * Opens streams that the stub holds after one chunk and measures what they cost once
	 * idle.
	 */
	private void idle(int streams) throws Exception {
		int warmChunks = 5;
		try (Contender warm = this.kind.create(Scenario.stream(warmChunks, STREAM_CHUNK_BYTES).baseUrl(this.port))) {
			streams(warm, 16, TimeUnit.MILLISECONDS.toNanos(500), new LongAdder(), warmChunks);
		}
		Contender contender = this.kind.create(new Scenario(1, STREAM_CHUNK_BYTES, 0, 0, true).baseUrl(this.port));
		long heap = ProcessMetrics.heapAfterGc();
		long direct = ProcessMetrics.directBytes();
		long resident = ProcessMetrics.residentBytes();
		int threads = ProcessMetrics.threads();
		Semaphore connecting = new Semaphore(256);
		CountDownLatch open = new CountDownLatch(streams);
		AtomicReference<Throwable> failure = new AtomicReference<>();
		List<Contender.Cancellable> handles = new ArrayList<>(streams);
		long deadline = System.nanoTime() + OPEN_NANOS;
		for (int i = 0; i < streams && failure.get() == null; i++) {
			if (!connecting.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
				break;
			}
			AtomicLong first = new AtomicLong();
			handles.add(contender.stream(new Contender.StreamListener() {

				@Override
				public void onContent(String text) {
					if (first.compareAndSet(0, 1)) {
						connecting.release();
						open.countDown();
					}
				}

				@Override
				public void onComplete() {
					failure.compareAndSet(null, new IllegalStateException("A held stream completed"));
				}

				@Override
				public void onError(Throwable error) {
					failure.compareAndSet(null, error);
					connecting.release();
				}

			}));
		}
		boolean allOpen = open.await(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		long opened = streams - open.getCount();
		result("idle.opened", opened);
		if (!allOpen || failure.get() != null) {
			String reason = (failure.get() != null) ? String.valueOf(failure.get()) : "timed out";
			System.out.println("FAILED " + opened + " of " + streams + " streams opened: " + reason.replace('\n', ' '));
		}
		if (opened == 0) {
			return;
		}
		Thread.sleep(500);
		result("idle.heapPerStream", (double) (ProcessMetrics.heapAfterGc() - heap) / opened);
		result("idle.directPerStream", (double) (ProcessMetrics.directBytes() - direct) / opened);
		result("idle.rssPerStream", (double) (ProcessMetrics.residentBytes() - resident) / opened);
		result("idle.threadsPerStream", (double) (ProcessMetrics.threads() - threads) / opened);
		result("idle.threads", ProcessMetrics.threads());
		// For profiling: keeps the streams open so that a heap histogram
		// (jcmd <pid> GC.class_histogram) can say what each of them holds.
		Thread.sleep(Long.getLong("bench.holdMillis", 0));
	}

	private static void await(CountDownLatch done, AtomicReference<Throwable> failure, String what)
			throws InterruptedException {
		if (!done.await(TIMEOUT_NANOS, TimeUnit.NANOSECONDS)) {
			throw new IllegalStateException(what + " did not finish within 60 s");
		}
		if (failure.get() != null) {
			throw new IllegalStateException(what + " failed: " + failure.get(), failure.get());
		}
	}

	private static void check(boolean condition, String message) {
		if (!condition) {
			throw new IllegalStateException(message);
		}
	}

	private static void result(String name, double value) {
		System.out.println("RESULT " + name + " " + String.format(Locale.ROOT, "%.3f", value));
	}

}
