package io.github.chatstarter.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The rate-limit benchmarks ({@code run.sh --limits}, or {@code --limits-only}, about two
 * minutes): local admission and streaming with limits on and off ({@link ThreadCpuRun}
 * group {@code limits}), and shared admission through a real redis-server
 * ({@link SharedAdmissionRun}), each in a JVM of its own. Their section of
 * {@code BENCHMARKS.md} is written between two markers, in place, so that it can be
 * measured again without the rest.
 */
final class LimitsReport {

	static final String BEGIN = "<!-- limits: written by run.sh --limits -->";

	static final String END = "<!-- /limits -->";

	/** Admissions per second of all callers together in the paced run. */
	static final int PACED_RATE = 2000;

	private LimitsReport() {
	}

	/**
	 * Runs the benchmarks and writes their section into the report.
	 * @param report BENCHMARKS.md
	 * @param loadAverage what reads the load average
	 * @throws Exception if a run cannot be started
	 */
	static void update(Path report, Supplier<String> loadAverage) throws Exception {
		String loadBefore = loadAverage.get();
		System.out.println("[bench] rate limits: admission and streaming from memory (thread CPU time, 5 rounds)");
		ChildJvm.Outcome local = ChildJvm.run(List.of("-Xmx1g"), ThreadCpuRun.class,
				List.of("limits", "200000", "200000"), 300);
		System.out.println("[bench] rate limits: shared admission, 3 instances x 64 callers, one hot key, 3 rounds");
		ChildJvm.Outcome paced = ChildJvm.run(List.of("-Xmx1g"), SharedAdmissionRun.class,
				List.of("5", String.valueOf(PACED_RATE)), 300);
		ChildJvm.Outcome saturated = ChildJvm.run(List.of("-Xmx1g"), SharedAdmissionRun.class, List.of("5"), 300);
		String section = section(local, paced, saturated, loadBefore, loadAverage.get());
		String text = Files.isRegularFile(report) ? Files.readString(report) : "# Benchmarks\n";
		int begin = text.indexOf(BEGIN);
		int end = text.indexOf(END);
		if (begin >= 0 && end > begin) {
			text = text.substring(0, begin) + section + text.substring(end + END.length());
		}
		else {
			text = text.stripTrailing() + "\n\n" + section + "\n";
		}
		Files.writeString(report, text);
		System.out.println(section);
	}

