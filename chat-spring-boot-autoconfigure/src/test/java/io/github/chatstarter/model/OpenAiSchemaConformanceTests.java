package io.github.chatstarter.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.networknt.schema.Error;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.github.chatstarter.model.Fixtures.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Validates what the model sends against OpenAI's own schema
 * ({@code CreateChatCompletionRequest} of the openai-openapi document, copied into the
 * test resources). Anything the schema rejects is a bug.
 */
class OpenAiSchemaConformanceTests {

	static Stream<Arguments> requests() {
		return SampleRequests.all().entrySet().stream().map((entry) -> Arguments.of(entry.getKey(), entry.getValue()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("requests")
	void everySampleRequestShouldConformToTheOpenAiSchema(String name, ChatRequest request) {
		assertThat(validate(MAPPER.writeValueAsString(request))).as(name).isEmpty();
	}

	@Test
	void followUpOfAnAggregatedToolCallStreamShouldConform() {
		ChatResponse aggregated = Aggregated.of(Fixtures
			.chunks("""
					data: {"id":"s","choices":[{"index":0,"delta":{"role":"assistant","reasoning_content":"need weather"}}]}
					data: {"id":"s","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":""}}]}}]}
					data: {"id":"s","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\\"city\\":\\"北京\\"}"}}]}}]}
					data: {"id":"s","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}
					"""));
		ChatRequest followUp = ChatRequest.builder()
			.model("deepseek-chat")
			.message(ChatMessage.user("Weather in 北京?"))
			.message(aggregated.message().toFollowUp(true))
			.message(ChatMessage.tool("call_1", "晴"))
			.build();
		assertThat(validate(MAPPER.writeValueAsString(followUp))).isEmpty();
	}

	@Test
	void schemaShouldRejectWhatOpenAiRejects() {
		assertThat(validate("{\"model\":\"gpt-4o\",\"messages\":[]}")).isNotEmpty();
		assertThat(validate("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
				+ "\"tool_choice\":\"sometimes\"}"))
			.isNotEmpty();
		assertThat(validate("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}"))
			.isNotEmpty();
		assertThat(validate("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\","
				+ "\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}]}"))
			.isNotEmpty();
		assertThat(validate("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
				+ "\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}"))
			.isNotEmpty();
		assertThat(
				validate("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\","
						+ "\"image_url\":{\"url\":\"https://example.com/a.png\",\"detail\":\"huge\"}}]}]}"))
			.isNotEmpty();
	}

	@Test
	void bundledSchemaShouldMatchTheSharedCopyWhenPresent() throws IOException {
		Path shared = Path.of("../../shared/openai/chat-completions.openapi.json");
		Path fallback = Path.of("/work/shared/openai/chat-completions.openapi.json");
		Path source = Files.exists(shared) ? shared : fallback;
		assumeTrue(Files.exists(source), "the shared OpenAI schema is not on this machine");
		assertThat(Fixtures.class.getResourceAsStream("/" + OpenAiRequestSchema.DOCUMENT).readAllBytes())
			.isEqualTo(Files.readAllBytes(source));
	}

	private static List<Error> validate(String json) {
		return OpenAiRequestSchema.validate(json);
	}

}
