package io.github.chatstarter.tool;

import io.github.chatstarter.ToolCallingChatTemplate;
import java.util.List;
import java.util.stream.Collectors;

import io.github.chatstarter.ChatResponses;
import io.github.chatstarter.model.ChatChunk;
import io.github.chatstarter.internal.ChunkAggregation;
import io.github.chatstarter.model.ChatMessage;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.model.ChatResponse;
import io.github.chatstarter.model.FinishReasons;
import io.github.chatstarter.model.Fixtures;
import io.github.chatstarter.model.OpenAiRequestSchema;
import io.github.chatstarter.model.SampleRequests;
import io.github.chatstarter.model.ToolCall;
import io.github.chatstarter.model.Usage;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class ToolCallingChatTemplateStreamTests {

	/** Text first, then two calls whose fragments are split and interleaved. */
	private static final String TOOL_ROUND = """
			data: {"id":"r1","model":"gpt-4o","choices":[{"index":0,"delta":{"role":"assistant","content":"让我查一下。"}}]}
			data: {"id":"r1","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_bj","type":"function","function":{"name":"get_weather","arguments":""}}]}}]}
			data: {"id":"r1","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_sh","type":"function","function":{"name":"get_weather","arguments":"{\\"ci"}}]}}]}
			data: {"id":"r1","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"","function":{"arguments":"{\\"city\\":\\"北"}}]}}]}
			data: {"id":"r1","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"ty\\":\\"上海\\"}"}}]}}]}
			data: {"id":"r1","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"京\\"}"}}]}}]}
			data: {"id":"r1","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}
			data: {"id":"r1","choices":[],"usage":{"prompt_tokens":80,"completion_tokens":30,"total_tokens":110}}
			data: [DONE]
			""";

	private static final String ANSWER_ROUND = """
			data: {"id":"r2","model":"gpt-4o","choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}
			data: {"id":"r2","choices":[{"index":0,"delta":{"content":"北京晴,"}}]}
			data: {"id":"r2","choices":[{"index":0,"delta":{"content":"上海多云。"}}]}
			data: {"id":"r2","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}
			data: {"id":"r2","choices":[],"usage":{"prompt_tokens":130,"completion_tokens":8,"total_tokens":138}}
			data: [DONE]
			""";

	private final ScriptedChatTemplate model = new ScriptedChatTemplate();

	private ToolCallingChatTemplate template() {
		return ToolCallingChatTemplate.builder(this.model)
			.tool(SampleRequests.weatherTool(),
					(call) -> call.argumentsAsMap().get("city").equals("北京") ? "晴, 25°C" : "多云, 22°C")
			.build();
	}

	/** Fails for 北京, with a message the model must not see. */
	private ToolCalling.Builder<ToolCallingChatTemplate> failingWeatherTemplate() {
		return ToolCallingChatTemplate.builder(this.model).tool(SampleRequests.weatherTool(), (call) -> {
			if (call.argumentsAsMap().get("city").equals("北京")) {
				throw new IllegalStateException("weather service at 10.0.0.7 down");
			}
			return "多云, 22°C";
		});
	}

	private static ChatRequest question() {
		return ChatRequest.of("gpt-4o", ChatMessage.user("北京和上海天气如何?"));
	}

	@Test
	void streamShouldRunToolsAndEmitTheTextOfEveryRoundButNotTheToolCallChunks() {
		this.model.reply(TOOL_ROUND).reply(ANSWER_ROUND);
		List<ChatChunk> emitted = template().stream(question()).collectList().block();

		assertThat(emitted).extracting(ChatChunk::content).containsExactly("让我查一下。", "", "北京晴,", "上海多云。", "", "");
		assertThat(emitted).allSatisfy((chunk) -> assertThat(chunk.choices())
			.allSatisfy((choice) -> assertThat(choice.delta().toolCalls()).isEmpty()));
		ChatResponse aggregated = aggregate(emitted);
		assertThat(aggregated.content()).isEqualTo("让我查一下。北京晴,上海多云。");
		assertThat(aggregated.finishReason()).isEqualTo(FinishReasons.STOP);
		assertThat(aggregated.usage()).isEqualTo(Usage.of(210, 38));
	}

	@Test
	void streamShouldEndWithTheUsageOfEveryRoundAddedUp() {
		this.model.reply(TOOL_ROUND).reply(ANSWER_ROUND);
		List<ChatChunk> emitted = template().stream(question()).collectList().block();

		assertThat(emitted).filteredOn((chunk) -> chunk.usage() != null)
			.singleElement()
			.isSameAs(emitted.get(emitted.size() - 1))
			.satisfies((chunk) -> assertThat(chunk.id()).isEqualTo("r2"))
			.extracting(ChatChunk::usage)
			.isEqualTo(Usage.of(210, 38));
	}

	@Test
	void usageOnEveryChunkShouldCountTheEarlierRoundsOnEveryChunk() {
		String usageOnEveryChunk = ANSWER_ROUND.lines()
			.filter((line) -> !line.contains("\"choices\":[]"))
			.map((line) -> line.replace("]}",
					"],\"usage\":{\"prompt_tokens\":130,\"completion_tokens\":" + line.length() + "}}"))
			.collect(Collectors.joining("\n"));
		this.model.reply(TOOL_ROUND).reply(usageOnEveryChunk);
		List<ChatChunk> emitted = template().stream(question()).collectList().block();
		List<ChatChunk> answer = Fixtures.chunks(usageOnEveryChunk);

		assertThat(emitted.subList(1, emitted.size())).extracting(ChatChunk::usage)
			.isEqualTo(answer.stream().map((chunk) -> Usage.of(80, 30).plus(chunk.usage())).toList());
	}

	@Test
	void finalRoundWithoutUsageShouldEndWithAChunkOfTheEarlierRoundsUsage() {
		this.model.reply(TOOL_ROUND).reply(withoutUsage(ANSWER_ROUND));
		List<ChatChunk> emitted = template().stream(question()).collectList().block();

		ChatChunk last = emitted.get(emitted.size() - 1);
		assertThat(last.choices()).isEmpty();
		assertThat(last.id()).isEqualTo("r2");
		assertThat(last.usage()).isEqualTo(Usage.of(80, 30));
		assertThat(aggregate(emitted).finishReason()).isEqualTo(FinishReasons.STOP);
	}

	@Test
	void streamWithoutAnyUsageShouldReportNone() {
		this.model.reply(withoutUsage(TOOL_ROUND)).reply(withoutUsage(ANSWER_ROUND));
		List<ChatChunk> emitted = template().stream(question()).collectList().block();

		assertThat(emitted).extracting(ChatChunk::content).containsExactly("让我查一下。", "", "北京晴,", "上海多云。", "");
		assertThat(aggregate(emitted).usage()).isNull();
	}

	@Test
	void streamShouldSendTheMergedCallsAndTheirResultsBack() {
		this.model.reply(TOOL_ROUND).reply(ANSWER_ROUND);
		template().stream(question()).blockLast();

		ChatRequest followUp = this.model.requests().get(1);
		assertThat(followUp.messages().get(1).content()).isEqualTo("让我查一下。");
		assertThat(followUp.messages().get(1).toolCalls()).containsExactly(
				ToolCall.function("call_bj", "get_weather", "{\"city\":\"北京\"}"),
				ToolCall.function("call_sh", "get_weather", "{\"city\":\"上海\"}"));
		assertThat(followUp.messages().subList(2, 4)).containsExactly(ChatMessage.tool("call_bj", "晴, 25°C"),
				ChatMessage.tool("call_sh", "多云, 22°C"));
		assertThat(OpenAiRequestSchema.validate(followUp)).isEmpty();
	}

	@Test
	void failingHandlerShouldEndTheStreamWithAnErrorNamingTheToolAndTellTheModelNothing() {
		this.model.reply(TOOL_ROUND).reply(ANSWER_ROUND);
		StepVerifier.create(failingWeatherTemplate().build().stream(question()))
			.expectNextMatches((chunk) -> chunk.content().equals("让我查一下。"))
			.verifyErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(ToolCallingException.class)
				.hasMessageContaining("'get_weather' failed")
				.hasCauseInstanceOf(IllegalStateException.class));
		assertThat(this.model.requests()).hasSize(1);
	}

	@Test
	void failingHandlerWithAnErrorHandlerShouldSendItsTextBackAndStreamTheAnswer() {
		this.model.reply(TOOL_ROUND).reply(ANSWER_ROUND);
		ToolCallingChatTemplate template = failingWeatherTemplate()
			.toolErrorHandler((call, error) -> "Tool " + call.name() + " is unavailable; answer without it.")
			.build();
		ChatResponse aggregated = template.stream(question()).as(ChatResponses::aggregate).block();

		assertThat(aggregated.content()).isEqualTo("让我查一下。北京晴,上海多云。");
		assertThat(this.model.requests().get(1).messages().subList(2, 4)).containsExactly(
				ChatMessage.tool("call_bj", "Tool get_weather is unavailable; answer without it."),
				ChatMessage.tool("call_sh", "多云, 22°C"));
	}

	@Test
	void webSearchSignalShouldPassThroughAsAnAnswerNotRunAsATool() {
		this.model.reply(Fixtures.resource("seed002-web-search-stream.txt"));
		List<ChatChunk> emitted = template().stream(question()).collectList().block();

		assertThat(emitted).isEqualTo(Fixtures.chunksOf("seed002-web-search-stream.txt"));
		assertThat(this.model.requests()).hasSize(1);
	}

	@Test
	void streamThatOnlySignalsAWebSearchShouldFailNamingTheTool() {
		String signalOnly = String.join("\n",
				Fixtures.resource("seed002-web-search-stream.txt")
					.lines()
					.filter((line) -> line.startsWith("data:"))
					.limit(2)
					.toList());
		this.model.reply(signalOnly);
		StepVerifier.create(template().stream(question()))
			.verifyErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(ToolCallingException.class)
				.hasMessageContaining("'web_search'"));
	}

	@Test
	void streamThatKeepsAskingForToolsShouldFailAfterMaxRounds() {
		this.model.reply(TOOL_ROUND).reply(TOOL_ROUND);
		ToolCallingChatTemplate template = ToolCallingChatTemplate.builder(this.model)
			.tool(SampleRequests.weatherTool(), (call) -> "晴")
			.maxRounds(2)
			.build();
		StepVerifier.create(template.stream(question()))
			.expectNextMatches((chunk) -> chunk.content().equals("让我查一下。"))
			.expectNextMatches((chunk) -> chunk.content().equals("让我查一下。"))
			.verifyErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(ToolCallingException.class)
				.hasMessageContaining("after 2 rounds"));
	}

	@Test
	void streamedAnswerWithoutToolsShouldPassEveryChunkOnUnchanged() {
		this.model.reply(ANSWER_ROUND);
		assertThat(template().stream(question()).collectList().block()).isEqualTo(Fixtures.chunks(ANSWER_ROUND));
	}

	@Test
	void aggregatingTheToolLoopStreamShouldGiveTheAnswer() {
		this.model.reply(TOOL_ROUND).reply(ANSWER_ROUND);
		StepVerifier.create(template().stream(question()).as(ChatResponses::aggregate))
			.assertNext((response) -> assertThat(response.content()).endsWith("上海多云。"))
			.verifyComplete();
	}

	private static String withoutUsage(String round) {
		return round.lines().filter((line) -> !line.contains("\"usage\"")).collect(Collectors.joining("\n"));
	}

	private static ChatResponse aggregate(List<ChatChunk> chunks) {
		return ChunkAggregation.aggregate(chunks);
	}

}
