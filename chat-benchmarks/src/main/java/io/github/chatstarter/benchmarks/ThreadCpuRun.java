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
 * profiling, {@code -Dbench.only=<prefix>} keeps only the benchmarks whose names start
 * with it (e.g. {@code call.chatTemplate}).
 */
public final class ThreadCpuRun {

	private static final int ROUNDS = 5;

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
			benchmarks.keySet().removeIf((name) -> !name.startsWith(only));
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
	 * Warm-up calls of one benchmark. 16 KB events take an eighth of the others': their
	 * warm-up runs after the smaller sizes', which have compiled the same per-event code
	 * already, and each of their calls runs the byte loops a hundred times longer (the
	 * hand-written WebClient's 16 KB warm-ups alone took 11 s of the short run).
	 */
	private static int warmupCalls(String name, int warmup) {
		int calls = warmup / eventsPerCall(name);
		return name.contains(".16384/") ? Math.max(1, calls / 8) : calls;
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
