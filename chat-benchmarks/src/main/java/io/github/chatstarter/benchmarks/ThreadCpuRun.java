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
 * Usage: {@code ThreadCpuRun [call|decode|limits] [warm-up calls] [calls per round]}
 * (streams: both divided by 100, a call decodes 100 events, and the figures are per
 * event). Prints {@code RESULT name value} lines for {@link BenchmarkMain}.
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
		Map<String, Integer> perCall = new LinkedHashMap<>();
		List<AutoCloseable> states = new ArrayList<>();
		if (group.equals("call")) {
			CallBenchmark call = new CallBenchmark();
			call.setUp();
			states.add(call::tearDown);
			benchmarks.put("call.raw", () -> call.raw().length());
			benchmarks.put("call.exchangeOnly", () -> call.exchangeOnly());
			benchmarks.put("call.chatTemplate", () -> call.chatTemplate().length());
			benchmarks.put("call.webClient", () -> call.webClient().length());
		}
		else if (group.equals("limits")) {
			LimitsBenchmark limits = new LimitsBenchmark();
			limits.setUp();
			states.add(limits::tearDown);
			benchmarks.put("limits.admissionNone", limits::admissionNone);
			benchmarks.put("limits.admissionRequests", limits::admissionRequests);
			benchmarks.put("limits.admissionRequestsAndTokens", limits::admissionRequestsAndTokens);
			benchmarks.put("limits.streamLimitsOff", limits::streamLimitsOff);
			benchmarks.put("limits.streamLimitsOn", limits::streamLimitsOn);
			perCall.put("limits.streamLimitsOff", LimitsBenchmark.EVENTS);
			perCall.put("limits.streamLimitsOn", LimitsBenchmark.EVENTS);
		}
		else {
			for (int size : new int[] { 150, 1024, 16384 }) {
				for (boolean split : new boolean[] { false, true }) {
					DecodeBenchmark decode = new DecodeBenchmark();
					decode.size = size;
					decode.split = split;
					decode.setUp();
					states.add(decode::tearDown);
					String params = "." + size + "/" + split;
					benchmarks.put("decode.raw" + params, decode::raw);
					benchmarks.put("decode.chatTemplate" + params, decode::chatTemplate);
					benchmarks.put("decode.webClient" + params, decode::webClient);
					perCall.put("decode.raw" + params, DecodeBenchmark.EVENTS);
					perCall.put("decode.chatTemplate" + params, DecodeBenchmark.EVENTS);
					perCall.put("decode.webClient" + params, DecodeBenchmark.EVENTS);
				}
			}
		}
		Map<String, double[][]> rounds = new LinkedHashMap<>();
		// Interleaved: each round measures every benchmark once, so that a burst of load
		// from others touches all of them alike. A benchmark whose call handles many
		// events (a stream) runs a hundredth of the calls, and is reported per event.
		benchmarks.forEach((name, benchmark) -> run(benchmark, warmup / perCall.getOrDefault(name, 1)));
		for (int round = 0; round < ROUNDS; round++) {
			for (Map.Entry<String, IntSupplier> entry : benchmarks.entrySet()) {
				int perOperation = perCall.getOrDefault(entry.getKey(), 1);
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
		for (AutoCloseable state : states) {
			try {
				state.close();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}
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
