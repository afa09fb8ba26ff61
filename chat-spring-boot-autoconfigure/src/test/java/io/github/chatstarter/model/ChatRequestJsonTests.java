package io.github.chatstarter.model;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.github.chatstarter.model.Fixtures.MAPPER;
import static io.github.chatstarter.model.Fixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ChatRequestJsonTests {

	@Test
	void requestWithEveryFieldShouldWriteSnakeCaseJsonWithVendorFieldsAtTopLevel() {
		JsonNode json = tree(SampleRequests.everyField());
		JsonNode expected = MAPPER.readTree("""
				{
				  "model": "gpt-4o",
				  "messages": [
				    {"role": "developer", "content": "Answer briefly."},
				    {"role": "system", "content": "你叫小芸"},
				    {"role": "user", "name": "alice", "content": "Weather in 北京?"}
				  ],
				  "temperature": 0.5,
				  "top_p": 1.0,
				  "n": 2,
				  "stream": true,
				  "stop": ["\\n\\n", "END"],
				  "max_tokens": 1000,
				  "max_completion_tokens": 900,
				  "presence_penalty": 0.0,
				  "frequency_penalty": -0.5,
				  "logit_bias": {"50256": -100},
				  "user": "user-1234",
				  "seed": 42,
				  "response_format": {
				    "type": "json_schema",
				    "json_schema": {
				      "name": "answer",
				      "schema": {"type": "object", "properties": {"answer": {"type": "string"}}, "default": null},
				      "strict": true
				    }
				  },
				  "tools": [
				    {"type": "function", "function": {"name": "get_weather", "description": "Current weather of a city",
				      "parameters": {"type": "object",
				        "properties": {"city": {"type": "string", "description": "City name, e.g. 北京"}},
				        "required": ["city"], "additionalProperties": false}}},
				    {"type": "function", "function": {"name": "get_time", "strict": false}}
				  ],
				  "tool_choice": {"type": "function", "function": {"name": "get_weather"}},
				  "parallel_tool_calls": false,
				  "stream_options": {"include_usage": true},
				  "reasoning_effort": "low",
				  "online": true,
				  "enable_search": false
				}
				""");
		assertThat(json).isEqualTo(expected);
	}

	@Test
	void requestShouldLeaveUnsetFieldsOut() {
		JsonNode json = tree(ChatRequest.of("gpt-4o", ChatMessage.user("Hi")));
		assertThat(json.propertyNames()).containsExactlyInAnyOrder("model", "messages");
		assertThat(json.get("messages").get(0).propertyNames()).containsExactlyInAnyOrder("role", "content");
	}

	@Test
	void requestWithoutModelShouldLeaveModelOutForTheProviderDefault() {
		JsonNode json = tree(ChatRequest.ofUserMessage("Hi"));
		assertThat(json.has("model")).isFalse();
		assertThat(json.toString()).doesNotContain("null");
	}

	@Test
	void ofWithModelShouldSendTheModelAndEveryMessageInOrder() {
		JsonNode json = tree(ChatRequest.of("ernie-bot", ChatMessage.system("Be brief"), ChatMessage.user("Hi"),
				ChatMessage.assistant("Hello"), ChatMessage.user("Bye")));
		assertThat(json.get("model").asString()).isEqualTo("ernie-bot");
		assertThat(json.get("messages").size()).isEqualTo(4);
		assertThat(json.get("messages").get(3).get("content").asString()).isEqualTo("Bye");
	}

	@Test
	void builderWhenGivenPrimitiveNumbersShouldSendThemAsTheirJsonTypes() {
		ChatRequest request = ChatRequest.builder()
			.message(ChatMessage.user("Hi"))
			.temperature(1)
			.topP(0.9)
			.n(2)
			.maxTokens(100)
			.maxCompletionTokens(200)
			.presencePenalty(1)
			.frequencyPenalty(-1)
			.seed(42)
			.parallelToolCalls(false)
			.build();
		JsonNode json = tree(request);
		assertThat(json.get("temperature").isDouble()).isTrue();
		assertThat(json.get("temperature").asDouble()).isEqualTo(1.0);
		assertThat(json.get("top_p").asDouble()).isEqualTo(0.9);
		assertThat(json.get("n").asInt()).isEqualTo(2);
		assertThat(json.get("max_tokens").asInt()).isEqualTo(100);
		assertThat(json.get("max_completion_tokens").asInt()).isEqualTo(200);
		assertThat(json.get("presence_penalty").asDouble()).isEqualTo(1.0);
		assertThat(json.get("frequency_penalty").asDouble()).isEqualTo(-1.0);
		assertThat(json.get("seed").asLong()).isEqualTo(42L);
		assertThat(json.get("parallel_tool_calls").asBoolean()).isFalse();
	}

	@Test
	void builderWhenGivenNullShouldLeaveANumberOut() {
		ChatRequest request = ChatRequest.builder()
			.message(ChatMessage.user("Hi"))
			.temperature(1)
			.temperature(null)
			.build();
		assertThat(tree(request).has("temperature")).isFalse();
	}

	@Test
	void singleStopSequenceShouldBeSentAsAString() {
		JsonNode json = tree(SampleRequests.singleStopAndJsonObject());
		assertThat(json.get("stop").isString()).isTrue();
		assertThat(json.get("stop").asString()).isEqualTo("。");
		assertThat(json.get("response_format")).isEqualTo(MAPPER.readTree("{\"type\":\"json_object\"}"));
		assertThat(json.get("tool_choice").asString()).isEqualTo("none");
	}

	@Test
	void toolChoiceModesShouldBeSentAsStrings() {
		assertThat(tree(SampleRequests.textFormatAndRequiredTool()).get("tool_choice").asString())
			.isEqualTo("required");
		assertThat(tree(SampleRequests.autoToolChoice()).get("tool_choice").asString()).isEqualTo("auto");
		assertThat(tree(SampleRequests.textFormatAndRequiredTool()).get("response_format"))
			.isEqualTo(MAPPER.readTree("{\"type\":\"text\"}"));
	}

	@Test
	void toolConversationShouldSendCallsWithoutIndexAndResultsWithTheirCallIds() {
		JsonNode messages = tree(SampleRequests.toolConversation()).get("messages");
		assertThat(messages.get(1)).isEqualTo(MAPPER.readTree(
				"""
						{"role": "assistant", "content": "Let me look that up.",
						 "reasoning_content": "The user wants the weather; call get_weather twice.",
						 "tool_calls": [
						   {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": "{\\"city\\":\\"北京\\"}"}},
						   {"id": "call_2", "type": "function", "function": {"name": "get_weather", "arguments": "{\\"city\\":\\"上海\\"}"}}
						 ]}
						"""));
		assertThat(messages.get(2))
			.isEqualTo(MAPPER.readTree("{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"晴, 25°C\"}"));
	}

	@Test
	void legacyFunctionsShouldWriteFunctionsFunctionCallAndFunctionMessages() {
		JsonNode json = tree(SampleRequests.legacyFunctions());
		assertThat(json.get("function_call")).isEqualTo(MAPPER.readTree("{\"name\":\"get_weather\"}"));
		assertThat(json.get("functions").get(0).get("name").asString()).isEqualTo("get_weather");
		assertThat(json.get("functions").get(0).has("strict")).isFalse();
		assertThat(json.get("messages").get(1)).isEqualTo(MAPPER.readTree(
				"{\"role\":\"assistant\",\"function_call\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"北京\\\"}\"}}"));
		assertThat(json.get("messages").get(2))
			.isEqualTo(MAPPER.readTree("{\"role\":\"function\",\"name\":\"get_weather\",\"content\":\"晴, 25°C\"}"));
		assertThat(tree(SampleRequests.legacyFunctionCallModes()).get("function_call").asString()).isEqualTo("auto");
	}

	@Test
	void multimodalUserMessageShouldWriteTextAndImageParts() {
		JsonNode message = tree(SampleRequests.multimodal()).get("messages").get(0);
		assertThat(message).isEqualTo(MAPPER.readTree("""
				{"role": "user", "content": [
				  {"type": "text", "text": "What is in these images?"},
				  {"type": "image_url", "image_url": {"url": "https://example.com/cat.png"}},
				  {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo=", "detail": "low"}}
				]}
				"""));
	}

	@Test
	void everySampleRequestShouldReadBackEqual() {
		SampleRequests.all().forEach((name, request) -> {
			ChatRequest read = MAPPER.readValue(MAPPER.writeValueAsString(request), ChatRequest.class);
			assertThat(read).as(name).isEqualTo(request);
			assertThat(tree(read)).as(name).isEqualTo(tree(request));
		});
	}

	@Test
	void multimodalMessageShouldExposeItsTextAndParts() {
		ChatMessage message = SampleRequests.multimodal().messages().get(0);
		assertThat(message.isMultimodal()).isTrue();
		assertThat(message.content()).isEqualTo("What is in these images?");
		assertThat(message.contentParts()).extracting(ContentPart::type)
			.containsExactly("text", "image_url", "image_url");
		assertThat(message.contentParts().get(2).imageUrl().detail()).isEqualTo("low");
	}

	@Test
	void stopShouldReadBackAsAListWhateverItsJsonShape() {
		assertThat(SampleRequests.singleStopAndJsonObject().stop()).containsExactly("。");
		assertThat(SampleRequests.everyField().stop()).containsExactly("\n\n", "END");
		assertThat(ChatRequest.ofUserMessage("Hi").stop()).isEmpty();
	}

	@Test
	void extraWithNullValueShouldRemoveTheVendorField() {
		ChatRequest request = SampleRequests.everyField().mutate().extra("online", null).build();
		assertThat(request.extra()).containsOnlyKeys("enable_search");
		assertThat(tree(request).has("online")).isFalse();
	}

	@Test
	void extraFromAMapShouldBeMerged() {
		ChatRequest request = ChatRequest.builder()
			.message(ChatMessage.user("Hi"))
			.extra(Map.of("online", true))
			.extra(Map.of("top_k", 20))
			.build();
		assertThat(tree(request).get("online").asBoolean()).isTrue();
		assertThat(tree(request).get("top_k").asInt()).isEqualTo(20);
	}

	@Test
	void requestWithoutMessagesShouldBeRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> ChatRequest.builder().model("gpt-4o").build())
			.withMessageContaining("at least one message");
	}

	@Test
	void multimodalMessageWithoutPartsShouldBeRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ChatMessage.builder().role(ChatMessage.USER).content(List.<ContentPart>of()))
			.withMessageContaining("content part");
	}

}
