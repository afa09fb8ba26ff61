package io.github.chatstarter.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts a JVM on this one's class path and collects its {@code RESULT} lines. */
final class ChildJvm {

	private ChildJvm() {
	}

	static Process start(List<String> jvmOptions, Class<?> main, List<String> args) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(main.getName());
		command.addAll(args);
		return new ProcessBuilder(command).redirectErrorStream(true).start();
	}

	/** The outcome of one run: its results, or why it failed. */
	record Outcome(Map<String, List<Double>> results, List<String> failures) {

		/** The last value printed under the name, or NaN. */
		double last(String name) {
			List<Double> values = this.results.get(name);
			return (values != null && !values.isEmpty()) ? values.get(values.size() - 1) : Double.NaN;
		}

	}

	static Outcome run(List<String> jvmOptions, Class<?> main, List<String> args, long timeoutSeconds)
			throws IOException, InterruptedException {
		long started = System.nanoTime();
		Process process = start(jvmOptions, main, args);
		Map<String, List<Double>> results = new LinkedHashMap<>();
		List<String> failures = new ArrayList<>();
		List<String> tail = new ArrayList<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = lines.readLine(); line != null; line = lines.readLine()) {
					if (line.startsWith("RESULT ")) {
						String[] parts = line.split(" ");
						results.computeIfAbsent(parts[1], (name) -> new ArrayList<>())
							.add(Double.parseDouble(parts[2]));
					}
					else if (line.startsWith("FAILED ")) {
						failures.add(line.substring(7));
					}
					else if (line.contains("Exception") || line.contains("Error")) {
						if (tail.size() < 3) {
							tail.add(line.trim());
						}
					}
				}
			}
			catch (IOException ex) {
				failures.add("lost the child's output: " + ex);
			}
		});
		reader.start();
		if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			failures.add("did not finish within " + timeoutSeconds + " s");
		}
		reader.join(5000);
		if (process.exitValue() != 0 && failures.isEmpty()) {
			failures.add(tail.isEmpty() ? "exit code " + process.exitValue() : String.join(" / ", tail));
		}
		System.out.printf("[bench]   %s took %.1f s%s%n", String.join(" ", args), (System.nanoTime() - started) / 1e9,
				failures.isEmpty() ? "" : ", failed: " + failures);
		synchronized (results) {
			return new Outcome(results, failures);
		}
	}

}