	private static String section(ChildJvm.Outcome local, ChildJvm.Outcome paced, ChildJvm.Outcome saturated,
			String loadBefore, String loadAfter) {
		StringBuilder text = new StringBuilder(BEGIN).append('\n');
		text.append("## Rate limits: admission cost\n\n");
		text.append("Measured ")
			.append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
			.append(", load average before / after ")
			.append(loadBefore)
			.append(" / ")
			.append(loadAfter)
			.append(" (2 cores shared with other builds: figures taken at a load above about 3 must be taken "
					+ "again).\n\n");
		text.append("**Local admission** (`chat.cluster.store: none`; `LimitsBenchmark` run by `ThreadCpuRun`): "
				+ "CPU time of the calling thread per admission, asked and settled at once, under limits that never "
				+ "refuse; min / median / max of 5 rounds, and bytes allocated (median). Goal: under 2 µs.\n\n");
		text.append("| admission | CPU ns/call (min / median / max) | B/call |\n|---|---|---|\n");
		row(text, local, "limits.admissionNone", "none (`CallAdmission.NONE`: asking at all)");
		row(text, local, "limits.admissionRequests", "provider and key requests-per-minute, max-concurrent-requests");
		row(text, local, "limits.admissionRequestsAndTokens",
				"the same and tokens-per-minute of both (token estimate and settlement included)");
		text.append("\n**Streaming with limits on and off**: a stream of 100 events (150-byte chunks, one read "
				+ "each) from memory through a provider's template, without admission and with the "
				+ "requests-per-minute and concurrency limits (admission once per call); CPU ns per chunk, min / "
				+ "median / max of 5 rounds.\n\n");
		text.append("| stream | CPU ns/chunk (min / median / max) | B/chunk |\n|---|---|---|\n");
		row(text, local, "limits.streamLimitsOff", "limits off");
		row(text, local, "limits.streamLimitsOn", "limits on");
		text.append("\n**Shared admission** (`chat.cluster.store: redis`; `SharedAdmissionRun`): ")
			.append(SharedAdmissionRun.INSTANCES)
			.append(" instances (each its own Lettuce connection, in one JVM) × ")
			.append(SharedAdmissionRun.CALLERS)
			.append(" concurrent callers on one provider's bucket (one hot key) in a real redis-server on loopback; "
					+ "time from asking to holding the permit, one Lua script each; ")
			.append(SharedAdmissionRun.ROUNDS)
			.append(" rounds of 5 s after a warm-up of 2 × 5 s (each alternately), min / median / max over the rounds. Goal: p99 under "
					+ "2 ms. Paced: each caller pauses between admissions so that all ask ")
			.append(String.format(Locale.ROOT, "%,d", PACED_RATE))
			.append(" times a second together (a chat call takes seconds, so 192 callers in flight ask far less "
					+ "often than that); saturated: every caller asks again at once, as fast as the machine allows, "
					+ "so the latency is mostly waiting for one of the 2 cores that run the callers and Redis.\n\n");
		text.append("Round trip: the same callers on the same connections, each asking a bare one-line Lua script "
				+ "(`INCR` of one key) instead of the admission, measured alternately with it in every round: this "
				+ "machine's floor for one Redis round trip, without the starter.\n\n");
		text.append("| measure | paced | paced, round trip | saturated | saturated, round trip |\n"
				+ "|---|---|---|---|---|\n");
		sharedRow(text, paced, saturated, "p50", "p50 (µs)");
		sharedRow(text, paced, saturated, "p99", "p99 (µs)");
		sharedRow(text, paced, saturated, "p999", "p99.9 (µs)");
		sharedRow(text, paced, saturated, "perSecond", "admissions per second, all instances");
		for (String failure : local.failures()) {
			text.append("\nLocal run failed: ").append(failure).append('\n');
		}
		for (String failure : paced.failures()) {
			text.append("\nPaced shared run failed: ").append(failure).append('\n');
		}
		for (String failure : saturated.failures()) {
			text.append("\nSaturated shared run failed: ").append(failure).append('\n');
		}
		return text.append(END).toString();
	}

	private static void row(StringBuilder text, ChildJvm.Outcome outcome, String name, String label) {
		text.append(String.format(Locale.ROOT, "| %s | %,.0f / %,.0f / %,.0f | %,.0f |%n", label,
				outcome.last(name + ".min"), outcome.last(name + ".median"), outcome.last(name + ".max"),
				outcome.last(name + ".bytes")));
	}

	private static void sharedRow(StringBuilder text, ChildJvm.Outcome paced, ChildJvm.Outcome saturated, String name,
			String label) {
		text.append("| ")
			.append(label)
			.append(" | ")
			.append(range(paced, "paced." + name))
			.append(" | ")
			.append(range(paced, "pacedRoundTrip." + name))
			.append(" | ")
			.append(range(saturated, "saturated." + name))
			.append(" | ")
			.append(range(saturated, "saturatedRoundTrip." + name))
			.append(" |\n");
	}

	private static String range(ChildJvm.Outcome outcome, String name) {
		List<Double> values = outcome.results().getOrDefault(name, List.of()).stream().sorted().toList();
		if (values.isEmpty()) {
			return "–";
		}
		return String.format(Locale.ROOT, "%,.0f / %,.0f / %,.0f", values.get(0), values.get(values.size() / 2),
				values.get(values.size() - 1));
	}

}
