package io.github.chatstarter.autoconfigure;

import io.github.chatstarter.memory.ConversationObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Conversation metrics: {@code chat.memory.history.tokens} (tokens of history each call
 * sent) and {@code chat.memory.messages.trimmed} (stored messages left out to fit the
 * context window), tagged with the model.
 */
final class ConversationMetrics implements ConversationObserver {

	private final MeterRegistry registry;

	ConversationMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void historySent(@Nullable String model, int historyTokens, int messagesTrimmed) {
		String tag = (model != null) ? model : "unknown";
		DistributionSummary.builder("chat.memory.history.tokens")
			.description("Tokens of conversation history sent with a call")
			.baseUnit("tokens")
			.tag("gen_ai.request.model", tag)
			.register(this.registry)
			.record(historyTokens);
		Counter.builder("chat.memory.messages.trimmed")
			.description("Stored messages left out of a call to fit the model's context window")
			.tag("gen_ai.request.model", tag)
			.register(this.registry)
			.increment(messagesTrimmed);
	}

}
