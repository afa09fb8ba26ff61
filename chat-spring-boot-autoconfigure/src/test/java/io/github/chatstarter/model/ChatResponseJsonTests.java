package io.github.chatstarter.model;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.InjectableValues;

import static io.github.chatstarter.model.Fixtures.MAPPER;
import static io.github.chatstarter.model.Fixtures.read;
import static io.github.chatstarter.model.Fixtures.resource;
import static io.github.chatstarter.model.Fixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

class ChatResponseJsonTests {

	@Test
	void seed000ReplyShouldReadEveryField() {
		ChatResponse response = read(resource("seed000-reply.json"), ChatResponse.class);
		assertThat(response.id()).isEqualTo("chatcmpl-8eD4KviOzJPZxTFF8Pze9PYvoaSaN");
		assertThat(response.object()).isEqualTo("chat.completion");
		assertThat(response.created()).isEqualTo(1704594048L);
		assertThat(response.model()).isEqualTo("gpt-3.5-turbo-0613");
		assertThat(response.content()).isEqualTo("你上面问的问题是:简单说一下你会做什么?");
		assertThat(response.message().role()).isEqualTo(ChatMessage.ASSISTANT);
		assertThat(response.finishReason()).isEqualTo(FinishReasons.STOP);
		assertThat(response.usage()).isEqualTo(Usage.of(406, 21));
		assertThat(response.systemFingerprint()).isNull();
		assertThat(response.provider()).isNull();
		assertThat(response.extra()).isEmpty();
		assertThat(response.choices().get(0).extra()).isEmpty();
	}

	@Test
	void replyShouldCarryTheProviderNameWhenTheReaderInjectsIt() {
		ChatResponse response = MAPPER.readerFor(ChatResponse.class)
			.with(new InjectableValues.Std().addValue(ChatResponse.PROVIDER_INJECTABLE, "xingyun"))
			.readValue(resource("seed000-reply.json"));
		assertThat(response.provider()).isEqualTo("xingyun");
	}

	@Test
	void reasoningReplyShouldKeepReasoningApartFromTheAnswer() {
		ChatResponse response = read(resource("reasoning-reply.json"), ChatResponse.class);
		assertThat(response.content()).isEqualTo("9.11 比 9.8 小。");
		assertThat(response.reasoningContent()).startsWith("比较小数");
		assertThat(response.message().extra()).isEmpty();
		assertThat(response.usage().reasoningTokens()).isEqualTo(98);
		assertThat(response.usage().cachedTokens()).isZero();
		assertThat(response.usage().extra()).containsEntry("prompt_cache_miss_tokens", 15);
	}

	@Test
	void toolCallsReplyShouldReadCallsAndKeepUnknownFields() {
		ChatResponse response = read(resource("tool-calls-reply.json"), ChatResponse.class);
		assertThat(response.content()).isEmpty();
		assertThat(response.message().content()).isNull();
		assertThat(response.finishReason()).isEqualTo(FinishReasons.TOOL_CALLS);
		assertThat(response.serviceTier()).isEqualTo("default");
		List<ToolCall> calls = response.toolCalls();
		assertThat(calls).hasSize(2);
		assertThat(calls.get(0).id()).isEqualTo("call_weather_bj");
		assertThat(calls.get(0).type()).isEqualTo("function");
		assertThat(calls.get(0).function()).isEqualTo(FunctionCall.of("get_weather", "{\"city\":\"北京\"}"));
		assertThat(calls.get(1).extra()).containsKey("extra_content");
	}

	@Test
	void unknownFieldsShouldBeKeptAtEveryLevel() {
		ChatResponse response = read("""
				{"id": "x", "object": "chat.completion", "created": 1, "model": "m", "citations": ["https://a"],
				 "choices": [{"index": 0, "message": {"role": "assistant", "content": "hi", "audio": {"id": "a1"},
				   "function_call": {"name": "f", "arguments": "{}", "thought": "t"}},
				   "finish_reason": "stop", "stop_reason": 151643}],
				 "usage": {"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3, "search_count": 1}}
				""", ChatResponse.class);
		assertThat(response.extra()).containsEntry("citations", List.of("https://a"));
		assertThat(response.choices().get(0).extra()).containsEntry("stop_reason", 151643);
		assertThat(response.message().extra()).containsEntry("audio", Map.of("id", "a1"));
		assertThat(response.message().functionCall().extra()).containsEntry("thought", "t");
		assertThat(response.usage().extra()).containsEntry("search_count", 1);
	}

