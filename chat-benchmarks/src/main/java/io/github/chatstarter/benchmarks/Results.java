package io.github.chatstarter.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one run measured, per contender and measure group ("speed", "idle1000",
 * ...).
 */
final class Results {

	/** Each measure's values, one per run (the speed group runs several times). */
	final Map<ContenderKind, Map<String, List<Double>>> values = new EnumMap<>(ContenderKind.class);

	final Map<ContenderKind, List<String>> failures = new EnumMap<>(ContenderKind.class);

	/**
	 * From memory ({@link ThreadCpuRun}): benchmark method, then "size/split", then CPU
	 * ns min, median, max and bytes per chunk.
	 */
	final Map<String, Map<String, double[]>> decode = new LinkedHashMap<>();

	/**
	 * From memory ({@link ThreadCpuRun}): benchmark method, then CPU ns min, median, max
	 * and bytes per non-streamed call.
	 */
	final Map<String, double[]> call = new LinkedHashMap<>();

	/**
	 * Conversation benchmark from memory ({@link ThreadCpuRun}): benchmark method, then
	 * CPU ns min, median, max and bytes per call.
	 */
	final Map<String, double[]> conversation = new LinkedHashMap<>();

	/** JVMs each from-memory group ran in; its figures combine them. */
	int fromMemoryRuns = 1;

	final List<String> notes = new ArrayList<>();

	void add(ContenderKind kind, String group, ChildJvm.Outcome outcome) {
		Map<String, List<Double>> target = this.values.computeIfAbsent(kind, (k) -> new LinkedHashMap<>());
		outcome.results()
			.forEach((name, list) -> target.computeIfAbsent(group + "." + name, (n) -> new ArrayList<>()).addAll(list));
		outcome.failures()
			.forEach((failure) -> this.failures.computeIfAbsent(kind, (k) -> new ArrayList<>())
				.add(group + ": " + failure));
	}

	/** The median over the runs, or NaN when it was not measured. */
	double get(ContenderKind kind, String name) {
		return statistic(kind, name, 1);
	}

	/** The smallest value over the runs, or NaN when it was not measured. */
	double min(ContenderKind kind, String name) {
		return statistic(kind, name, 0);
	}

	/** The largest value over the runs, or NaN when it was not measured. */
	double max(ContenderKind kind, String name) {
		return statistic(kind, name, 2);
	}

	/** How many runs measured it. */
	int runs(ContenderKind kind, String name) {
		return this.values.getOrDefault(kind, Map.of()).getOrDefault(name, List.of()).size();
	}

	private double statistic(ContenderKind kind, String name, int which) {
		List<Double> list = this.values.getOrDefault(kind, Map.of()).get(name);
		if (list == null || list.isEmpty()) {
			return Double.NaN;
		}
		double[] sorted = list.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		return switch (which) {
			case 0 -> sorted[0];
			case 2 -> sorted[sorted.length - 1];
			default -> median(sorted);
		};
	}

	/**
	 * The median of the values, the lower one for an even count: a value that was
	 * measured.
	 */
	static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[(sorted.length - 1) / 2];
	}

}
