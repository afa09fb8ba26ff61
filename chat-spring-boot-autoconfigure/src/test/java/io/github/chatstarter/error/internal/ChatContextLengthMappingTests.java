package io.github.chatstarter.error.internal;

import io.github.chatstarter.error.ChatBadRequestException;
import io.github.chatstarter.error.ChatContextLengthException;
import io.github.chatstarter.error.ChatAuthenticationException;
import io.github.chatstarter.error.ChatErrorKind;
import io.github.chatstarter.error.ChatErrorMapping;
import io.github.chatstarter.error.ChatException;
import io.github.chatstarter.error.ChatRateLimitException;

import io.github.chatstarter.error.internal.ChatExceptions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every vendor's "the prompt does not fit" error is a {@link ChatContextLengthException}
 * (a {@link ChatBadRequestException}: never retried, never failed over), as the
 * pre-flight refusal is.
 */
class ChatContextLengthMappingTests {

	static Stream<Arguments> contextLengthErrors() {
		return Stream.of(Arguments.of("OpenAI", 400,
				"{\"error\":{\"message\":\"This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens. Please reduce the length of the messages.\",\"type\":\"invalid_request_error\",\"param\":\"messages\",\"code\":\"context_length_exceeded\"}}"),
				Arguments.of("one-api relaying OpenAI", 400,
						"{\"error\":{\"message\":\"This model's maximum context length is 4097 tokens. However, you requested 4200 tokens (3200 in the messages, 1000 in the completion). Please reduce the length of the messages or completion. (request id: 2024010112345678)\",\"type\":\"invalid_request_error\",\"param\":\"messages\",\"code\":\"context_length_exceeded\"}}"),
				Arguments.of("new-api wrapping the upstream's 400 in a 500", 500,
						"{\"error\":{\"message\":\"This model's maximum context length is 16385 tokens. However, your messages resulted in 17000 tokens.\",\"type\":\"new_api_error\",\"code\":\"upstream_error\"}}"),
				Arguments.of("DeepSeek", 400,
						"{\"error\":{\"message\":\"This model's maximum context length is 131072 tokens. However, you requested 140000 tokens (132000 in the messages, 8000 in the completion). Please reduce the length of the messages or completion.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_request_error\"}}"),
				Arguments.of("Qwen (DashScope compatible mode)", 400,
						"{\"error\":{\"code\":\"invalid_parameter_error\",\"param\":null,\"message\":\"Range of input length should be [1, 6000]\",\"type\":\"invalid_request_error\"},\"id\":\"chatcmpl-1\",\"request_id\":\"1\"}"),
				Arguments.of("Qwen (DashScope native)", 400,
						"{\"code\":\"InvalidParameter\",\"message\":\"<400> InternalError.Algo.InvalidParameter: Range of input length should be [1, 30720]\",\"request_id\":\"1\"}"),
				Arguments.of("Moonshot", 400,
						"{\"error\":{\"message\":\"Invalid request: Your request exceeded model token limit: 8192\",\"type\":\"invalid_request_error\"}}"),
				Arguments.of("Zhipu GLM", 400, "{\"error\":{\"code\":\"1261\",\"message\":\"Prompt 超长\"}}"),
				Arguments.of("iFlytek Spark", 200,
						"{\"error\":{\"message\":\"token数量超过上限。对话历史+问题的字数太多，需要精简输入\",\"type\":\"api_error\",\"code\":\"10907\"}}"),
				Arguments.of("Baidu Qianfan", 200,
						"{\"error_code\":336103,\"error_msg\":\"prompt tokens too long\",\"id\":\"as-1\"}"),
				Arguments.of("Baidu Qianfan (question)", 200,
						"{\"error_code\":336007,\"error_msg\":\"the max length of current question is 2000\"}"),
				Arguments.of("Anthropic through a relay", 400,
						"{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"prompt is too long: 210000 tokens > 200000 maximum\"}}"),
				Arguments.of("Mistral", 400,
						"{\"object\":\"error\",\"message\":\"Prompt contains 40000 tokens and 0 draft tokens, too large for model with 32768 maximum context length\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}"),
				Arguments.of("vLLM", 400,
						"{\"object\":\"error\",\"message\":\"This model's maximum context length is 4096 tokens. However, you requested 5000 tokens (4000 in the messages, 1000 in the completion). Please reduce the length of the messages or completion.\",\"type\":\"BadRequestError\",\"param\":null,\"code\":400}"),
				Arguments.of("OpenRouter", 400,
						"{\"error\":{\"message\":\"This endpoint's maximum context length is 131072 tokens. However, you requested about 150000 tokens.\",\"code\":400}}"),
				Arguments.of("xAI", 400,
						"{\"code\":\"Client specified an invalid argument\",\"error\":\"This model's maximum prompt length is 131072 but the request contains 140000 tokens.\"}"),
				Arguments.of("Gemini (OpenAI compatible)", 400,
						"[{\"error\":{\"code\":400,\"message\":\"The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).\",\"status\":\"INVALID_ARGUMENT\"}}]"),
				Arguments.of("Azure OpenAI", 400,
						"{\"error\":{\"message\":\"This model's maximum context length is 8192 tokens.\",\"type\":\"invalid_request_error\",\"param\":\"messages\",\"code\":\"context_length_exceeded\"}}"),
				Arguments.of("Groq", 400,
						"{\"error\":{\"message\":\"Please reduce the length of the messages or completion.\",\"type\":\"invalid_request_error\",\"param\":\"messages\",\"code\":\"context_length_exceeded\"}}"),
				Arguments.of("OpenAI Responses-style", 400,
						"{\"error\":{\"message\":\"Your input exceeds the context window of this model. Please adjust your input and try again.\",\"type\":\"invalid_request_error\",\"code\":\"context_length_exceeded\"}}"),
				Arguments.of("a Chinese relay", 400,
						"{\"error\":{\"message\":\"上下文长度超过模型限制\",\"type\":\"one_api_error\"}}"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("contextLengthErrors")
	void contextLengthErrorsShouldMapToChatContextLengthException(String vendor, int status, String body) {
		ChatException ex = create(status, body);
		assertThat(ex).as(vendor).isInstanceOf(ChatContextLengthException.class);
		assertThat(ex).isInstanceOf(ChatBadRequestException.class);
		assertThat(ex.isRetryable()).isFalse();
		assertThat(ex.getMessage()).contains("context length exceeded");
		assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(((ChatContextLengthException) ex).getContextWindow()).isNull();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("contextLengthErrors")
	void contextLengthErrorsInsideAStreamShouldMapToChatContextLengthException(String vendor, int status, String body) {
		if (!body.startsWith("{")) {
			return;
		}
		Map<?, ?> event = JsonMapper.builder().build().readValue(body, Map.class);
		ChatException ex = ChatExceptions.fromErrorBody("xingyun", 0, event, null, List.of(), ChatErrorMapping.none());
		assertThat(ex).as(vendor).isInstanceOf(ChatContextLengthException.class);
	}

	static Stream<Arguments> otherErrors() {
		return Stream.of(
				Arguments.of(400,
						"{\"error\":{\"message\":\"Invalid value for 'temperature'\",\"code\":\"invalid_value\"}}",
						ChatBadRequestException.class),
				Arguments.of(429,
						"{\"error\":{\"message\":\"Rate limit reached for tokens per min; reduce the length of the messages\",\"code\":\"rate_limit_exceeded\"}}",
						ChatRateLimitException.class),
				Arguments.of(401, "{\"error\":{\"message\":\"maximum context length is 8192\"}}",
						ChatAuthenticationException.class));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("otherErrors")
	void otherErrorsShouldKeepTheirType(int status, String body, Class<? extends ChatException> expected) {
		assertThat(create(status, body)).isExactlyInstanceOf(expected);
	}

	@org.junit.jupiter.api.Test
	void aProvidersErrorMappingShouldMapACodeToContextLength() {
		ChatErrorMapping mapping = ChatErrorMapping.of(Map.of("input_too_long", ChatErrorKind.CONTEXT_LENGTH));
		ChatException ex = ChatExceptions.create("xingyun", 400, new HttpHeaders(),
				"{\"error\":{\"code\":\"input_too_long\",\"message\":\"too long\"}}".getBytes(StandardCharsets.UTF_8),
				List.of(), mapping);
		assertThat(ex).isInstanceOf(ChatContextLengthException.class);
	}

	private static ChatException create(int status, String body) {
		return ChatExceptions.create("xingyun", status, new HttpHeaders(), body.getBytes(StandardCharsets.UTF_8),
				List.of(), ChatErrorMapping.none());
	}

}
