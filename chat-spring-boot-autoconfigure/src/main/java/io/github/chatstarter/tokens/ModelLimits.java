package io.github.chatstarter.tokens;

import org.jspecify.annotations.Nullable;

/**
 * How many tokens a model holds.
 *
 * @param contextWindow tokens of prompt and answer together
 * @param maxOutputTokens most tokens one answer may have, or {@code null} when only the
 * window bounds it
 */
public record ModelLimits(int contextWindow, @Nullable Integer maxOutputTokens) {

	/**
	 * Checks the limits.
	 * @throws IllegalArgumentException if the window is not positive, or the output limit
	 * is not positive or larger than the window
	 */
	public ModelLimits {
		if (contextWindow <= 0) {
			throw new IllegalArgumentException("context-window must be positive, but is " + contextWindow);
		}
		if (maxOutputTokens != null && (maxOutputTokens <= 0 || maxOutputTokens > contextWindow)) {
			throw new IllegalArgumentException("max-output-tokens must be positive and at most the context window ("
					+ contextWindow + "), but is " + maxOutputTokens);
		}
	}

	/**
	 * Limits with a window only.
	 * @param contextWindow tokens of prompt and answer together
	 * @return the limits
	 */
	public static ModelLimits of(int contextWindow) {
		return new ModelLimits(contextWindow, null);
	}

	/**
	 * Limits with a window and an output limit.
	 * @param contextWindow tokens of prompt and answer together
	 * @param maxOutputTokens most tokens of one answer
	 * @return the limits
	 */
	public static ModelLimits of(int contextWindow, int maxOutputTokens) {
		return new ModelLimits(contextWindow, maxOutputTokens);
	}

}
