package io.github.chatstarter.model;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static io.github.chatstarter.model.Fixtures.chunks;
import static io.github.chatstarter.model.Fixtures.chunksOf;
import static io.github.chatstarter.model.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ChatChunkAccumulatorTests {

	private static ChatResponse aggregate(String eventStream) {
		return Aggregated.of(chunks(eventStream));
	}

	@Test
	void seed002WebSearchStreamShouldAggregateToTheAnswerNotTheSearchCall() {
		ChatResponse response = Aggregated.of(chunksOf("seed002-web-search-stream.txt"));
		assertThat(response.content()).isEqualTo("你好你好,有什么可以帮到你的吗?");
		assertThat(response.message().role()).isEqualTo(ChatMessage.ASSISTANT);
		assertThat(response.message().functionCall()).isNull();
		assertThat(response.toolCalls()).isEmpty();
		assertThat(response.finishReason()).isEqualTo(FinishReasons.STOP);
		assertThat(response.id()).isEqualTo("chatcmpl-7yxhZA4JM55jxZ2Hi2hW0pEF6SrFX");
		assertThat(response.model()).isEqualTo("gpt-3.5-turbo-0613");
		assertThat(response.created()).isEqualTo(1694763529L);
		assertThat(response.systemFingerprint()).isEqualTo("fp_eeff13170a");
		assertThat(response.object()).isEqualTo("chat.completion");
	}

	@Test
	void webSearchSignalWithoutAnAnswerShouldStayAFunctionCall() {
		List<ChatChunk> signalOnly = chunksOf("seed002-web-search-stream.txt").subList(0, 2);
		ChatResponse response = Aggregated.of(signalOnly);
		assertThat(response.message().functionCall()).isEqualTo(FunctionCall.of("web_search", ""));
		assertThat(response.finishReason()).isEqualTo(FinishReasons.FUNCTION_CALL);
	}

	@Test
	void streamShouldAggregateToWhatTheNonStreamedReplyHolds() {
		ChatResponse reply = read(Fixtures.resource("seed000-reply.json"), ChatResponse.class);
		ChatResponse aggregated = aggregate(
				"""
						data: {"id":"chatcmpl-8eD4KviOzJPZxTFF8Pze9PYvoaSaN","object":"chat.completion.chunk","created":1704594048,"model":"gpt-3.5-turbo-0613","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}
						data: {"id":"chatcmpl-8eD4KviOzJPZxTFF8Pze9PYvoaSaN","object":"chat.completion.chunk","created":1704594048,"model":"gpt-3.5-turbo-0613","choices":[{"index":0,"delta":{"content":"你上面问的问题是:"},"finish_reason":null}]}
						data: {"id":"chatcmpl-8eD4KviOzJPZxTFF8Pze9PYvoaSaN","object":"chat.completion.chunk","created":1704594048,"model":"gpt-3.5-turbo-0613","choices":[{"index":0,"delta":{"content":"简单说一下你会做什么?"},"finish_reason":null}]}
						data: {"id":"chatcmpl-8eD4KviOzJPZxTFF8Pze9PYvoaSaN","object":"chat.completion.chunk","created":1704594048,"model":"gpt-3.5-turbo-0613","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}
						data: {"id":"chatcmpl-8eD4KviOzJPZxTFF8Pze9PYvoaSaN","object":"chat.completion.chunk","created":1704594048,"model":"gpt-3.5-turbo-0613","choices":[],"usage":{"prompt_tokens":406,"completion_tokens":21,"total_tokens":427}}
						data: [DONE]
						""");
		assertThat(aggregated).isEqualTo(reply);
	}

	@Test
	void usageShouldComeFromTheLastChunkThatHasIt() {
		ChatResponse response = aggregate(
				"""
						data: {"id":"u","choices":[{"index":0,"delta":{"role":"assistant","content":"a"}}],"usage":null}
						data: {"id":"u","choices":[{"index":0,"delta":{"content":"b"}}],"usage":{"prompt_tokens":5,"completion_tokens":1,"total_tokens":6}}
						data: {"id":"u","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}
						""");
		assertThat(response.content()).isEqualTo("ab");
		assertThat(response.usage()).isEqualTo(Usage.of(5, 2));
	}

	@Test
	void emptyDeltaAfterTheFinishReasonShouldNotEraseIt() {
		ChatResponse response = aggregate(
				"""
						data: {"id":"e","choices":[{"index":0,"delta":{"role":"assistant","content":"done"},"finish_reason":"length"}]}
						data: {"id":"e","choices":[{"index":0,"delta":{"content":""},"finish_reason":null}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}
						""");
		assertThat(response.content()).isEqualTo("done");
		assertThat(response.finishReason()).isEqualTo(FinishReasons.LENGTH);
		assertThat(response.usage().totalTokens()).isEqualTo(2);
	}

	@Test
	void reasoningShouldBeAggregatedApartFromTheAnswer() {
		ChatResponse response = aggregate(
				"""
						data: {"id":"r","model":"deepseek-reasoner","choices":[{"index":0,"delta":{"role":"assistant","content":null,"reasoning_content":""}}]}
						data: {"id":"r","choices":[{"index":0,"delta":{"content":null,"reasoning_content":"9.11 < 9.8"}}]}
						data: {"id":"r","choices":[{"index":0,"delta":{"content":null,"reasoning_content":",因为 0.11 < 0.8。"}}]}
						data: {"id":"r","choices":[{"index":0,"delta":{"content":"9.8 更大","reasoning_content":null}}]}
						data: {"id":"r","choices":[{"index":0,"delta":{"content":"。"},"finish_reason":"stop"}],"usage":{"prompt_tokens":15,"completion_tokens":40,"total_tokens":55,"completion_tokens_details":{"reasoning_tokens":30}}}
						""");
		assertThat(response.reasoningContent()).isEqualTo("9.11 < 9.8,因为 0.11 < 0.8。");
		assertThat(response.content()).isEqualTo("9.8 更大。");
		assertThat(response.usage().reasoningTokens()).isEqualTo(30);
	}

	@Test
	void refusalShouldBeAggregatedApartFromTheAnswer() {
		ChatResponse response = aggregate("""
				data: {"id":"f","choices":[{"index":0,"delta":{"role":"assistant","content":null,"refusal":""}}]}
				data: {"id":"f","choices":[{"index":0,"delta":{"refusal":"I can't "}}]}
				data: {"id":"f","choices":[{"index":0,"delta":{"refusal":"help with that."}}]}
				data: {"id":"f","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}
				""");
		assertThat(response.message().refusal()).isEqualTo("I can't help with that.");
		assertThat(response.message().content()).isNull();
	}

	@Test
	void everyChoiceShouldBeAggregatedWithItsOwnFinishReasonWhenNIsAboveOne() {
		ChatResponse response = aggregate(
				"""
						data: {"id":"n","choices":[{"index":0,"delta":{"role":"assistant","content":"红"}},{"index":1,"delta":{"role":"assistant","content":"蓝"}}]}
						data: {"id":"n","choices":[{"index":1,"delta":{"content":"天"},"finish_reason":"stop"}]}
						data: {"id":"n","choices":[{"index":2,"delta":{"role":"assistant","content":"绿"},"finish_reason":"length"}]}
						data: {"id":"n","choices":[{"index":0,"delta":{"content":"日"}}]}
						data: {"id":"n","choices":[{"index":0,"delta":{},"finish_reason":"content_filter"}]}
						""");
		assertThat(response.choices()).extracting(ChatChoice::index).containsExactly(0, 1, 2);
		assertThat(response.choices()).extracting((choice) -> choice.message().content())
			.containsExactly("红日", "蓝天", "绿");
		assertThat(response.choices()).extracting(ChatChoice::finishReason)
			.containsExactly("content_filter", "stop", "length");
		assertThat(response.isContentFiltered()).isTrue();
	}

	@Test
	void toolCallSplitIntoFragmentsShouldMergeByIndex() {
		ChatResponse response = aggregate(
				"""
						data: {"id":"t","choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_abc","type":"function","function":{"name":"get_weather","arguments":""}}]},"finish_reason":null}]}
						data: {"id":"t","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\\"ci"}}]},"finish_reason":null}]}
						data: {"id":"t","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"ty\\": \\"北"}}]},"finish_reason":null}]}
						data: {"id":"t","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"京\\"}"}}]},"finish_reason":null}]}
						data: {"id":"t","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}
						""");
		assertThat(response.toolCalls())
			.containsExactly(ToolCall.function("call_abc", "get_weather", "{\"city\": \"北京\"}"));
		assertThat(response.finishReason()).isEqualTo(FinishReasons.TOOL_CALLS);
		assertThat(response.message().content()).isNull();
	}

	@Test
	void interleavedToolCallsShouldEachMergeByTheirIndex() {
		ChatResponse response = aggregate(
				"""
						data: {"id":"p","choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"index":0,"id":"call_bj","type":"function","function":{"name":"get_weather","arguments":""}}]}}]}
						data: {"id":"p","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_sh","type":"function","function":{"name":"get_time","arguments":""}}]}}]}
						data: {"id":"p","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\\"city\\":"}}]}}]}
						data: {"id":"p","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"{\\"zone\\":"}}]}}]}
						data: {"id":"p","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"\\"Asia/Shanghai\\"}"}},{"index":0,"function":{"arguments":"\\"北京\\"}"}}]}}]}
						data: {"id":"p","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}
						""");
		assertThat(response.toolCalls()).containsExactly(
				ToolCall.function("call_bj", "get_weather", "{\"city\":\"北京\"}"),
				ToolCall.function("call_sh", "get_time", "{\"zone\":\"Asia/Shanghai\"}"));
	}

	@Test
	void idAndNameRepeatedOnEveryFragmentShouldNotBeDoubled() {
		ChatResponse response = aggregate(
				"""
						data: {"id":"q","choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"foo","arguments":"{\\"a\\""}}]}}]}
						data: {"id":"q","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"foo","arguments":":1}"}}]}}]}
						data: {"id":"q","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}
						""");
		assertThat(response.toolCalls()).containsExactly(ToolCall.function("call_1", "foo", "{\"a\":1}"));
	}

	@Test
	void emptyStringIdOnContinuationsShouldKeepTheFirstId() {
		ChatResponse response = aggregate(
				"""
						data: {"id":"q","choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"foo","arguments":""}}]}}]}
						data: {"id":"q","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"","type":"","function":{"name":"","arguments":"{}"}}]}}]}
						data: {"id":"q","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}
						""");
		assertThat(response.toolCalls()).containsExactly(ToolCall.function("call_1", "foo", "{}"));
	}

	@Test
	void fragmentsWithoutIndexShouldMergeById() {
		ChatResponse response = aggregate(
				"""
						data: {"id":"q","choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"id":"call_a","type":"function","function":{"name":"foo","arguments":"{\\"x\\":"}}]}}]}
						data: {"id":"q","choices":[{"index":0,"delta":{"tool_calls":[{"id":"call_b","type":"function","function":{"name":"bar","arguments":"{\\"y\\":"}}]}}]}
						data: {"id":"q","choices":[{"index":0,"delta":{"tool_calls":[{"id":"call_a","function":{"arguments":"1}"}}]}}]}
						data: {"id":"q","choices":[{"index":0,"delta":{"tool_calls":[{"id":"call_b","function":{"arguments":"2}"}}]}}]}
						data: {"id":"q","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}
						""");
		assertThat(response.toolCalls()).containsExactly(ToolCall.function("call_a", "foo", "{\"x\":1}"),
				ToolCall.function("call_b", "bar", "{\"y\":2}"));
	}

	@Test
	void fragmentsWithNeitherIndexNorIdShouldContinueTheLatestCall() {
		ChatResponse response = aggregate(
				"""
						data: {"id":"q","choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"id":"call_a","type":"function","function":{"name":"foo","arguments":"{\\"x\\""}}]}}]}
						data: {"id":"q","choices":[{"index":0,"delta":{"tool_calls":[{"function":{"arguments":":1}"}}]}}]}
						data: {"id":"q","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}
						""");
		assertThat(response.toolCalls()).containsExactly(ToolCall.function("call_a", "foo", "{\"x\":1}"));
	}

	@Test
	void sameIndexWithADifferentIdShouldStartANewCall() {
		ChatResponse response = aggregate(
				"""
						data: {"id":"g","choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"foo","arguments":"{}"}}]}}]}
						data: {"id":"g","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_2","type":"function","function":{"name":"bar","arguments":"{}"}}]}}]}
						data: {"id":"g","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}
						""");
		assertThat(response.toolCalls()).containsExactly(ToolCall.function("call_1", "foo", "{}"),
				ToolCall.function("call_2", "bar", "{}"));
	}

	@Test
	void nameSplitAcrossFragmentsShouldBeJoined() {
		ChatResponse response = aggregate(
				"""
						data: {"id":"s","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"c","function":{"name":"get_","arguments":""}}]}}]}
						data: {"id":"s","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"name":"weather","arguments":"{}"}}]}}]}
						""");
		assertThat(response.toolCalls().get(0).function().name()).isEqualTo("get_weather");
		assertThat(response.toolCalls().get(0).type()).isEqualTo("function");
		assertThat(response.finishReason()).isNull();
	}

	@Test
	void toolCallVendorFieldsShouldBeKept() {
		ChatResponse response = aggregate(
				"""
						data: {"id":"v","choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"index":0,"id":"c","type":"function","function":{"name":"f","arguments":"{}"},"extra_content":{"google":{"thought_signature":"c2ln"}}}]}}]}
						data: {"id":"v","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}
						""");
		assertThat(response.toolCalls().get(0).extra()).containsKey("extra_content");
		assertThat(response.message().toFollowUp(true).toolCalls().get(0).extra()).containsKey("extra_content");
	}

	@Test
	void legacyFunctionCallFragmentsShouldMerge() {
		ChatResponse response = aggregate(
				"""
						data: {"id":"l","choices":[{"index":0,"delta":{"role":"assistant","content":null,"function_call":{"name":"get_weather","arguments":""}}}]}
						data: {"id":"l","choices":[{"index":0,"delta":{"function_call":{"arguments":"{\\"city\\""}}}]}
						data: {"id":"l","choices":[{"index":0,"delta":{"function_call":{"arguments":":\\"北京\\"}"}}}]}
						data: {"id":"l","choices":[{"index":0,"delta":{},"finish_reason":"function_call"}]}
						""");
		assertThat(response.message().functionCall()).isEqualTo(FunctionCall.of("get_weather", "{\"city\":\"北京\"}"));
		assertThat(response.finishReason()).isEqualTo(FinishReasons.FUNCTION_CALL);
	}

	@Test
	void logprobsShouldBeConcatenated() {
		ChatResponse response = aggregate(
				"""
						data: {"id":"p","choices":[{"index":0,"delta":{"role":"assistant","content":"a"},"logprobs":{"content":[{"token":"a","logprob":-0.1}]}}]}
						data: {"id":"p","choices":[{"index":0,"delta":{"content":"b"},"logprobs":{"content":[{"token":"b","logprob":-0.2}]}}]}
						""");
		assertThat(response.choices().get(0).logprobs()).isEqualTo(Map.of("content",
				List.of(Map.of("token", "a", "logprob", -0.1), Map.of("token", "b", "logprob", -0.2))));
	}

	@Test
	void chunkVendorFieldsShouldReachTheResponseWithoutObfuscation() {
		ChatResponse response = aggregate(
				"""
						data: {"id":"x","service_tier":"default","citations":["https://a"],"obfuscation":"q1","choices":[{"index":0,"delta":{"role":"assistant","content":"a"}}]}
						data: {"id":"x","citations":["https://a","https://b"],"obfuscation":"q2","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}
						""");
		assertThat(response.extra()).containsOnlyKeys("citations");
		assertThat(response.serviceTier()).isEqualTo("default");
		assertThat(response.extra().get("citations")).isEqualTo(List.of("https://a", "https://b"));
	}

	@Test
	void providerShouldComeFromTheChunks() {
		ChatChunk chunk = ChatChunk.of("id", "m", List.of(ChatChunkChoice.of(0, ChatMessage.assistant("hi"), "stop")),
				null, "xingyun");
		assertThat(new ChatChunkAccumulator().add(chunk).toResponse().provider()).isEqualTo("xingyun");
	}

	@Test
	void noChunkShouldBeAnErrorNotAnEmptyReply() {
		ChatChunkAccumulator accumulator = new ChatChunkAccumulator();
		assertThat(accumulator.isEmpty()).isTrue();
		assertThatIllegalStateException().isThrownBy(accumulator::toResponse).withMessageContaining("No chunk");
	}

}
