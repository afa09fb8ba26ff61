package io.github.chatstarter.model;

import java.util.List;

import org.junit.jupiter.api.Test;

import static io.github.chatstarter.model.Fixtures.MAPPER;
import static io.github.chatstarter.model.Fixtures.chunks;
import static io.github.chatstarter.model.Fixtures.chunksOf;
import static io.github.chatstarter.model.Fixtures.read;
import static io.github.chatstarter.model.Fixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

class ChatChunkJsonTests {

	@Test
	void seed002StreamShouldReadAsChunksWithTheWebSearchSignalFirst() {
		List<ChatChunk> chunks = chunksOf("seed002-web-search-stream.txt");
		assertThat(chunks).hasSize(19);
		assertThat(chunks.get(0).isWebSearch()).isTrue();
		assertThat(chunks.get(0).content()).isEmpty();
		assertThat(chunks.get(0).choices().get(0).delta().role()).isEqualTo(ChatMessage.ASSISTANT);
		assertThat(chunks.get(0).choices().get(0).delta().functionCall()).isEqualTo(FunctionCall.of("web_search", ""));
		assertThat(chunks.get(1).finishReason()).isEqualTo(FinishReasons.FUNCTION_CALL);
		assertThat(chunks.get(1).isWebSearch()).isFalse();
		assertThat(chunks.get(3).content()).isEqualTo("你");
		assertThat(chunks.get(3).systemFingerprint()).isEqualTo("fp_eeff13170a");
		assertThat(chunks.get(3).object()).isEqualTo("chat.completion.chunk");
		assertThat(chunks.get(18).finishReason()).isEqualTo(FinishReasons.STOP);
		assertThat(chunks.get(18).choices().get(0).delta().role()).isNull();
	}

	@Test
	void usageOnlyChunkShouldHaveNoChoicesAndEmptyContent() {
		ChatChunk chunk = read("""
				{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[],
				 "usage":{"prompt_tokens":9,"completion_tokens":12,"total_tokens":21}}
				""", ChatChunk.class);
		assertThat(chunk.choices()).isEmpty();
		assertThat(chunk.content()).isEmpty();
		assertThat(chunk.finishReason()).isNull();
		assertThat(chunk.reasoningContent()).isNull();
		assertThat(chunk.usage()).isEqualTo(Usage.of(9, 12));
	}

	@Test
	void chunkWithOtherUsageShouldKeepEverythingElse() {
		String json = """
				{"id":"c","object":"chat.completion.chunk","created":7,"model":"m","system_fingerprint":"fp","service_tier":"default",
				 "choices":[{"index":0,"delta":{"content":"a"},"finish_reason":"stop"}],"x_vendor":1,
				 "usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}
				""";
		ChatChunk chunk = read(json, ChatChunk.class);
		ChatChunk withUsage = chunk.withUsage(Usage.of(9, 12));
		assertThat(withUsage.usage()).isEqualTo(Usage.of(9, 12));
		assertThat(tree(withUsage))
			.isEqualTo(MAPPER.readTree(json.replace("\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2",
					"\"prompt_tokens\":9,\"completion_tokens\":12,\"total_tokens\":21")));
		assertThat(chunk.usage()).isEqualTo(Usage.of(1, 1));
		assertThat(tree(chunk.withUsage(null)).has("usage")).isFalse();
	}

	@Test
	void reasoningDeltaShouldBeKeptApartFromContent() {
		List<ChatChunk> chunks = chunks(
				"""
						data: {"id":"r","choices":[{"index":0,"delta":{"role":"assistant","content":null,"reasoning_content":"想"}}]}
						data: {"id":"r","choices":[{"index":0,"delta":{"content":"答","reasoning_content":null}}]}
						""");
		assertThat(chunks.get(0).reasoningContent()).isEqualTo("想");
		assertThat(chunks.get(0).content()).isEmpty();
		assertThat(chunks.get(1).reasoningContent()).isNull();
		assertThat(chunks.get(1).content()).isEqualTo("答");
	}

