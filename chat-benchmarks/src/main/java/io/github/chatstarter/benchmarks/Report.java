package io.github.chatstarter.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes BENCHMARKS.md from the results: one table per measure, each figure with its
 * ratio to the raw limit.
 */
final class Report {

	private final Results results;

	private final List<ContenderKind> contenders;

	private final StringBuilder out = new StringBuilder();

	Report(Results results, List<ContenderKind> contenders) {
		this.results = results;
		this.contenders = contenders;
	}

	void write(Path file, String header, String chartName, String footer) throws IOException {
		this.out.append(header);
		throughput();
		call();
		this.out.append(conversationSection(this.results));
		streamingCpu();
		firstChunk();
		decode();
		idle();
		targets();
		this.out.append("\n## Chart\n\n![CPU per chunk and memory per idle stream](").append(chartName).append(")\n");
		failures();
		this.out.append(footer);
		Files.writeString(file, this.out.toString());
	}

	private void throughput() {
		section("Non-streaming requests", "Requests per second (ratio to raw), then p50 / p99 latency in ms; "
				+ "each level keeps that many calls in flight. Last column: client JVM CPU time per call at 256 in "
				+ "flight (all threads; less sensitive to a shared machine than requests per second).");
		row("contender", "c=1", "c=16", "c=64", "c=256", "p50/p99 c=1", "p50/p99 c=16", "p50/p99 c=64", "p50/p99 c=256",
				"CPU µs/call c=256");
		separator(10);
		for (ContenderKind kind : this.contenders) {
			List<String> cells = new ArrayList<>(List.of(kind.label()));
			for (int c : ClientRun.CONCURRENCY) {
				cells.add(withRatio(kind, "speed.rps.c" + c, "%,.0f"));
			}
			for (int c : ClientRun.CONCURRENCY) {
				cells.add(number(get(kind, "speed.p50us.c" + c) / 1000, "%.2f") + " / "
						+ number(get(kind, "speed.p99us.c" + c) / 1000, "%.2f"));
			}
			cells.add(withRatio(kind, "speed.cpuUsPerRequest.c256", "%,.0f"));
			row(cells.toArray(String[]::new));
		}
	}

	private void call() {
		section("Per-call cost of a non-streamed chat (from memory)", "One call over an exchange function that "
				+ "answers from memory: the request encoded and written as a connector would, the reply decoded, no "
				+ "network (`CallBenchmark`'s methods run by `ThreadCpuRun`). raw = Jackson encode and decode only; "
				+ "exchangeOnly = the in-memory exchange function alone, which every WebClient-based call includes "
				+ "and a real connector replaces. CPU time of the calling thread per call, " + rounds(this.results)
				+ ", and bytes allocated per call (ratio to raw).");
		row("contender", "CPU ns/call", "B/call");
		separator(3);
		double[] raw = this.results.call.getOrDefault("raw",
				new double[] { Double.NaN, Double.NaN, Double.NaN, Double.NaN });
		this.results.call
			.forEach((benchmark, figures) -> row(benchmark, cpu(figures, raw), figure(figures[3], raw[3], "%,.0f")));
	}

