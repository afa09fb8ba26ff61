package io.github.chatstarter.benchmarks;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one run measured, per contender and measure group ("speed", "idle1000",
 * ...).
 */
final class Results {

	final Map<ContenderKind, Map<String, Double>> values = new EnumMap<>(ContenderKind.class);

	final Map<ContenderKind, List<String>> failures = new EnumMap<>(ContenderKind.class);

	/** JMH: benchmark method, then "size/split", then ns and bytes per chunk. */
	final Map<String, Map<String, double[]>> decode = new LinkedHashMap<>();

	/** JMH call benchmark: benchmark method, then ns and bytes per non-streamed call. */
	final Map<String, double[]> call = new LinkedHashMap<>();

	/**
	 * JMH conversation benchmark: benchmark method, then min, median and max ns per call
	 * over its forks.
	 */
	final Map<String, double[]> conversation = new LinkedHashMap<>();

	final List<String> notes = new ArrayList<>();

	void add(ContenderKind kind, String group, ChildJvm.Outcome outcome) {
		Map<String, Double> target = this.values.computeIfAbsent(kind, (k) -> new LinkedHashMap<>());
		outcome.results().forEach((name, value) -> target.put(group + "." + name, value));
		outcome.failures()
			.forEach((failure) -> this.failures.computeIfAbsent(kind, (k) -> new ArrayList<>())
				.add(group + ": " + failure));
	}

	/** The value, or NaN when it was not measured. */
	double get(ContenderKind kind, String name) {
		Double value = this.values.getOrDefault(kind, Map.of()).get(name);
		return (value != null) ? value : Double.NaN;
	}

}