	@Test
	void toolCallFragmentShouldReadIndexIdAndArguments() {
		ChatChunk chunk = read(
				"""
						{"id":"t","choices":[{"index":0,"delta":{"tool_calls":[
						  {"index":1,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"ci"}}]}}]}
						""",
				ChatChunk.class);
		ToolCall fragment = chunk.choices().get(0).delta().toolCalls().get(0);
		assertThat(fragment.index()).isEqualTo(1);
		assertThat(fragment.id()).isEqualTo("call_1");
		assertThat(fragment.function().arguments()).isEqualTo("{\"ci");
	}

	@Test
	void unknownChunkFieldsShouldBeKept() {
		ChatChunk chunk = read("""
				{"id":"c","obfuscation":"xyz","choices":[{"index":0,"delta":{"content":"a","x_delta":1},"x_choice":2}]}
				""", ChatChunk.class);
		assertThat(chunk.extra()).containsEntry("obfuscation", "xyz");
		assertThat(chunk.choices().get(0).extra()).containsEntry("x_choice", 2);
		assertThat(chunk.choices().get(0).delta().extra()).containsEntry("x_delta", 1);
	}

	@Test
	void nullCreatedAndIndexShouldNotFailTheChunk() {
		ChatChunk chunk = read(
				"{\"id\":\"c\",\"created\":null,\"choices\":[{\"index\":null,\"delta\":{\"content\":\"a\"}}]}",
				ChatChunk.class);
		assertThat(chunk.created()).isZero();
		assertThat(chunk.choices().get(0).index()).isZero();
	}

	@Test
	void deltaContentArrayWithNullElementsShouldGiveTheTextOfTheOthers() {
		List<ChatChunk> chunks = chunks(
				"""
						data: {"id":"c","choices":[{"index":0,"delta":{"role":"assistant","content":[null,{"type":"text","text":"hi"}]}}]}
						data: {"id":"c","choices":[{"index":0,"delta":{"content":[null]},"finish_reason":"stop"}]}
						""");
		assertThat(chunks).extracting(ChatChunk::content).containsExactly("hi", "");
		assertThat(Aggregated.of(chunks).content()).isEqualTo("hi");
	}

	@Test
	void chunkWithoutDeltaShouldGiveAnEmptyDelta() {
		ChatChunk chunk = read("{\"id\":\"c\",\"choices\":[{\"index\":0,\"finish_reason\":\"stop\"}]}",
				ChatChunk.class);
		assertThat(chunk.choices().get(0).delta().content()).isNull();
		assertThat(chunk.content()).isEmpty();
		assertThat(chunk.finishReason()).isEqualTo("stop");
	}

	@Test
	void replySplitIntoAChunkShouldKeepItsMessage() {
		ChatResponse response = read(Fixtures.resource("seed000-reply.json"), ChatResponse.class);
		ChatChunk chunk = ChatChunk.from(response);
		assertThat(chunk.content()).isEqualTo(response.content());
		assertThat(chunk.finishReason()).isEqualTo("stop");
		assertThat(chunk.usage()).isEqualTo(response.usage());
		assertThat(chunk.created()).isEqualTo(response.created());
	}

	@Test
	void replyWithToolCallsWithoutIdsSplitIntoAChunkShouldAggregateToTheSameCalls() {
		ChatResponse response = read("""
				{"id":"x","choices":[{"index":0,"message":{"role":"assistant","tool_calls":[
				  {"type":"function","function":{"name":"a","arguments":"{}"}},
				  {"type":"function","function":{"name":"b","arguments":"{}"}}]},"finish_reason":"tool_calls"}]}
				""", ChatResponse.class);
		ChatChunk chunk = ChatChunk.from(response);
		assertThat(chunk.choices().get(0).delta().toolCalls()).extracting(ToolCall::index).containsExactly(0, 1);
		ChatResponse aggregated = new ChatChunkAccumulator().add(chunk).toResponse();
		assertThat(aggregated.toolCalls()).extracting((call) -> call.function().name()).containsExactly("a", "b");
		assertThat(aggregated.finishReason()).isEqualTo(FinishReasons.TOOL_CALLS);
	}

}
