package io.github.chatstarter.tool;

import io.github.chatstarter.ToolCallingChatTemplate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.chatstarter.model.ChatMessage;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.model.ChatResponse;
import io.github.chatstarter.model.Fixtures;
import io.github.chatstarter.model.FunctionCall;
import io.github.chatstarter.model.FunctionCallChoice;
import io.github.chatstarter.model.OpenAiRequestSchema;
import io.github.chatstarter.model.SampleRequests;
import io.github.chatstarter.model.Tool;
import io.github.chatstarter.model.ToolCall;
import io.github.chatstarter.model.ToolChoice;
import io.github.chatstarter.model.Usage;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ToolCallingChatTemplateTests {

	private static final String FINAL_ANSWER = """
			{"id":"final","object":"chat.completion","created":2,"model":"gpt-4o",
			 "choices":[{"index":0,"message":{"role":"assistant","content":"北京晴,上海多云。"},"finish_reason":"stop"}],
			 "usage":{"prompt_tokens":120,"completion_tokens":12,"total_tokens":132}}
			""";

	private static final String WEATHER_CALL = """
			{"id":"c1","choices":[{"index":0,"message":{"role":"assistant","content":null,
			  "tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"北京\\"}"}}]},
			  "finish_reason":"tool_calls"}]}
			""";

	private final ScriptedChatTemplate model = new ScriptedChatTemplate();

	private final List<ToolInvocation> invocations = new CopyOnWriteArrayList<>();

	private ToolCalling.Builder<ToolCallingChatTemplate> weatherTemplate() {
		return ToolCallingChatTemplate.builder(this.model).tool(SampleRequests.weatherTool(), (call) -> {
			this.invocations.add(call);
			String city = (String) call.argumentsAsMap().get("city");
			return city.equals("北京") ? "晴, 25°C" : "多云, 22°C";
		});
	}

	/** A template whose handler always fails. */
	private ToolCalling.Builder<ToolCallingChatTemplate> failingTemplate() {
		return ToolCallingChatTemplate.builder(this.model).tool(SampleRequests.weatherTool(), (call) -> {
			throw new IllegalStateException("weather service down");
		});
	}

	private static ChatRequest question() {
		return ChatRequest.of("gpt-4o", ChatMessage.user("北京和上海天气如何?"));
	}

	@Test
	void chatShouldRunTheRequestedToolsAndSendTheirResultsBackUntilTheAnswer() {
		this.model.reply(Fixtures.resource("tool-calls-reply.json")).reply(FINAL_ANSWER);
		ChatResponse response = weatherTemplate().build().chat(question()).block();

		assertThat(response.content()).isEqualTo("北京晴,上海多云。");
		// Handlers run concurrently, so they may start in any order; their results go
		// back in the order asked.
		assertThat(this.invocations).extracting(ToolInvocation::id)
			.containsExactlyInAnyOrder("call_weather_bj", "call_weather_sh");
		List<ChatRequest> sent = this.model.requests();
		assertThat(sent).hasSize(2);
		assertThat(sent.get(0).tools()).containsExactly(SampleRequests.weatherTool());
		List<ChatMessage> followUp = sent.get(1).messages();
		assertThat(followUp).extracting(ChatMessage::role).containsExactly("user", "assistant", "tool", "tool");
		assertThat(followUp.get(1).toolCalls()).extracting(ToolCall::id)
			.containsExactly("call_weather_bj", "call_weather_sh");
		assertThat(followUp.get(1).toolCalls().get(1).extra()).containsKey("extra_content");
		assertThat(followUp.get(2)).isEqualTo(ChatMessage.tool("call_weather_bj", "晴, 25°C"));
		assertThat(followUp.get(3)).isEqualTo(ChatMessage.tool("call_weather_sh", "多云, 22°C"));
		assertThat(sent).allSatisfy((request) -> assertThat(OpenAiRequestSchema.validate(request)).isEmpty());
	}

	@Test
	void chatShouldReportTheUsageOfEveryRoundAddedUp() {
		String callWithUsage = WEATHER_CALL.replace("\"finish_reason\":\"tool_calls\"}]", """
				"finish_reason":"tool_calls"}],
				 "usage":{"prompt_tokens":80,"completion_tokens":30,"total_tokens":110,
				  "prompt_tokens_details":{"cached_tokens":64},"completion_tokens_details":{"reasoning_tokens":20},
				  "prompt_cache_hit_tokens":64}""");
		String answerWithUsage = FINAL_ANSWER.replace("\"total_tokens\":132}", """
				"total_tokens":132,
				 "prompt_tokens_details":{"cached_tokens":96},"completion_tokens_details":{"reasoning_tokens":5},
				 "prompt_cache_hit_tokens":96}""");
		this.model.reply(callWithUsage).reply(answerWithUsage);
		ChatResponse response = weatherTemplate().build().chat(question()).block();

		assertThat(response.usage()).isEqualTo(Usage.of(200, 42));
		assertThat(response.usage().cachedTokens()).isEqualTo(160);
		assertThat(response.usage().reasoningTokens()).isEqualTo(25);
		assertThat(response.usage().extra()).containsEntry("prompt_cache_hit_tokens", 160);
		assertThat(response.id()).isEqualTo("final");
		assertThat(response.content()).isEqualTo("北京晴,上海多云。");
	}

	@Test
	void chatShouldAddUpTheRoundsThatReportedUsage() {
		this.model.reply(Fixtures.resource("tool-calls-reply.json"))
			.reply(FINAL_ANSWER.replace("\"usage\"", "\"x_usage\""));
		assertThat(weatherTemplate().build().chat(question()).block().usage()).isEqualTo(Usage.of(82, 40));
		this.model.reply(WEATHER_CALL).reply(FINAL_ANSWER);
		assertThat(weatherTemplate().build().chat(question()).block().usage()).isEqualTo(Usage.of(120, 12));
		this.model.reply(WEATHER_CALL).reply(FINAL_ANSWER.replace("\"usage\"", "\"x_usage\""));
		assertThat(weatherTemplate().build().chat(question()).block().usage()).isNull();
	}

	@Test
	void resultsShouldGoBackInTheOrderTheModelAskedWhenHandlersFinishOutOfOrder() {
		this.model.reply(Fixtures.resource("tool-calls-reply.json")).reply(FINAL_ANSWER);
		ToolCallingChatTemplate template = ToolCallingChatTemplate.builder(this.model)
			.reactiveTool(SampleRequests.weatherTool(),
					(call) -> call.arguments().contains("北京") ? Mono.just("slow").delayElement(Duration.ofMillis(100))
							: Mono.just("fast"))
			.build();
		template.chat(question()).block();
		assertThat(this.model.requests().get(1).messages()).extracting(ChatMessage::content).endsWith("slow", "fast");
	}

	@Test
	void toolsTheRequestDeclaresItselfShouldBeKeptAndRunByName() {
		this.model.reply(WEATHER_CALL).reply(FINAL_ANSWER);
		Tool declared = Tool.function("get_weather", "declared by the request", SampleRequests.weatherParameters());
		ToolCallingChatTemplate template = ToolCallingChatTemplate.builder(this.model)
			.handler("get_weather", (call) -> "晴")
			.build();
		template.chat(question().mutate().tool(declared).build()).block();
		assertThat(this.model.requests().get(0).tools()).containsExactly(declared);
		assertThat(this.model.requests().get(1).messages().get(2).content()).isEqualTo("晴");
	}

	@Test
	void unknownToolShouldFailWithAnErrorNamingIt() {
		this.model.reply(WEATHER_CALL.replace("get_weather", "get_stock_price"));
		StepVerifier.create(weatherTemplate().build().chat(question()))
			.verifyErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(ToolCallingException.class)
				.hasMessageContaining("'get_stock_price'")
				.hasMessageContaining("get_weather")
				.extracting((e) -> ((ToolCallingException) e).getToolName())
				.isEqualTo("get_stock_price"));
	}

	@Test
	void failingHandlerShouldFailWithAnErrorNamingTheToolAndKeepingTheCause() {
		this.model.reply(WEATHER_CALL);
		ToolCallingChatTemplate template = failingTemplate().build();
		StepVerifier.create(template.chat(question()))
			.verifyErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(ToolCallingException.class)
				.hasMessageContaining("'get_weather' failed")
				.hasMessageContaining("weather service down")
				.hasCauseInstanceOf(IllegalStateException.class));
		assertThat(this.model.requests()).hasSize(1);
	}

	@Test
	void failingHandlerWithAnErrorHandlerShouldSendItsTextBackAsTheResultOfThatCall() {
		this.model.reply(Fixtures.resource("tool-calls-reply.json")).reply(FINAL_ANSWER);
		List<Throwable> errors = new CopyOnWriteArrayList<>();
		ToolCallingChatTemplate template = ToolCallingChatTemplate.builder(this.model)
			.tool(SampleRequests.weatherTool(), (call) -> {
				if (call.arguments().contains("北京")) {
					throw new IllegalStateException("weather service at 10.0.0.7 down");
				}
				return "多云, 22°C";
			})
			.toolErrorHandler((call, error) -> {
				errors.add(error);
				return "Tool " + call.name() + " is unavailable; answer without it.";
			})
			.build();
		ChatResponse response = template.chat(question()).block();

		assertThat(response.content()).isEqualTo("北京晴,上海多云。");
		assertThat(errors).singleElement().isInstanceOf(IllegalStateException.class);
		assertThat(this.model.requests().get(1).messages().subList(2, 4)).containsExactly(
				ChatMessage.tool("call_weather_bj", "Tool get_weather is unavailable; answer without it."),
				ChatMessage.tool("call_weather_sh", "多云, 22°C"));
		assertThat(this.model.requests().get(1).messages())
			.noneSatisfy((message) -> assertThat(String.valueOf(message.content())).contains("10.0.0.7"));
	}

	@Test
	void errorHandlerShouldGetTheErrorsOfReactiveHandlersAndOfArgumentsThatAreNotJson() {
		String badArguments = WEATHER_CALL.replace("{\\\"city\\\":\\\"北京\\\"}", "city=北京");
		this.model.reply(WEATHER_CALL).reply(FINAL_ANSWER).reply(badArguments).reply(FINAL_ANSWER);
		ToolErrorHandler errorHandler = (call, error) -> error.getClass().getSimpleName();
		ToolCallingChatTemplate reactive = ToolCallingChatTemplate.builder(this.model)
			.reactiveTool(SampleRequests.weatherTool(), (call) -> Mono.error(new IllegalStateException("down")))
			.toolErrorHandler(errorHandler)
			.build();
		reactive.chat(question()).block();
		weatherTemplate().toolErrorHandler(errorHandler).build().chat(question()).block();

		assertThat(this.model.requests().get(1).messages().get(2))
			.isEqualTo(ChatMessage.tool("call_1", "IllegalStateException"));
		assertThat(this.model.requests().get(3).messages().get(2))
			.isEqualTo(ChatMessage.tool("call_1", "ToolCallingException"));
	}

	@Test
	void errorHandlerThatThrowsShouldEndTheExchangeKeepingBothErrors() {
		this.model.reply(WEATHER_CALL);
		ToolCallingChatTemplate template = failingTemplate().toolErrorHandler((call, error) -> {
			throw new UnsupportedOperationException("not recoverable");
		}).build();
		StepVerifier.create(template.chat(question()))
			.verifyErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(ToolCallingException.class)
				.hasMessageContaining("'get_weather' failed")
				.hasMessageContaining("not recoverable")
				.cause()
				.isInstanceOf(UnsupportedOperationException.class)
				.satisfies((cause) -> assertThat(cause.getSuppressed()).singleElement()
					.isInstanceOf(IllegalStateException.class)));
		assertThat(this.model.requests()).hasSize(1);
	}

	@Test
	void errorHandlerShouldNotApplyToUnknownToolsOrHandlersWithoutResult() {
		ToolErrorHandler errorHandler = (call, error) -> "recovered";
		this.model.reply(WEATHER_CALL.replace("get_weather", "get_stock_price")).reply(WEATHER_CALL);
		StepVerifier.create(weatherTemplate().toolErrorHandler(errorHandler).build().chat(question()))
			.verifyErrorSatisfies((ex) -> assertThat(ex).hasMessageContaining("'get_stock_price'"));
		ToolCallingChatTemplate noResult = ToolCallingChatTemplate.builder(this.model)
			.tool(SampleRequests.weatherTool(), (call) -> null)
			.toolErrorHandler(errorHandler)
			.build();
		StepVerifier.create(noResult.chat(question()))
			.verifyErrorSatisfies((ex) -> assertThat(ex).hasMessageContaining("'get_weather' gave no result"));
		assertThat(this.model.requests()).hasSize(2);
	}

	@Test
	void errorHandlerWithoutResultShouldEndTheExchangeKeepingTheHandlersError() {
		this.model.reply(WEATHER_CALL);
		ToolCallingChatTemplate template = failingTemplate().toolErrorHandler((call, error) -> null).build();
		StepVerifier.create(template.chat(question()))
			.verifyErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(ToolCallingException.class)
				.hasMessageContaining("error handler gave no result")
				.hasMessageContaining("'get_weather'")
				.hasCauseInstanceOf(IllegalStateException.class));
	}

	@Test
	void handlerWithoutResultShouldFailWithAnErrorNamingTheTool() {
		this.model.reply(WEATHER_CALL);
		ToolCallingChatTemplate template = ToolCallingChatTemplate.builder(this.model)
			.tool(SampleRequests.weatherTool(), (call) -> null)
			.build();
		StepVerifier.create(template.chat(question()))
			.verifyErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(ToolCallingException.class)
				.hasMessageContaining("'get_weather' gave no result"));
	}

	@Test
	void argumentsThatAreNotJsonShouldFailWithAnErrorNamingTheTool() {
		this.model.reply(WEATHER_CALL.replace("{\\\"city\\\":\\\"北京\\\"}", "city=北京"));
		StepVerifier.create(weatherTemplate().build().chat(question()))
			.verifyErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(ToolCallingException.class)
				.hasMessageContaining("'get_weather'")
				.hasMessageContaining("not a JSON object"));
	}

	@Test
	void modelThatKeepsAskingForToolsShouldFailAfterMaxRounds() {
		this.model.reply(WEATHER_CALL).reply(WEATHER_CALL).reply(WEATHER_CALL);
		StepVerifier.create(weatherTemplate().maxRounds(2).build().chat(question()))
			.verifyErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(ToolCallingException.class)
				.hasMessageContaining("after 2 rounds")
				.hasMessageContaining("get_weather"));
		assertThat(this.model.requests()).hasSize(2);
		assertThat(this.invocations).hasSize(1);
	}

	@Test
	void forcedToolChoiceShouldApplyToTheFirstCallOnly() {
		this.model.reply(WEATHER_CALL).reply(FINAL_ANSWER);
		weatherTemplate().build()
			.chat(question().mutate().toolChoice(ToolChoice.function("get_weather")).build())
			.block();
		assertThat(this.model.requests().get(0).toolChoice()).isEqualTo(ToolChoice.function("get_weather"));
		assertThat(this.model.requests().get(1).toolChoice()).isNull();
	}

	@Test
	void reasoningContentShouldGoBackInToolLoopsUnlessSwitchedOff() {
		String reasoningCall = WEATHER_CALL.replace("\"content\":null",
				"\"content\":null,\"reasoning_content\":\"需要查天气\"");
		this.model.reply(reasoningCall).reply(FINAL_ANSWER).reply(reasoningCall).reply(FINAL_ANSWER);
		weatherTemplate().build().chat(question()).block();
		weatherTemplate().keepReasoningContent(false).build().chat(question()).block();
		assertThat(this.model.requests().get(1).messages().get(1).reasoningContent()).isEqualTo("需要查天气");
		assertThat(this.model.requests().get(3).messages().get(1).reasoningContent()).isNull();
		assertThat(OpenAiRequestSchema.validate(this.model.requests().get(1))).isEmpty();
	}

	@Test
	void callsWithoutIdShouldGetOneThatTheirResultsName() {
		this.model.reply(WEATHER_CALL.replace("\"id\":\"call_1\",", "")).reply(FINAL_ANSWER);
		weatherTemplate().build().chat(question()).block();
		List<ChatMessage> followUp = this.model.requests().get(1).messages();
		String id = followUp.get(1).toolCalls().get(0).id();
		assertThat(id).isNotBlank();
		assertThat(followUp.get(2).toolCallId()).isEqualTo(id);
	}

	@Test
	void legacyFunctionCallShouldBeAnsweredWithAFunctionMessage() {
		this.model
			.reply("""
					{"id":"l","choices":[{"index":0,"message":{"role":"assistant","content":null,
					  "function_call":{"name":"get_weather","arguments":"{\\"city\\":\\"北京\\"}"}},"finish_reason":"function_call"}]}
					""")
			.reply(FINAL_ANSWER);
		ChatRequest request = question().mutate().functionCall(FunctionCallChoice.function("get_weather")).build();
		ChatResponse response = weatherTemplate().legacyFunctions(true).build().chat(request).block();

		assertThat(response.content()).isEqualTo("北京晴,上海多云。");
		ChatRequest first = this.model.requests().get(0);
		assertThat(first.tools()).isEmpty();
		assertThat(first.functions()).extracting((function) -> function.name()).containsExactly("get_weather");
		ChatRequest second = this.model.requests().get(1);
		assertThat(second.functionCall()).isNull();
		assertThat(second.messages().get(1).functionCall())
			.isEqualTo(FunctionCall.of("get_weather", "{\"city\":\"北京\"}"));
		assertThat(second.messages().get(2)).isEqualTo(ChatMessage.function("get_weather", "晴, 25°C"));
		assertThat(OpenAiRequestSchema.validate(second)).isEmpty();
	}

	@Test
	void requestForSeveralChoicesShouldBeRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> weatherTemplate().build().chat(question().mutate().n(2).build()))
			.withMessageContaining("n = 2");
	}

	@Test
	void builderShouldRejectMissingHandlersAndBadMaxRounds() {
		assertThatIllegalStateException().isThrownBy(() -> ToolCallingChatTemplate.builder(this.model).build())
			.withMessageContaining("at least one tool handler");
		assertThatIllegalArgumentException().isThrownBy(() -> weatherTemplate().maxRounds(0))
			.withMessageContaining("maxRounds");
	}

	@Test
	void finalAnswerShouldNotCallAnyTool() {
		this.model.reply(FINAL_ANSWER);
		assertThat(weatherTemplate().build().chat(question()).block().content()).isEqualTo("北京晴,上海多云。");
		assertThat(this.invocations).isEmpty();
		assertThat(this.model.requests().get(0).messages()).hasSize(1);
	}

	@Test
	void argumentsShouldBeReadableAsTextAndAsMap() {
		ToolInvocation invocation = new ToolInvocation("c", "f", "{\"a\":1,\"b\":[true]}");
		assertThat(invocation.arguments()).isEqualTo("{\"a\":1,\"b\":[true]}");
		assertThat(invocation.argumentsAsMap()).isEqualTo(Map.of("a", 1, "b", List.of(true)));
		assertThat(new ToolInvocation("c", "f", "").argumentsAsMap()).isEmpty();
	}

}