	/**
	 * The conversation benchmark's section: thread CPU ns per call (min / median / max of
	 * 5 rounds), bytes per call, and what counting and trimming add to the call that
	 * sends the same history by hand.
	 */
	static String conversationSection(Results results) {
		StringBuilder section = new StringBuilder();
		section.append("\n## Conversation memory: token counting and trimming (from memory, thread CPU time)\n\n")
			.append("One non-streamed call with a ")
			.append(ConversationBenchmark.TURNS)
			.append("-turn history (gpt-4, 8,192 tokens, cl100k_base) over an exchange that answers from memory. ")
			.append("historyByHand = the application sends the history itself, no check; historyByHandWithPreflight ")
			.append("= plus the context-window pre-flight; conversation = the history read from a store, counted ")
			.append("message by message, trimmed to the window, then sent with the pre-flight. The calling thread's CPU ")
			.append("ns per call, min / median / max (")
			.append(rounds(results))
			.append("; rounds interleaved), and bytes allocated per call; overhead = ")
			.append("median CPU against historyByHand.\n\n")
			.append("| benchmark | CPU ns/call (min / median / max) | B/call | overhead |\n|---|---|---|---|\n");
		double[] base = results.conversation.get("historyByHand");
		results.conversation.forEach((name, figures) -> section.append("| ")
			.append(name)
			.append(" | ")
			.append(String.format(Locale.ROOT, "%,.0f / %,.0f / %,.0f | %,.0f", figures[0], figures[1], figures[2],
					figures[3]))
			.append(" | ")
			.append((base != null && !name.equals("historyByHand"))
					? String.format(Locale.ROOT, "%+.1f %%", (figures[1] / base[1] - 1) * 100) : "")
			.append(" |\n"));
		double[] conversation = results.conversation.get("conversation");
		double[] withoutLimits = results.conversation.get("conversationWithoutLimits");
		if (base != null && conversation != null && withoutLimits != null) {
			section.append(String.format(Locale.ROOT,
					"%nCounting and trimming (conversation minus conversationWithoutLimits, medians): %,.0f ns, "
							+ "%+.1f %% of historyByHand.%n",
					conversation[1] - withoutLimits[1], (conversation[1] - withoutLimits[1]) / base[1] * 100));
		}
		return section.toString();
	}

	private void streamingCpu() {
		section("CPU per streamed chunk",
				"Client JVM process CPU time (all threads, GC and JIT included) "
						+ "divided by the content chunks received, " + ClientRun.STREAM_CHUNKS + " chunks of "
						+ ClientRun.STREAM_CHUNK_BYTES + " B per stream, streams back to back; ratio to raw.");
		row("contender", "1 stream: ns/chunk", "256 streams: ns/chunk", "1 stream: chunks/s", "256 streams: chunks/s");
		separator(5);
		for (ContenderKind kind : this.contenders) {
			row(kind.label(), withRatio(kind, "speed.cpuNsPerChunk.s1", "%,.0f"),
					withRatio(kind, "speed.cpuNsPerChunk.s256", "%,.0f"),
					number(get(kind, "speed.chunksPerSec.s1"), "%,.0f"),
					number(get(kind, "speed.chunksPerSec.s256"), "%,.0f"));
		}
	}

	private void firstChunk() {
		section("Time-to-first-chunk overhead",
				"The stub waits " + ClientRun.FIRST_DELAY_MS + " ms before the first chunk and "
						+ ClientRun.NEXT_DELAY_MS + " ms before each of the next two; "
						+ "figure = time from the call to the first content delta minus " + ClientRun.FIRST_DELAY_MS
						+ " ms, " + ClientRun.TTFC_SAMPLES + " streams, " + ClientRun.TTFC_CONCURRENCY
						+ " at a time. A client that " + "buffers shows about " + ClientRun.NEXT_DELAY_MS
						+ " ms or more. The raw limit's figure is the " + "stub's and the network's share.");
		row("contender", "p50 µs", "p99 µs", "p99 minus raw p99 µs");
		separator(4);
		double rawP99 = get(ContenderKind.RAW, "speed.ttfcOverheadUs.p99");
		for (ContenderKind kind : this.contenders) {
			double p99 = get(kind, "speed.ttfcOverheadUs.p99");
			row(kind.label(), number(get(kind, "speed.ttfcOverheadUs.p50"), "%,.0f"), number(p99, "%,.0f"),
					number(p99 - rawP99, "%,.0f"));
		}
	}

