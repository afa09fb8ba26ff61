package io.github.chatstarter.sample.web;

import io.github.chatstarter.model.Usage;
import org.jspecify.annotations.Nullable;

/**
 * Tokens an answer used, as the page shows them.
 *
 * @param promptTokens tokens of the conversation sent
 * @param completionTokens tokens of the answer
 * @param totalTokens both together
 */
public record TokenUsage(int promptTokens, int completionTokens, int totalTokens) {

	static @Nullable TokenUsage of(@Nullable Usage usage) {
		return (usage != null) ? new TokenUsage(usage.promptTokens(), usage.completionTokens(), usage.totalTokens())
				: null;
	}

}
