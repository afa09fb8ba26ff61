package io.github.chatstarter.client.observation;

import java.time.Duration;
import java.util.Objects;

import io.github.chatstarter.client.observation.ChatObservationDocumentation.LowCardinalityKeyNames;
import io.github.chatstarter.model.Usage;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

/**
 * Records the metrics of chat calls that a timer cannot: {@value #TOKEN_USAGE} (input and
 * output tokens, told apart by {@code gen_ai.token.type}) and, for streams,
 * {@value #TIME_TO_FIRST_CHUNK}. The duration itself is the observation's own timer. Not
 * a {@code MeterObservationHandler}: Spring Boot lets only the first of those handle an
 * observation, and the default one must still time it.
 */
public class ChatMetricsObservationHandler implements ObservationHandler<ChatObservationContext> {

	/** Tokens per call, by {@value #TOKEN_TYPE}. */
	public static final String TOKEN_USAGE = "gen_ai.client.token.usage";

	/** Time from the start of a stream to its first chunk. */
	public static final String TIME_TO_FIRST_CHUNK = "gen_ai.client.operation.time_to_first_chunk";

	/** Tag telling input from output tokens. */
	public static final String TOKEN_TYPE = "gen_ai.token.type";

	private final MeterRegistry meterRegistry;

	public ChatMetricsObservationHandler(MeterRegistry meterRegistry) {
		this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof ChatObservationContext;
	}

	@Override
	public void onStop(ChatObservationContext context) {
		Tags tags = tags(context);
		Usage usage = context.getUsage();
		if (usage != null) {
			recordTokens(tags, "input", usage.promptTokens());
			recordTokens(tags, "output", usage.completionTokens());
		}
		Duration timeToFirstChunk = context.getTimeToFirstChunk();
		if (timeToFirstChunk != null) {
			Timer.builder(TIME_TO_FIRST_CHUNK)
				.description("Time from the start of a streamed chat call to its first chunk")
				.tags(tags)
				.register(this.meterRegistry)
				.record(timeToFirstChunk);
		}
	}

	private void recordTokens(Tags tags, String type, int tokens) {
		DistributionSummary.builder(TOKEN_USAGE)
			.description("Tokens used by a chat call")
			.baseUnit("tokens")
			.tags(tags)
			.tag(TOKEN_TYPE, type)
			.register(this.meterRegistry)
			.record(tokens);
	}

	/**
	 * The observation's tags, but for the error: usage and first-chunk time only exist
	 * for calls that got an answer.
	 */
	private static Tags tags(ChatObservationContext context) {
		Tags tags = Tags.empty();
		for (KeyValue keyValue : context.getLowCardinalityKeyValues()) {
			if (!keyValue.getKey().equals(LowCardinalityKeyNames.ERROR_TYPE.asString())) {
				tags = tags.and(Tag.of(keyValue.getKey(), keyValue.getValue()));
			}
		}
		return tags;
	}

}
