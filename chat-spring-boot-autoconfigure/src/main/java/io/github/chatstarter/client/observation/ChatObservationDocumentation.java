package io.github.chatstarter.client.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observation of a chat call and its keys, named after OpenTelemetry's GenAI semantic
 * conventions.
 */
public enum ChatObservationDocumentation implements ObservationDocumentation {

	/**
	 * One chat call to one provider, streamed or not; a stream is observed from
	 * subscription until it completes, fails or is cancelled.
	 */
	CHAT {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultChatObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeyNames.values();
		}

	};

	/**
	 * Keys that also tag the metrics.
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/** Always {@code chat}. */
		OPERATION_NAME("gen_ai.operation.name"),

		/** Name of the configured provider. */
		PROVIDER_NAME("gen_ai.provider.name"),

		/** Model the request asked for. */
		REQUEST_MODEL("gen_ai.request.model"),

		/** Model the reply named; {@code none} when no reply arrived. */
		RESPONSE_MODEL("gen_ai.response.model"),

		/** Host of the provider's endpoint. */
		SERVER_ADDRESS("server.address"),

		/** Port of the provider's endpoint. */
		SERVER_PORT("server.port"),

		/**
		 * Class of the failure; {@code none} when the call succeeded (metrics need the
		 * key on every sample).
		 */
		ERROR_TYPE("error.type");

		private final String key;

		LowCardinalityKeyNames(String key) {
			this.key = key;
		}

		@Override
		public String asString() {
			return this.key;
		}

	}

	/**
	 * Keys recorded on traces only.
	 */
	public enum HighCardinalityKeyNames implements KeyName {

		/** Id of the reply. */
		RESPONSE_ID("gen_ai.response.id"),

		/** Finish reasons of the choices, as a JSON array. */
		RESPONSE_FINISH_REASONS("gen_ai.response.finish_reasons"),

		/** Prompt tokens the provider counted. */
		USAGE_INPUT_TOKENS("gen_ai.usage.input_tokens"),

		/** Completion tokens the provider counted. */
		USAGE_OUTPUT_TOKENS("gen_ai.usage.output_tokens"),

		/** Requested temperature. */
		REQUEST_TEMPERATURE("gen_ai.request.temperature"),

		/** Requested top_p. */
		REQUEST_TOP_P("gen_ai.request.top_p"),

		/** Requested max_tokens (or max_completion_tokens). */
		REQUEST_MAX_TOKENS("gen_ai.request.max_tokens"),

		/** Seconds from the start of a stream to its first chunk. */
		TIME_TO_FIRST_CHUNK("gen_ai.response.time_to_first_chunk"),

		/**
		 * The prompt as JSON; only with {@code chat.observations.include-content=true}.
		 */
		INPUT_MESSAGES("gen_ai.input.messages"),

		/**
		 * The answer as JSON; only with {@code chat.observations.include-content=true}.
		 */
		OUTPUT_MESSAGES("gen_ai.output.messages");

		private final String key;

		HighCardinalityKeyNames(String key) {
			this.key = key;
		}

		@Override
		public String asString() {
			return this.key;
		}

	}

}
