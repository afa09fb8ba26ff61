package io.github.chatstarter.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;

import com.sun.management.ThreadMXBean;

/**
 * The JMH benchmarks' methods measured by the calling thread's CPU time and allocated
 * bytes instead of wall time. On a shared 2-core machine JMH's nanoseconds grow with the
 * load of others (a call measured 5 µs in one minute and 50 µs in the next); the CPU time
 * of the one thread that runs the whole in-memory exchange moves far less, and its
 * allocated bytes not at all. Warm-up is counted in calls, not seconds, so a loaded
 * machine cannot cut it short. Each benchmark runs {@value #ROUNDS} rounds; the report
 * gives min / median / max over them.
 * <p>
 * Usage:
 * {@code ThreadCpuRun [call|decode|conversation|limits] [warm-up calls] [calls per round]}
 * (decode and limits' streams: both divided by 100, a call decodes 100 events, figures
 * per event). Prints {@code RESULT name value} lines for {@link BenchmarkMain}. For
 * profiling, {@code -Dbench.only=<prefix>[,<prefix>…]} keeps only the benchmarks whose
 * names start with one of them (e.g. {@code call.chatTemplate}).
 */
public final class ThreadCpuRun {

	static final int ROUNDS = 5;

	private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

	private ThreadCpuRun() {
	}

	public static void main(String[] args) {
		String group = (args.length > 0) ? args[0] : "call";
		int warmup = (args.length > 1) ? Integer.parseInt(args[1]) : 100_000;
		int calls = (args.length > 2) ? Integer.parseInt(args[2]) : 20_000;
		Map<String, IntSupplier> benchmarks = new LinkedHashMap<>();
		List<Runnable> tearDowns = new ArrayList<>();
		if (group.equals("call")) {
			CallBenchmark call = new CallBenchmark();
			call.setUp();
			tearDowns.add(call::tearDown);
			benchmarks.put("call.raw", () -> call.raw().length());
			benchmarks.put("call.exchangeOnly", () -> call.exchangeOnly());
			benchmarks.put("call.chatTemplate", () -> call.chatTemplate().length());
			benchmarks.put("call.webClient", () -> call.webClient().length());
		}
		else if (group.equals("limits")) {
			LimitsBenchmark limits = new LimitsBenchmark();
			limits.setUp();
			tearDowns.add(limits::tearDown);
			benchmarks.put("limits.admissionNone", limits::admissionNone);
			benchmarks.put("limits.admissionRequests", limits::admissionRequests);
			benchmarks.put("limits.admissionRequestsAndTokens", limits::admissionRequestsAndTokens);
			benchmarks.put("limits.streamLimitsOff", limits::streamLimitsOff);
			benchmarks.put("limits.streamLimitsOn", limits::streamLimitsOn);
		}
		else if (group.equals("conversation")) {
			ConversationBenchmark conversation = new ConversationBenchmark();
			conversation.setUp();
			tearDowns.add(conversation::tearDown);
			benchmarks.put("conversation.historyByHand", () -> conversation.historyByHand().length());
			benchmarks.put("conversation.historyByHandWithPreflight",
					() -> conversation.historyByHandWithPreflight().length());
			benchmarks.put("conversation.conversation", () -> conversation.conversation().length());
			benchmarks.put("conversation.conversationWithoutLimits",
					() -> conversation.conversationWithoutLimits().length());
		}
		else {
			for (int size : new int[] { 150, 1024, 16384 }) {
				for (boolean split : new boolean[] { false, true }) {
					DecodeBenchmark decode = new DecodeBenchmark();
					decode.size = size;
					decode.split = split;
					decode.setUp();
					tearDowns.add(decode::tearDown);
					String params = "." + size + "/" + split;
					benchmarks.put("decode.raw" + params, decode::raw);
					benchmarks.put("decode.chatTemplate" + params, decode::chatTemplate);
					benchmarks.put("decode.webClient" + params, decode::webClient);
				}
			}
		}
		String only = System.getProperty("bench.only");
		if (only != null) {
			List<String> prefixes = List.of(only.split(","));
			benchmarks.keySet().removeIf((name) -> prefixes.stream().noneMatch(name::startsWith));
		}
		Map<String, double[][]> rounds = new LinkedHashMap<>();
		// Interleaved: each round measures every benchmark once, so that a burst of load
		// from others touches all of them alike. A benchmark whose call handles a stream
		// of events runs a hundredth of the calls and is reported per event.
		benchmarks.forEach((name, benchmark) -> run(benchmark, warmupCalls(name, warmup)));
		for (int round = 0; round < ROUNDS; round++) {
			for (Map.Entry<String, IntSupplier> entry : benchmarks.entrySet()) {
				int perOperation = eventsPerCall(entry.getKey());
				int count = Math.max(1, calls / perOperation);
				long thread = Thread.currentThread().getId();
				long cpu = THREADS.getCurrentThreadCpuTime();
				long bytes = THREADS.getThreadAllocatedBytes(thread);
				run(entry.getValue(), count);
				double ops = (double) count * perOperation;
				double cpuPerOp = (THREADS.getCurrentThreadCpuTime() - cpu) / ops;
				double bytesPerOp = (THREADS.getThreadAllocatedBytes(thread) - bytes) / ops;
				rounds.computeIfAbsent(entry.getKey(), (key) -> new double[2][ROUNDS])[0][round] = cpuPerOp;
				rounds.get(entry.getKey())[1][round] = bytesPerOp;
			}
		}
		System.out.println("benchmark | CPU ns/op min / median / max | B/op median");
		rounds.forEach((name, values) -> {
			double[] cpu = values[0].clone();
			double[] bytes = values[1].clone();
			Arrays.sort(cpu);
			Arrays.sort(bytes);
			System.out.printf(Locale.ROOT, "%s | %,.0f / %,.0f / %,.0f | %,.0f%n", name, cpu[0], cpu[ROUNDS / 2],
					cpu[ROUNDS - 1], bytes[ROUNDS / 2]);
			System.out.printf(Locale.ROOT, "RESULT %s.min %.1f%nRESULT %s.median %.1f%nRESULT %s.max %.1f%n", name,
					cpu[0], name, cpu[ROUNDS / 2], name, cpu[ROUNDS - 1]);
			System.out.printf(Locale.ROOT, "RESULT %s.bytes %.1f%n", name, bytes[ROUNDS / 2]);
		});
		tearDowns.forEach(Runnable::run);
	}

