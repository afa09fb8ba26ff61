package io.github.chatstarter.client.observation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.chatstarter.client.observation.ChatObservationDocumentation.HighCardinalityKeyNames;
import io.github.chatstarter.client.observation.ChatObservationDocumentation.LowCardinalityKeyNames;
import io.github.chatstarter.model.ChatMessage;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.model.Usage;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The default names and tags of a chat call's observation. The observation is named
 * {@value #DEFAULT_NAME}, so that its timer is the semantic conventions' duration metric;
 * its span is named {@code chat <model>}.
 */
public class DefaultChatObservationConvention implements ChatObservationConvention {

	/** Name of the observation, and so of the timer Micrometer derives from it. */
	public static final String DEFAULT_NAME = "gen_ai.client.operation.duration";

	private static final String NONE = "none";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String name;

	public DefaultChatObservationConvention() {
		this(DEFAULT_NAME);
	}

	public DefaultChatObservationConvention(String name) {
		this.name = name;
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public String getContextualName(ChatObservationContext context) {
		String model = context.getRequest().model();
		return context.getOperationName() + ((model != null) ? " " + model : "");
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(ChatObservationContext context) {
		return KeyValues.of(LowCardinalityKeyNames.OPERATION_NAME.withValue(context.getOperationName()),
				LowCardinalityKeyNames.PROVIDER_NAME.withValue(context.getProvider()),
				LowCardinalityKeyNames.REQUEST_MODEL.withValue(orNone(context.getRequest().model())),
				LowCardinalityKeyNames.RESPONSE_MODEL.withValue(orNone(context.getResponseModel())),
				LowCardinalityKeyNames.SERVER_ADDRESS.withValue(context.getServerAddress()),
				LowCardinalityKeyNames.SERVER_PORT.withValue(String.valueOf(context.getServerPort())),
				LowCardinalityKeyNames.ERROR_TYPE.withValue(errorType(context)));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(ChatObservationContext context) {
		List<KeyValue> values = new ArrayList<>();
		ChatRequest request = context.getRequest();
		add(values, HighCardinalityKeyNames.RESPONSE_ID, context.getResponseId());
		if (!context.getFinishReasons().isEmpty()) {
			values.add(HighCardinalityKeyNames.RESPONSE_FINISH_REASONS
				.withValue(JSON.writeValueAsString(context.getFinishReasons())));
		}
		Usage usage = context.getUsage();
		if (usage != null) {
			values.add(HighCardinalityKeyNames.USAGE_INPUT_TOKENS.withValue(String.valueOf(usage.promptTokens())));
			values.add(HighCardinalityKeyNames.USAGE_OUTPUT_TOKENS.withValue(String.valueOf(usage.completionTokens())));
		}
		add(values, HighCardinalityKeyNames.REQUEST_TEMPERATURE, request.temperature());
		add(values, HighCardinalityKeyNames.REQUEST_TOP_P, request.topP());
		add(values, HighCardinalityKeyNames.REQUEST_MAX_TOKENS,
				(request.maxTokens() != null) ? request.maxTokens() : request.maxCompletionTokens());
		if (context.getTimeToFirstChunk() != null) {
			values.add(HighCardinalityKeyNames.TIME_TO_FIRST_CHUNK
				.withValue(String.valueOf(context.getTimeToFirstChunk().toNanos() / 1e9)));
		}
		if (context.isIncludeContent()) {
			values.add(HighCardinalityKeyNames.INPUT_MESSAGES.withValue(inputMessages(request)));
			String completion = context.getCompletion();
			if (completion != null) {
				values.add(HighCardinalityKeyNames.OUTPUT_MESSAGES.withValue(outputMessages(completion, context)));
			}
		}
		return KeyValues.of(values);
	}

	/**
	 * Fully qualified class of the failure, as the semantic conventions ask; {@code none}
	 * on success.
	 */
	protected String errorType(ChatObservationContext context) {
		Throwable error = context.getError();
		return (error != null) ? error.getClass().getName() : NONE;
	}

	private static String inputMessages(ChatRequest request) {
		List<Map<String, Object>> messages = new ArrayList<>();
		for (ChatMessage message : request.messages()) {
			messages.add(message(message.role(), message.content(), null));
		}
		return JSON.writeValueAsString(messages);
	}

	private static String outputMessages(String completion, ChatObservationContext context) {
		String finishReason = context.getFinishReasons().isEmpty() ? null : context.getFinishReasons().get(0);
		return JSON.writeValueAsString(List.of(message(ChatMessage.ASSISTANT, completion, finishReason)));
	}

	/**
	 * A message in the conventions' shape: role, text parts and, for answers, the finish
	 * reason.
	 */
	private static Map<String, Object> message(@Nullable String role, @Nullable String text,
			@Nullable String finishReason) {
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("role", orNone(role));
		message.put("parts", (text != null) ? List.of(textPart(text)) : List.of());
		if (finishReason != null) {
			message.put("finish_reason", finishReason);
		}
		return message;
	}

	private static Map<String, Object> textPart(String text) {
		Map<String, Object> part = new LinkedHashMap<>();
		part.put("type", "text");
		part.put("content", text);
		return part;
	}

	private static void add(List<KeyValue> values, HighCardinalityKeyNames key, @Nullable Object value) {
		if (value != null) {
			values.add(key.withValue(value.toString()));
		}
	}

	private static String orNone(@Nullable String value) {
		return (value != null && !value.isBlank()) ? value : NONE;
	}

}
