package io.github.chatstarter.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the whole short benchmark and writes {@code BENCHMARKS.md} and its chart: starts
 * the stub upstream, gives each contender JVMs of its own for the network measures, runs
 * JMH, then reports.
 * <p>
 * Options: {@code --out DIR} (where BENCHMARKS.md goes, default the working directory),
 * {@code --contenders RAW,CHAT_TEMPLATE,...}, {@code --seconds S} (measuring window,
 * default 0.8: the short run stays under 5 minutes with its build),
 * {@code --warmup-calls N} (non-streamed calls each speed JVM makes before its first
 * measure, {@link ClientRun#WARMUP_CALLS}, and a tenth as many streams before its first
 * streaming measure, {@link ClientRun#WARMUP_STREAMS}; default 0), {@code --repeat N}
 * (JVMs per contender for the speed measures and per from-memory group, round-robin,
 * default 1; each speed JVM takes every measure {@link ClientRun#ROUNDS} times, and the
 * report gives the median and range of all), {@code --skip-jmh} (skips the from-memory
 * measures), {@code --jmh} (also runs JMH, printed only), {@code --skip-idle},
 * {@code --limits} (also the rate-limit benchmarks, {@link LimitsReport}) and
 * {@code --limits-only} (only those, their section of BENCHMARKS.md rewritten in place).
 */
public final class BenchmarkMain {

	static final int[] IDLE_STREAMS = { 1_000, 10_000 };

	/**
	 * Longest an idle-streams run may take: the time the run gives its streams to open,
	 * plus the JVM's start, the warm-up and the measuring after them. A client that
	 * cannot open its streams in time reports how many it opened; one that hangs beyond
	 * this is reported as failed.
	 */
	static final long IDLE_RUN_TIMEOUT_SECONDS = ClientRun.OPEN_SECONDS + 20;

	static final String CHART = "chat-benchmarks/benchmarks.png";

	/** Options that take no value (besides the {@code --skip-…} ones). */
	private static final List<String> FLAGS = List.of("jmh", "limits", "limits-only");

	/** Hand-written profile notes, appended to the report as they stand. */
	static final String FINDINGS = "chat-benchmarks/FINDINGS.md";

	/**
	 * Raises Reactor Netty's default pool (16 connections on 2 cores) for ChatTemplate's
	 * own pool.
	 */
	private static final String POOL = "-Dreactor.netty.pool.maxConnections=" + Requests.MAX_CONNECTIONS;

	private BenchmarkMain() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = options(args);
		Path outDir = Path.of(options.getOrDefault("out", ".")).toAbsolutePath().normalize();
		if (options.containsKey("limits-only")) {
			LimitsReport.update(outDir.resolve("BENCHMARKS.md"), BenchmarkMain::loadAverage);
			return;
		}
		List<ContenderKind> contenders = options.containsKey("contenders")
				? Arrays.stream(options.get("contenders").split(",")).map(ContenderKind::valueOf).toList()
				: List.of(ContenderKind.values());
		String seconds = options.getOrDefault("seconds", "0.8");
		String warmupCalls = options.getOrDefault("warmup-calls", "0");
		int repeat = Integer.parseInt(options.getOrDefault("repeat", "1"));
		Instant start = Instant.now();
		String loadBefore = loadAverage();
		Results results = new Results();
		Process stub = ChildJvm.start(List.of("-Xmx1g", "-XX:+UseParallelGC"), StubServer.class, List.of("0"));
		try {
			int port = readPort(stub);
			log("stub upstream on 127.0.0.1:" + port);
			// Round-robin: a burst of load from others on the shared machine touches one
			// run of each contender, not all runs of one.
			for (int run = 1; run <= repeat; run++) {
				for (ContenderKind kind : contenders) {
					log(kind + ": speed, run " + run + " of " + repeat);
					results.add(kind, "speed",
							ChildJvm.run(List.of("-Xms1g", "-Xmx1g", POOL, "-Dbench.warmupCalls=" + warmupCalls),
									ClientRun.class, List.of(kind.name(), "speed", String.valueOf(port), seconds),
									180));
				}
			}
			if (!options.containsKey("skip-idle")) {
				for (int streams : IDLE_STREAMS) {
					for (ContenderKind kind : contenders) {
						if (streams > IDLE_STREAMS[0] && kind.threadPerStream()) {
							log(kind + ": " + streams + " idle streams skipped (a thread per stream)");
							continue;
						}
						log(kind + ": " + streams + " idle streams");
						results.add(kind, "idle" + streams,
								ChildJvm.run(List.of("-Xmx512m", "-Xss512k", POOL), ClientRun.class,
										List.of(kind.name(), "idle", String.valueOf(port), String.valueOf(streams)),
										IDLE_RUN_TIMEOUT_SECONDS));
					}
				}
			}
		}
		finally {
			stub.getOutputStream().close();
			if (!stub.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
				stub.destroyForcibly();
			}
		}
		if (!options.containsKey("skip-jmh")) {
			log("decode, call and conversation from memory (thread CPU time and bytes, 5 rounds, " + repeat
					+ " JVM(s) each)");
			fromMemory(List.of("call", "decode", "conversation"), repeat, results);
		}
		if (options.containsKey("jmh")) {
			log("JMH decode and call benchmarks (wall time; printed, not reported)");
			jmh();
		}
		String header = header(contenders, seconds, Integer.parseInt(warmupCalls), repeat, start, loadBefore);
		Path findings = outDir.resolve(FINDINGS);
		String footer = Files.isRegularFile(findings) ? "\n" + Files.readString(findings) : "";
		new Report(results, contenders).write(outDir.resolve("BENCHMARKS.md"), header, CHART, footer);
		chart(results, contenders, outDir.resolve(CHART));
		if (options.containsKey("limits")) {
			LimitsReport.update(outDir.resolve("BENCHMARKS.md"), BenchmarkMain::loadAverage);
		}
		log("wrote " + outDir.resolve("BENCHMARKS.md") + " in "
				+ Duration.between(start, Instant.now()).truncatedTo(ChronoUnit.SECONDS));
	}

	/**
	 * The JMH benchmarks' methods measured by thread CPU time and allocated bytes
	 * ({@link ThreadCpuRun}): each group in {@code runs} JVMs of its own, the groups
	 * round-robin (as the speed runs, so that a burst of load from others touches one JVM
	 * of each group). Per benchmark the figures are the lowest round, the median of the
	 * JVMs' medians, the highest round and the median of the JVMs' bytes: the same code
	 * measures up to 15 % apart between JVMs (their JIT decisions), so one JVM's figure
	 * is not a result.
	 */
	static void fromMemory(List<String> groups, int runs, Results results) throws Exception {
		Map<String, List<double[]>> byBenchmark = new LinkedHashMap<>();
		for (int run = 1; run <= runs; run++) {
			for (String group : groups) {
				runGroup(group, results).forEach((benchmark,
						figures) -> byBenchmark.computeIfAbsent(benchmark, (b) -> new ArrayList<>()).add(figures));
			}
		}
		results.fromMemoryRuns = runs;
		byBenchmark.forEach((benchmark, perJvm) -> {
			double[] values = { perJvm.stream().mapToDouble((f) -> f[0]).min().orElse(Double.NaN),
					Results.median(perJvm.stream().mapToDouble((f) -> f[1]).toArray()),
					perJvm.stream().mapToDouble((f) -> f[2]).max().orElse(Double.NaN),
					Results.median(perJvm.stream().mapToDouble((f) -> f[3]).toArray()) };
			String[] parts = benchmark.split("\\.", 3);
			if (parts[0].equals("call")) {
				results.call.put(parts[1], values);
			}
			else if (parts[0].equals("conversation")) {
				results.conversation.put(parts[1], values);
			}
			else {
				results.decode.computeIfAbsent(parts[1], (m) -> new TreeMap<>(BenchmarkMain::compareParams))
					.put(parts[2], values);
			}
		});
	}

	/**
	 * One group of {@link ThreadCpuRun} in a JVM of its own: per benchmark its CPU ns
	 * min, median, max and bytes; a failure goes to the results' notes.
	 */
	private static Map<String, double[]> runGroup(String group, Results results) throws Exception {
		// Warm-up and calls per round: conversation calls cost about 25 µs each, a call's
		// from memory under 10 µs, so the conversation group makes fewer of each; decode
		// counts events, and only each contender's first benchmark takes the whole
		// warm-up (ThreadCpuRun.warmupCalls).
		List<String> args = switch (group) {
			case "decode" -> List.of(group, "2000000", "5000");
			case "conversation" -> List.of(group, "40000", "12000");
			default -> List.of(group, "60000", "20000");
		};
		ChildJvm.Outcome outcome = ChildJvm.run(List.of("-Xmx1g"), ThreadCpuRun.class, args, 300);
		outcome.failures().forEach((failure) -> results.notes.add(group + " from memory: " + failure));
		Map<String, double[]> figures = new LinkedHashMap<>();
		outcome.results().keySet().forEach((name) -> {
			double value = outcome.last(name);
			int last = name.lastIndexOf('.');
			String benchmark = name.substring(0, last);
			int slot = List.of("min", "median", "max", "bytes").indexOf(name.substring(last + 1));
			figures.computeIfAbsent(benchmark, (b) -> new double[4])[slot] = value;
		});
		return figures;
	}

	private static void jmh() throws Exception {
		new Runner(jmhOptions(DecodeBenchmark.class, 2, TimeValue.milliseconds(700))).run();
		// A whole WebClient exchange per call: its deep call chains take some 100,000
		// calls to be compiled
		// (on a 2-core machine a call was still 4× slower after 12,000), so a warm-up of
		// seconds, not calls.
		new Runner(jmhOptions(CallBenchmark.class, 10, TimeValue.seconds(1))).run();
	}

	private static Options jmhOptions(Class<?> benchmark, int warmupIterations, TimeValue warmupTime) {
		return new OptionsBuilder().include(benchmark.getName())
			.forks(1)
			.warmupIterations(warmupIterations)
			.warmupTime(warmupTime)
			.measurementIterations(2)
			.measurementTime(TimeValue.milliseconds(700))
			.jvmArgs("-Xmx1g")
			.addProfiler(GCProfiler.class)
			.build();
	}

	private static int compareParams(String a, String b) {
		String[] x = a.split("/");
		String[] y = b.split("/");
		int bySize = Integer.compare(Integer.parseInt(x[0]), Integer.parseInt(y[0]));
		return (bySize != 0) ? bySize : x[1].compareTo(y[1]);
	}

	private static void chart(Results results, List<ContenderKind> contenders, Path file) throws IOException {
		Files.createDirectories(file.getParent());
		List<Chart.Group> cpu = new ArrayList<>();
		List<Chart.Group> memory = new ArrayList<>();
		for (ContenderKind kind : contenders) {
			String label = shortLabel(kind);
			cpu.add(new Chart.Group(label, new double[] { results.get(kind, "speed.cpuNsPerChunk.s1") / 1000,
					results.get(kind, "speed.cpuNsPerChunk.s256") / 1000 }));
			memory.add(new Chart.Group(label,
					new double[] { results.get(kind, "idle10000.idle.heapPerStream") / 1024,
							results.get(kind, "idle10000.idle.directPerStream") / 1024,
							results.get(kind, "idle10000.idle.rssPerStream") / 1024 }));
		}
		Chart.write(file, "CPU per streamed chunk (µs, lower is better)", List.of("1 stream", "256 streams"), cpu,
				"Memory per idle stream, 10,000 streams (KB)", List.of("heap", "direct", "RSS"), memory);
	}

	private static String shortLabel(ContenderKind kind) {
		return switch (kind) {
			case RAW -> "raw limit";
			case CHAT_TEMPLATE -> "ChatTemplate";
			case WEBCLIENT -> "WebClient by hand";
			case OPENAI_JAVA -> "openai-java";
			case SPRING_AI -> "Spring AI";
			case LANGCHAIN4J -> "LangChain4j";
		};
	}

	private static String header(List<ContenderKind> contenders, String seconds, int warmupCalls, int repeat,
			Instant start, String loadBefore) {
		StringBuilder text = new StringBuilder();
		text.append("# Benchmarks\n\n");
		text.append("Written by `chat-benchmarks/run.sh` (see the Benchmarks section of README.md) on ")
			.append(start.truncatedTo(ChronoUnit.SECONDS))
			.append(". Short version: ")
			.append(seconds)
			.append(" s per measuring window after a warm-up of twice that (streams: once)")
			.append((warmupCalls > 0) ? String.format(Locale.ROOT,
					" and of %,d non-streamed calls and %,d streams (each at most %d s) before the first measure",
					warmupCalls, ClientRun.warmupStreams(warmupCalls), ClientRun.WARMUP_MAX_SECONDS) : "")
			.append("; every end-to-end measure taken " + ClientRun.ROUNDS + " times in each of " + repeat
					+ " JVM(s) per contender, shown as median [min–max], ratios of medians. "
					+ "All traffic goes to a stub upstream "
					+ "(Reactor Netty, own JVM) on 127.0.0.1 that replays pre-encoded OpenAI JSON and SSE bytes; "
					+ "each contender runs in JVMs of its own. Ratios are to the raw limit (raw Reactor Netty "
					+ "HttpClient + byte-level SSE splitter + Jackson `readValue(byte[])` into the starter's "
					+ "model types); for CPU, latency and memory lower is better, for requests/s higher.\n\n");
		text.append("## Machine and versions\n\n");
		text.append("| item | value |\n|---|---|\n");
		text.append("| cores | ").append(Runtime.getRuntime().availableProcessors()).append(" |\n");
		text.append("| memory | ").append(memTotal()).append(" |\n");
		text.append("| JDK | ")
			.append(System.getProperty("java.vm.name"))
			.append(' ')
			.append(System.getProperty("java.runtime.version"))
			.append(" |\n");
		text.append("| OS | ")
			.append(System.getProperty("os.name"))
			.append(' ')
			.append(System.getProperty("os.arch"))
			.append(" |\n");
		text.append("| load average before / after | ")
			.append(loadBefore)
			.append(" / ")
			.append(loadAverage())
			.append(" (other builds share the machine: absolute figures are noisy, the ratios less so) |\n");
		for (String artifact : List.of("chat-spring-boot-autoconfigure", "spring-webflux", "reactor-netty-http",
				"netty-codec-http", "jackson-databind", "openai-java", "openai-java-core", "okhttp", "spring-ai-openai",
				"langchain4j-open-ai", "langchain4j-http-client-jdk", "jmh-core")) {
			text.append("| ")
				.append(artifact)
				.append(" | ")
				.append(String.join(", ", versions(artifact)))
				.append(" |\n");
		}
		text.append("| client JVM options | speed: `-Xms1g -Xmx1g`; idle streams: `-Xmx512m -Xss512k`; all: `")
			.append(POOL)
			.append("` |\n");
		text.append("\n## Settings\n\n");
		text.append("- Contenders: ");
		contenders.forEach((kind) -> text.append(kind.label()).append(" (").append(kind.artifact()).append("); "));
		text.append("\n- Question \"Say hello\", model `")
			.append(Payloads.MODEL)
			.append("`; non-streaming replies carry ")
			.append(ClientRun.REPLY_CONTENT)
			.append(" characters of text.\n");
		text.append("- Reactor Netty contenders: one pool of ")
			.append(Requests.MAX_CONNECTIONS)
			.append(" connections, no limit on waiting acquires; ChatTemplate sizes its own pool the same through "
					+ "`ProviderSettings.pool(..)`.\n");
		text.append("- openai-java and Spring AI: OkHttp dispatcher limits raised from 64 / 5 per host to ")
			.append(Requests.MAX_CONNECTIONS)
			.append(", retries off. Blocking non-streaming APIs (Spring AI `call`, LangChain4j `chat`) run on a pool of ")
			.append(Requests.BLOCKING_THREADS)
			.append(" threads. LangChain4j on the JDK HttpClient pinned to HTTP/1.1; its non-streaming model retries "
					+ "once, as its JDK client now and then fails a call on a pooled connection (JDK-8357639).\n");
		return text.toString();
	}

	/** The versions of an artifact among the jars in lib/, read from their file names. */
	private static List<String> versions(String artifact) {
		List<String> found = new ArrayList<>();
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			Path jar = Path.of(entry);
			List<Path> candidates = new ArrayList<>(List.of(jar));
			Path lib = (jar.getParent() != null) ? jar.getParent().resolve("lib") : null;
			if (lib != null && Files.isDirectory(lib)) {
				try (Stream<Path> files = Files.list(lib)) {
					files.forEach(candidates::add);
				}
				catch (IOException ex) {
					throw new IllegalStateException("Cannot list " + lib, ex);
				}
			}
			for (Path candidate : candidates) {
				String name = candidate.getFileName().toString();
				if (name.startsWith(artifact + "-") && name.endsWith(".jar")
						&& Character.isDigit(name.charAt(artifact.length() + 1))) {
					String version = name.substring(artifact.length() + 1, name.length() - 4);
					if (!found.contains(version)) {
						found.add(version);
					}
				}
			}
		}
		return found.isEmpty() ? List.of("–") : found;
	}

	private static String memTotal() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
				if (line.startsWith("MemTotal:")) {
					long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
					return String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
				}
			}
		}
		catch (IOException ex) {
			return "unknown (" + ex.getMessage() + ")";
		}
		return "unknown";
	}

	private static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return parts[0] + " " + parts[1] + " " + parts[2];
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static int readPort(Process stub) throws IOException {
		BufferedReader lines = new BufferedReader(new InputStreamReader(stub.getInputStream(), StandardCharsets.UTF_8));
		for (int i = 0; i < 50; i++) {
			String line = lines.readLine();
			if (line == null) {
				break;
			}
			if (line.startsWith("PORT=")) {
				Thread drain = new Thread(() -> lines.lines().forEach((ignored) -> {
				}));
				drain.setDaemon(true);
				drain.start();
				return Integer.parseInt(line.substring(5));
			}
		}
		throw new IllegalStateException("The stub upstream did not start");
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--")) {
				throw new IllegalArgumentException("Unknown argument: " + args[i]);
			}
			String name = args[i].substring(2);
			boolean flag = name.startsWith("skip-") || FLAGS.contains(name);
			if (!flag && i + 1 >= args.length) {
				throw new IllegalArgumentException("--" + name + " needs a value");
			}
			options.put(name, flag ? "true" : args[++i]);
		}
		return options;
	}

	private static void log(String message) {
		System.out.println("[bench] " + message);
	}

}