	private void decode() {
		section("Decoding cost per chunk (from memory)", "Each contender's own stream pipeline over "
				+ DecodeBenchmark.EVENTS
				+ " events held in memory (`DecodeBenchmark`'s methods run by `ThreadCpuRun`); split = every "
				+ "network read ends inside an event's JSON. CPU time of the calling thread per chunk, "
				+ rounds(this.results) + ", and bytes allocated per decoded chunk (ratio to raw). openai-java, "
				+ "Spring AI and LangChain4j read "
				+ "their streams through blocking transports (OkHttp, JDK HttpClient) that cannot be fed from "
				+ "memory without rewriting their HTTP layer, so they appear in the end-to-end CPU figures only.");
		row("contender", "event size", "split", "CPU ns/chunk", "B/chunk");
		separator(5);
		Map<String, double[]> raw = this.results.decode.getOrDefault("raw", Map.of());
		this.results.decode.forEach((benchmark, byParams) -> byParams.forEach((params, figures) -> {
			double[] base = raw.get(params);
			String[] parts = params.split("/");
			double[] reference = (base != null) ? base
					: new double[] { Double.NaN, Double.NaN, Double.NaN, Double.NaN };
			row(benchmark, parts[0] + " B", parts[1], cpu(figures, reference),
					figure(figures[3], reference[3], "%,.0f"));
		}));
	}

	private void idle() {
		section("Idle open streams", "Streams the stub holds open after one chunk; client JVM with -Xmx512m. "
				+ "Heap after full GC, direct = NIO + Netty direct memory, RSS = resident set of the process, "
				+ "each per stream (growth over the JVM before the streams, divided by the streams open). "
				+ "Clients that hold a thread per stream (openai-java, Spring AI, LangChain4j) run 1,000 streams only: "
				+ "beyond that the short run would measure the thread limit, not the client.");
		row("contender", "streams", "open", "heap KB/stream", "direct KB/stream", "RSS KB/stream", "threads/stream");
		separator(7);
		for (int streams : BenchmarkMain.IDLE_STREAMS) {
			for (ContenderKind kind : this.contenders) {
				String group = "idle" + streams + ".idle.";
				row(kind.label(), String.format(Locale.ROOT, "%,d", streams),
						number(get(kind, group + "opened"), "%,.0f"),
						withRatio(kind, group + "heapPerStream", 1 / 1024.0, "%,.1f"),
						number(get(kind, group + "directPerStream") / 1024, "%,.1f"),
						number(get(kind, group + "rssPerStream") / 1024, "%,.1f"),
						number(get(kind, group + "threadsPerStream"), "%.3f"));
			}
		}
	}

	private void targets() {
		section("ChatTemplate against the issue's targets (issue 17)", "Medians over the runs; for the "
				+ "from-memory figures, CPU time of the calling thread stands for the wall time the issue names. "
				+ "End to end, raw shares the 2 cores with the stub, which can bound its throughput: the non-streamed "
				+ "ratios are then closer than where the client is the bottleneck (see the findings below).");
		row("target", "measured", "met");
		separator(3);
		ContenderKind t = ContenderKind.CHAT_TEMPLATE;
		String cpuCall = "speed.cpuUsPerRequest.c256";
		double vsRaw = ratio(t, ContenderKind.RAW, cpuCall);
		target("non-streamed CPU per call at 256 in flight ≤ 1.3× raw", vsRaw, "%.2f×", vsRaw <= 1.3);
		for (ContenderKind other : this.contenders) {
			if (other != t && other != ContenderKind.RAW) {
				double vs = ratio(t, other, cpuCall);
				target("non-streamed CPU per call at 256 below " + other.label(), vs, "%.2f×", vs < 1);
			}
		}
		double rps = ratio(t, ContenderKind.RAW, "speed.rps.c256");
		target("non-streamed requests/s at 256 in flight ≥ 0.9× raw", rps, "%.2f×", rps >= 0.9);
		double[] call = this.results.call.get("chatTemplate");
		if (call != null) {
			target("per-call cost from memory ≤ 10 µs (CPU)", call[1] / 1000, "%.1f µs", call[1] <= 10_000);
			target("per-call cost from memory ≤ 8 KB", call[3] / 1024, "%.1f KB", call[3] <= 8 * 1024);
		}
		double worstDecode = Double.NaN;
		Map<String, double[]> raw = this.results.decode.getOrDefault("raw", Map.of());
		for (Map.Entry<String, double[]> entry : this.results.decode.getOrDefault("chatTemplate", Map.of())
			.entrySet()) {
			double[] base = raw.get(entry.getKey());
			if (base != null) {
				double r = entry.getValue()[1] / base[1];
				worstDecode = Double.isNaN(worstDecode) ? r : Math.max(worstDecode, r);
			}
		}
		target("decoding ≤ 1.5× raw at every size, whole or split (CPU, worst)", worstDecode, "%.2f×",
				worstDecode <= 1.5);
		double ttfc = get(t, "speed.ttfcOverheadUs.p99") - get(ContenderKind.RAW, "speed.ttfcOverheadUs.p99");
		target("p99 time-to-first-chunk overhead < 1 ms (over raw)", ttfc / 1000, "%.2f ms", ttfc < 1000);
		double heap = get(t, "idle10000.idle.heapPerStream") / 1024;
		target("heap per idle stream ≤ 10 KB (10,000 streams)", heap, "%.1f KB", heap <= 10);
		double opened = get(t, "idle10000.idle.opened");
		double threads = get(t, "idle10000.idle.threadsPerStream");
		target("10,000 streams in 512 MB, no thread per stream", opened, "%,.0f open",
				opened >= 10_000 && threads < 0.01);
	}