	@Test
	void unknownFieldsShouldBeWrittenBackAtTheirOwnLevel() {
		ChatResponse response = read(
				"{\"id\":\"x\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\",\"x_a\":1}}],\"x_b\":2}",
				ChatResponse.class);
		String json = MAPPER.writeValueAsString(response);
		assertThat(MAPPER.readTree(json).get("x_b").asInt()).isEqualTo(2);
		assertThat(MAPPER.readTree(json).get("choices").get(0).get("message").get("x_a").asInt()).isEqualTo(1);
		assertThat(json).doesNotContain("\"extra\"");
	}

	@Test
	void nullsWhereNumbersBelongShouldNotFailTheReply() {
		ChatResponse response = read("""
				{"id": "x", "created": null, "model": "m",
				 "choices": [{"index": null, "message": {"role": "assistant", "content": "hi"}, "finish_reason": null}],
				 "usage": {"prompt_tokens": null, "completion_tokens": 2, "total_tokens": null}}
				""", ChatResponse.class);
		assertThat(response.created()).isZero();
		assertThat(response.choices().get(0).index()).isZero();
		assertThat(response.usage().totalTokens()).isEqualTo(2);
	}

	@Test
	void contentAsPartsShouldReadAsMultimodalMessage() {
		ChatResponse response = read("""
				{"choices": [{"index": 0, "message": {"role": "assistant",
				  "content": [{"type": "text", "text": "a"}, {"type": "text", "text": "b"}]}}]}
				""", ChatResponse.class);
		assertThat(response.content()).isEqualTo("ab");
		assertThat(response.message().isMultimodal()).isTrue();
	}

	@Test
	void nullElementsOfAContentArrayShouldBeSkipped() {
		ChatResponse response = read("""
				{"choices": [{"index": 0, "message": {"role": "assistant",
				  "content": [null, {"type": "text", "text": "hi"}, null, {"type": "text", "text": "!"}]}}]}
				""", ChatResponse.class);
		assertThat(response.message().contentParts()).containsExactly(ContentPart.text("hi"), ContentPart.text("!"));
		assertThat(response.content()).isEqualTo("hi!");
		assertThat(tree(response).get("choices").get(0).get("message").get("content")).isEqualTo(
				MAPPER.readTree("[{\"type\": \"text\", \"text\": \"hi\"}, {\"type\": \"text\", \"text\": \"!\"}]"));
	}

	@Test
	void contentArrayOfNullsOnlyShouldReadAsEmptyArrayLikeAnEmptyOne() {
		for (String content : List.of("[null]", "[]")) {
			ChatMessage message = read("{\"role\": \"assistant\", \"content\": " + content + "}", ChatMessage.class);
			assertThat(message.isMultimodal()).as(content).isTrue();
			assertThat(message.contentParts()).as(content).isEmpty();
			assertThat(message.content()).as(content).isEmpty();
			assertThat(tree(message).get("content")).as(content).isEqualTo(MAPPER.readTree("[]"));
		}
	}

	@Test
	void explicitNullContentShouldReadAsNoContent() {
		ChatMessage message = read("{\"role\": \"assistant\", \"content\": null}", ChatMessage.class);
		assertThat(message.content()).isNull();
		assertThat(message.contentParts()).isEmpty();
		assertThat(message.isMultimodal()).isFalse();
		assertThat(tree(message).has("content")).isFalse();
	}

	@Test
	void replyWithoutChoicesShouldGiveEmptyContent() {
		ChatResponse response = read("{\"id\":\"x\",\"choices\":[]}", ChatResponse.class);
		assertThat(response.content()).isEmpty();
		assertThat(response.finishReason()).isNull();
		assertThat(response.toolCalls()).isEmpty();
	}

	@Test
	void refusalShouldBeReadApartFromContent() {
		ChatResponse response = read("""
				{"choices": [{"index": 0, "message": {"role": "assistant", "content": null,
				  "refusal": "I can't help with that."}, "finish_reason": "stop"}]}
				""", ChatResponse.class);
		assertThat(response.message().refusal()).isEqualTo("I can't help with that.");
		assertThat(response.content()).isEmpty();
	}

	@Test
	void contentFilterFinishReasonsShouldBeRecognised() {
		ChatResponse response = read(
				"{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":\"sensitive\"}]}",
				ChatResponse.class);
		assertThat(response.isContentFiltered()).isTrue();
	}

}
