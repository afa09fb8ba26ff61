package io.github.chatstarter.model;

import java.util.List;

import org.junit.jupiter.api.Test;

import static io.github.chatstarter.model.Fixtures.chunks;
import static io.github.chatstarter.model.Fixtures.read;
import static io.github.chatstarter.model.Fixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reasoning in each spelling servers use, and vendor fields that a stream spreads over
 * its chunks, streamed or not: the payloads have the shapes of DeepSeek, vLLM/Groq and
 * Mistral replies.
 */
class ReasoningDialectsTests {

	@Test
	void reasoningFieldOfVllmAndGroqShouldBeTheReasoningContent() {
		ChatResponse reply = read("""
				{"id":"r","choices":[{"index":0,"message":{"role":"assistant","content":"42","reasoning":"6 × 7"},
				"finish_reason":"stop"}]}""", ChatResponse.class);
		assertThat(reply.reasoningContent()).isEqualTo("6 × 7");
		assertThat(reply.content()).isEqualTo("42");
	}

	@Test
	void streamedReasoningFieldShouldAggregateToWhatTheNonStreamedReplyHolds() {
		ChatResponse aggregated = Aggregated.of(
				chunks("""
						data: {"id":"r","choices":[{"index":0,"delta":{"role":"assistant","reasoning":"6 "},"finish_reason":null}]}
						data: {"id":"r","choices":[{"index":0,"delta":{"reasoning":"× 7"},"finish_reason":null}]}
						data: {"id":"r","choices":[{"index":0,"delta":{"reasoning":null,"content":"42"},"finish_reason":null}]}
						data: {"id":"r","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}
						"""));
		assertThat(aggregated.reasoningContent()).isEqualTo("6 × 7");
		assertThat(aggregated.message().extra()).containsEntry("reasoning", "6 × 7");
		assertThat(aggregated.message().reasoningContentField()).isNull();
		assertThat(aggregated.content()).isEqualTo("42");
	}

	@Test
	void chunkShouldShowStreamedReasoningInEverySpelling() {
		List<ChatChunk> chunks = chunks(
				"""
						data: {"choices":[{"index":0,"delta":{"reasoning_content":"a"}}]}
						data: {"choices":[{"index":0,"delta":{"reasoning":"b"}}]}
						data: {"choices":[{"index":0,"delta":{"content":[{"type":"thinking","thinking":[{"type":"text","text":"c"}]}]}}]}
						""");
		assertThat(chunks).extracting(ChatChunk::reasoningContent).containsExactly("a", "b", "c");
	}

	@Test
	void thinkingPartsOfMistralShouldBeTheReasoningAndNotTheText() {
		ChatResponse reply = read("""
				{"id":"m","choices":[{"index":0,"message":{"role":"assistant","content":[
				{"type":"thinking","thinking":[{"type":"text","text":"Let me "},{"type":"text","text":"count."}]},
				{"type":"text","text":"Three."}]},"finish_reason":"stop"}]}""", ChatResponse.class);
		assertThat(reply.reasoningContent()).isEqualTo("Let me count.");
		assertThat(reply.content()).isEqualTo("Three.");
	}

	@Test
	void streamedThinkingPartsShouldAggregateToOneThinkingPartBeforeTheText() {
		ChatResponse aggregated = Aggregated.of(
				chunks("""
						data: {"id":"m","choices":[{"index":0,"delta":{"role":"assistant","content":[{"type":"thinking","thinking":[{"type":"text","text":"Let me "}]}]}}]}
						data: {"id":"m","choices":[{"index":0,"delta":{"content":[{"type":"thinking","thinking":[{"type":"text","text":"count."}]}]}}]}
						data: {"id":"m","choices":[{"index":0,"delta":{"content":"Three."}}]}
						data: {"id":"m","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}
						"""));
		assertThat(aggregated.reasoningContent()).isEqualTo("Let me count.");
		assertThat(aggregated.content()).isEqualTo("Three.");
		assertThat(aggregated.message().contentParts()).extracting(ContentPart::type)
			.containsExactly("thinking", "text");
	}

	@Test
	void unknownStreamedFieldsShouldJoinTheirTextAndKeepTheLastOtherValuePerChoice() {
		ChatResponse aggregated = Aggregated.of(
				chunks("""
						data: {"id":"u","choices":[{"index":0,"delta":{"role":"assistant","annotation":"a","score":1}},{"index":1,"delta":{"role":"assistant","annotation":"x"}}]}
						data: {"id":"u","choices":[{"index":0,"delta":{"annotation":"b","score":2}},{"index":1,"delta":{"annotation":"y"}}]}
						data: {"id":"u","choices":[{"index":0,"delta":{},"finish_reason":"stop"},{"index":1,"delta":{},"finish_reason":"stop"}]}
						"""));
		assertThat(aggregated.choices().get(0).message().extra()).containsEntry("annotation", "ab")
			.containsEntry("score", 2);
		assertThat(aggregated.choices().get(1).message().extra()).containsEntry("annotation", "xy");
	}

	@Test
	void followUpShouldSendReasoningBackInTheSpellingTheProviderUsed() {
		ChatMessage deepSeek = read("""
				{"role":"assistant","content":"","reasoning_content":"r1","tool_calls":[]}""", ChatMessage.class);
		assertThat(tree(deepSeek.toFollowUp(true)).path("reasoning_content").asString()).isEqualTo("r1");
		ChatMessage groq = read("""
				{"role":"assistant","content":"","reasoning":"r2"}""", ChatMessage.class);
		assertThat(tree(groq.toFollowUp(true)).path("reasoning").asString()).isEqualTo("r2");
		assertThat(tree(groq.toFollowUp(true)).has("reasoning_content")).isFalse();
		assertThat(tree(groq.toFollowUp(false)).has("reasoning")).isFalse();
		ChatMessage mistral = read("""
				{"role":"assistant","content":[{"type":"thinking","thinking":[{"type":"text","text":"r3"}]},
				{"type":"text","text":"ok"}]}""", ChatMessage.class);
		assertThat(
				tree(mistral.toFollowUp(true)).path("content").get(0).path("thinking").get(0).path("text").asString())
			.isEqualTo("r3");
		assertThat(mistral.toFollowUp(true).reasoningContent()).isEqualTo("r3");
		assertThat(mistral.toFollowUp(false).content()).isEqualTo("ok");
		assertThat(mistral.toFollowUp(false).reasoningContent()).isNull();
	}

}