	private void target(String what, double value, String format, boolean met) {
		row(what, number(value, format), Double.isNaN(value) ? "not measured" : (met ? "yes" : "**no**"));
	}

	private void failures() {
		if (this.results.failures.isEmpty() && this.results.notes.isEmpty()) {
			return;
		}
		section("Failures and notes", "");
		this.results.failures.forEach((kind, list) -> list.forEach(
				(failure) -> this.out.append("- ").append(kind.label()).append(": ").append(failure).append('\n')));
		this.results.notes.forEach((note) -> this.out.append("- ").append(note).append('\n'));
	}

	private String withRatio(ContenderKind kind, String name, String format) {
		return figure(get(kind, name), get(ContenderKind.RAW, name), format) + range(kind, name, 1, format);
	}

	/** The runs' range, when there was more than one. */
	private String range(ContenderKind kind, String name, double scale, String format) {
		if (this.results.runs(kind, name) < 2) {
			return "";
		}
		return " [" + number(this.results.min(kind, name) * scale, format) + "–"
				+ number(this.results.max(kind, name) * scale, format) + "]";
	}

	/** How the from-memory figures were taken. */
	private static String rounds(Results results) {
		return (results.fromMemoryRuns == 1) ? "median of " + ThreadCpuRun.ROUNDS + " rounds [min–max]"
				: "median of " + results.fromMemoryRuns + " JVMs' medians of " + ThreadCpuRun.ROUNDS
						+ " rounds each [lowest–highest round]";
	}

	/** Median CPU ns with its ratio to raw's median, then the rounds' range. */
	private static String cpu(double[] figures, double[] raw) {
		return figure(figures[1], raw[1], "%,.0f") + " [" + number(figures[0], "%,.0f") + "–"
				+ number(figures[2], "%,.0f") + "]";
	}

	private String withRatio(ContenderKind kind, String name, double scale, String format) {
		return figure(get(kind, name) * scale, get(ContenderKind.RAW, name) * scale, format);
	}

	private static String figure(double value, double raw, String format) {
		if (Double.isNaN(value)) {
			return "–";
		}
		String text = String.format(Locale.ROOT, format, value);
		return (Double.isNaN(raw) || raw == 0) ? text : text + String.format(Locale.ROOT, " (%.2f×)", value / raw);
	}

	private double ratio(ContenderKind kind, ContenderKind base, String name) {
		return get(kind, name) / get(base, name);
	}

	private double get(ContenderKind kind, String name) {
		return this.results.get(kind, name);
	}

	private static String number(double value, String format) {
		return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, format, value);
	}

	private void section(String title, String text) {
		this.out.append("\n## ").append(title).append("\n\n");
		if (!text.isEmpty()) {
			this.out.append(text).append("\n\n");
		}
	}

	private void row(String... cells) {
		this.out.append("| ").append(String.join(" | ", cells)).append(" |\n");
	}

	private void separator(int columns) {
		this.out.append("|").append("---|".repeat(columns)).append('\n');
	}

}
