package io.github.chatstarter.sample.web;

import io.github.chatstarter.model.ChatResponse;
import org.jspecify.annotations.Nullable;

/**
 * The reply of {@code POST /api/chat}.
 *
 * @param answer the answer's text
 * @param provider the provider that answered
 * @param model the model that answered, as the provider names it
 * @param usage tokens used, or {@code null} when the provider did not say
 * @param finishReason why the answer ended ({@code stop}, {@code length},
 * {@code content_filter}, …)
 */
public record ChatAnswer(String answer, @Nullable String provider, @Nullable String model, @Nullable TokenUsage usage,
		@Nullable String finishReason) {

	static ChatAnswer of(ChatResponse response) {
		return new ChatAnswer(response.content(), response.provider(), response.model(),
				TokenUsage.of(response.usage()), response.finishReason());
	}

}
