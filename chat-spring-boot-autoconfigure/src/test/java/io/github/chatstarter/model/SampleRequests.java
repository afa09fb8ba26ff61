package io.github.chatstarter.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests that use every feature of the protocol, shared by the JSON tests and the
 * conformance test that validates them against OpenAI's schema.
 */
public final class SampleRequests {

	private SampleRequests() {
	}

	public static Map<String, Object> weatherParameters() {
		Map<String, Object> city = new LinkedHashMap<>();
		city.put("type", "string");
		city.put("description", "City name, e.g. 北京");
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put("type", "object");
		parameters.put("properties", Map.of("city", city));
		parameters.put("required", List.of("city"));
		parameters.put("additionalProperties", false);
		return parameters;
	}

	public static Tool weatherTool() {
		return Tool.function("get_weather", "Current weather of a city", weatherParameters());
	}

	/**
	 * Every scalar field, tools with a named tool choice, JSON-schema output and a vendor
	 * field.
	 */
	public static ChatRequest everyField() {
		Map<String, Object> answerSchema = new LinkedHashMap<>();
		answerSchema.put("type", "object");
		answerSchema.put("properties", Map.of("answer", Map.of("type", "string")));
		answerSchema.put("default", null);
		return ChatRequest.builder()
			.model("gpt-4o")
			.message(ChatMessage.developer("Answer briefly."))
			.message(ChatMessage.system("你叫小芸"))
			.message(ChatMessage.builder().role(ChatMessage.USER).name("alice").content("Weather in 北京?").build())
			.temperature(0.5)
			.topP(1.0)
			.n(2)
			.stream(true)
			.stop("\n\n", "END")
			.maxTokens(1000)
			.maxCompletionTokens(900)
			.presencePenalty(0.0)
			.frequencyPenalty(-0.5)
			.logitBias(Map.of("50256", -100))
			.user("user-1234")
			.seed(42L)
			.responseFormat(ResponseFormat.jsonSchema("answer", answerSchema, true))
			.tool(weatherTool())
			.tool(Tool.function(FunctionDefinition.of("get_time", null, null).withStrict(false)))
			.toolChoice(ToolChoice.function("get_weather"))
			.parallelToolCalls(false)
			.streamOptions(StreamOptions.includeUsage())
			.reasoningEffort("low")
			.extra("online", true)
			.extra("enable_search", false)
			.build();
	}

	public static ChatRequest singleStopAndJsonObject() {
		return ChatRequest.builder()
			.model("gpt-3.5-turbo")
			.message(ChatMessage.user("List three colours as JSON"))
			.stop("。")
			.responseFormat(ResponseFormat.jsonObject())
			.toolChoice(ToolChoice.none())
			.build();
	}

	public static ChatRequest textFormatAndRequiredTool() {
		return ChatRequest.builder()
			.model("gpt-4o")
			.message(ChatMessage.user("Weather?"))
			.responseFormat(ResponseFormat.text())
			.tools(List.of(weatherTool()))
			.toolChoice(ToolChoice.required())
			.build();
	}

	public static ChatRequest autoToolChoice() {
		return ChatRequest.builder()
			.model("gpt-4o")
			.message(ChatMessage.user("Weather?"))
			.tools(List.of(weatherTool()))
			.toolChoice(ToolChoice.auto())
			.parallelToolCalls(true)
			.build();
	}

	/**
	 * A whole tool round trip: the assistant's calls (with reasoning, as DeepSeek wants
	 * it back) and the tool results.
	 */
	public static ChatRequest toolConversation() {
		ChatMessage assistant = ChatMessage.builder()
			.role(ChatMessage.ASSISTANT)
			.content("Let me look that up.")
			.reasoningContent("The user wants the weather; call get_weather twice.")
			.toolCalls(List.of(ToolCall.function("call_1", "get_weather", "{\"city\":\"北京\"}"),
					ToolCall.function("call_2", "get_weather", "{\"city\":\"上海\"}")))
			.build();
		return ChatRequest.builder()
			.model("deepseek-chat")
			.message(ChatMessage.user("Weather in 北京 and 上海?"))
			.message(assistant)
			.message(ChatMessage.tool("call_1", "晴, 25°C"))
			.message(ChatMessage.tool("call_2", "多云, 22°C"))
			.tools(List.of(weatherTool()))
			.build();
	}

	/**
	 * The legacy {@code functions} / {@code function_call} of the aigc2d seed, with a
	 * function result.
	 */
	public static ChatRequest legacyFunctions() {
		return ChatRequest.builder()
			.model("gpt-3.5-turbo-0613")
			.message(ChatMessage.user("Weather in 北京?"))
			.message(ChatMessage.builder()
				.role(ChatMessage.ASSISTANT)
				.functionCall(FunctionCall.of("get_weather", "{\"city\":\"北京\"}"))
				.build())
			.message(ChatMessage.function("get_weather", "晴, 25°C"))
			.functions(List.of(FunctionDefinition.of("get_weather", "Current weather", weatherParameters())))
			.functionCall(FunctionCallChoice.function("get_weather"))
			.build();
	}

	public static ChatRequest legacyFunctionCallModes() {
		return ChatRequest.builder()
			.model("gpt-3.5-turbo-0613")
			.message(ChatMessage.user("Hi"))
			.functions(List.of(FunctionDefinition.of("get_weather", null, weatherParameters())))
			.functionCall(FunctionCallChoice.auto())
			.build();
	}

	public static ChatRequest multimodal() {
		return ChatRequest.builder()
			.model("gpt-4o")
			.message(ChatMessage.user(ContentPart.text("What is in these images?"),
					ContentPart.imageUrl("https://example.com/cat.png"),
					ContentPart.imageUrl("data:image/png;base64,iVBORw0KGgo=", "low")))
			.maxTokens(300)
			.build();
	}

	public static Map<String, ChatRequest> all() {
		Map<String, ChatRequest> all = new LinkedHashMap<>();
		all.put("everyField", everyField());
		all.put("singleStopAndJsonObject", singleStopAndJsonObject());
		all.put("textFormatAndRequiredTool", textFormatAndRequiredTool());
		all.put("autoToolChoice", autoToolChoice());
		all.put("toolConversation", toolConversation());
		all.put("legacyFunctions", legacyFunctions());
		all.put("legacyFunctionCallModes", legacyFunctionCallModes());
		all.put("multimodal", multimodal());
		return all;
	}

}