	/**
	 * Warm-up calls of one benchmark. A stream's call goes through the whole WebClient
	 * exchange, whose call chains are compiled only after some 10,000 calls (measured
	 * with 500 warm-up calls, ChatTemplate's 150 B events cost 1.5–2.1× raw's in the same
	 * JVM; with 20,000, 1.3–1.5×), so each contender's first decode benchmark (150 B
	 * events, read whole) warms up for the whole count in events. The others run the same
	 * per-call and per-event code, compiled by then, and warm up for a fortieth of it; 16
	 * KB events for an eighth of that, as each of their calls runs the byte loops a
	 * hundred times longer (the hand-written WebClient's 16 KB warm-ups alone took 11 s
	 * of the short run).
	 */
	private static int warmupCalls(String name, int warmup) {
		int calls = warmup / eventsPerCall(name);
		if (!name.startsWith("decode.") || name.endsWith(".150/false")) {
			return calls;
		}
		return Math.max(1, name.contains(".16384/") ? calls / 40 / 8 : calls / 40);
	}

	/** Events one call of the benchmark handles: 100 for streams, else 1. */
	private static int eventsPerCall(String name) {
		return (name.startsWith("decode.") || name.startsWith("limits.stream")) ? DecodeBenchmark.EVENTS : 1;
	}

	private static void run(IntSupplier benchmark, int count) {
		int sink = 0;
		for (int i = 0; i < count; i++) {
			sink += benchmark.getAsInt();
		}
		if (sink == 42) {
			System.out.println();
		}
	}

}
