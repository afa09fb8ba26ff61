package io.github.chatstarter.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Adds up two JSON objects of counts, as usage objects are: numbers under the same name
 * add up, nested objects add up the same way, and any other value (a flag, a label) takes
 * the second object's value. A name that one object lacks, or has as {@code null}, takes
 * the other's value.
 */
final class Counts {

	private Counts() {
	}

	static @Nullable Map<String, Object> add(@Nullable Map<String, Object> first,
			@Nullable Map<String, Object> second) {
		if (first == null || second == null) {
			return Extras.copy((first != null) ? first : second);
		}
		Map<String, Object> sum = new LinkedHashMap<>(first);
		second.forEach((name, value) -> sum.put(name, add(sum.get(name), value)));
		return sum;
	}

	@SuppressWarnings("unchecked")
	private static @Nullable Object add(@Nullable Object first, @Nullable Object second) {
		if (first == null || second == null) {
			return (second != null) ? second : first;
		}
		if (first instanceof Number a && second instanceof Number b) {
			return add(a, b);
		}
		if (first instanceof Map<?, ?> a && second instanceof Map<?, ?> b) {
			// Objects read from JSON have string names.
			return add((Map<String, Object>) a, (Map<String, Object>) b);
		}
		return second;
	}

	/**
	 * The sum, exact for whole numbers of any size and kept as small a type as fits (as
	 * Jackson reads them), so that a count reads the same whether it was summed or not.
	 */
	private static Number add(Number first, Number second) {
		if (isWhole(first) && isWhole(second)) {
			BigInteger sum = new BigInteger(first.toString()).add(new BigInteger(second.toString()));
			if (sum.bitLength() < Integer.SIZE) {
				return sum.intValue();
			}
			return (sum.bitLength() < Long.SIZE) ? (Number) sum.longValue() : sum;
		}
		if (first instanceof BigDecimal || second instanceof BigDecimal) {
			return new BigDecimal(first.toString()).add(new BigDecimal(second.toString()));
		}
		return first.doubleValue() + second.doubleValue();
	}

	private static boolean isWhole(Number number) {
		return number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte
				|| number instanceof BigInteger;
	}

}
