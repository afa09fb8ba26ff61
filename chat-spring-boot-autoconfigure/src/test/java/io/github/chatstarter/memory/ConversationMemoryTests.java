package io.github.chatstarter.memory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.chatstarter.error.ChatServerException;
import io.github.chatstarter.model.ChatChunk;
import io.github.chatstarter.model.ChatMessage;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.model.ChatResponse;
import io.github.chatstarter.model.ToolCall;
import io.github.chatstarter.tokens.TokenEstimator;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ConversationMemoryTests {

	private static final TokenEstimator estimator = TokenEstimator.create();

	private final List<ChatRequest> sent = new CopyOnWriteArrayList<>();

	private final ChatMemory store = ChatMemory.inMemory(100, 1000, Duration.ofHours(1));

	private final ConversationMemory memory = ConversationMemory.builder(this.store).estimator(estimator).build();

	@Test
	void theSecondTurnShouldSendTheFirstTurnBetweenSystemAndNewMessagesWithoutItsReasoning() {
		ChatRequest first = ChatRequest.of("gpt-4o", ChatMessage.system("简短回答"), ChatMessage.user("我叫小明"));
		StepVerifier.create(this.memory.call("tab-1", first, this::answer)).expectNextCount(1).verifyComplete();
		ChatRequest second = ChatRequest.of("gpt-4o", ChatMessage.system("简短回答"), ChatMessage.user("我叫什么?"));
		StepVerifier.create(this.memory.call("tab-1", second, this::answer)).expectNextCount(1).verifyComplete();
		assertThat(this.sent.get(1).messages()).extracting(ChatMessage::role, ChatMessage::content)
			.containsExactly(tuple("system", "简短回答"), tuple("user", "我叫小明"), tuple("assistant", "answer 1"),
					tuple("user", "我叫什么?"));
		assertThat(this.sent.get(1).messages().get(2).reasoningContent()).isNull();
		assertThat(this.store.read("tab-1").block()).extracting(ChatMessage::content)
			.containsExactly("我叫小明", "answer 1", "我叫什么?", "answer 2");
		assertThat(this.store.read("tab-2").block()).isEmpty();
	}

	@Test
	void aStreamShouldStoreItsAggregatedAnswerWhenItCompletes() {
		ChatRequest first = ChatRequest.of("gpt-4o", ChatMessage.user("你好"));
		StepVerifier.create(this.memory.stream("s", first, this::streamAnswer)).expectNextCount(3).verifyComplete();
		assertThat(this.store.read("s").block()).extracting(ChatMessage::role, ChatMessage::content)
			.containsExactly(tuple("user", "你好"), tuple("assistant", "你好呀"));
	}

	@Test
	void aFailedOrCancelledCallShouldStoreNothing() {
		ChatRequest request = ChatRequest.of("gpt-4o", ChatMessage.user("你好"));
		StepVerifier.create(this.memory.call("f", request, (full) -> Mono.error(new ChatServerException("down"))))
			.expectError(ChatServerException.class)
			.verify();
		StepVerifier
			.create(this.memory.stream("f", request,
					(full) -> streamAnswer(full).concatWith(Flux.error(new ChatServerException("cut")))))
			.expectNextCount(3)
			.expectError(ChatServerException.class)
			.verify();
		StepVerifier.create(this.memory.stream("f", request, this::streamAnswer))
			.expectNextCount(1)
			.thenCancel()
			.verify();
		assertThat(this.store.read("f").block()).isEmpty();
	}

	@Test
	void historyShouldBeTrimmedAtTheWindowsEdgeWithRealTokenCounts() {
		// gpt-4: 8,192 tokens. 30 stored turns of about 400 tokens each do not fit.
		List<ChatMessage> history = new ArrayList<>();
		for (int turn = 0; turn < 30; turn++) {
			history.add(ChatMessage.user("question " + turn + " " + "weather ".repeat(150)));
			history.add(ChatMessage.assistant("answer " + turn + " " + "sunny ".repeat(250)));
		}
		this.store.append("edge", history).block();
		ChatRequest request = ChatRequest.builder()
			.model("gpt-4")
			.message(ChatMessage.system("你是天气助手"))
			.message(ChatMessage.user("and tomorrow?"))
			.maxTokens(1000)
			.build();
		StepVerifier.create(this.memory.call("edge", request, this::answer)).expectNextCount(1).verifyComplete();
		ChatRequest full = this.sent.get(0);
		List<ChatMessage> kept = full.messages().subList(1, full.messages().size() - 1);
		assertThat(kept).isNotEmpty();
		assertThat(kept.get(0).role()).isEqualTo("user");
		assertThat(kept).isEqualTo(history.subList(history.size() - kept.size(), history.size()));
		// It fits with the requested output ...
		assertThat(estimator.estimate(full) + 1000).isLessThanOrEqualTo(8192);
		// ... and one more turn would not.
		List<ChatMessage> oneMore = new ArrayList<>(full.messages());
		oneMore.addAll(1, history.subList(history.size() - kept.size() - 2, history.size() - kept.size()));
		assertThat(estimator.estimate(full.mutate().messages(oneMore).build()) + 1000).isGreaterThan(8192);
	}

	@Test
	void withoutMaxTokensAQuarterOfTheWindowShouldBeKeptForTheAnswer() {
		List<ChatMessage> history = new ArrayList<>();
		for (int turn = 0; turn < 20; turn++) {
			history.add(ChatMessage.user("question " + turn + " " + "weather ".repeat(100)));
			history.add(ChatMessage.assistant("answer " + turn + " " + "sunny ".repeat(100)));
		}
		this.store.append("quarter", history).block();
		ChatRequest request = ChatRequest.of("gpt-3.5-turbo", ChatMessage.user("and tomorrow?"));
		this.memory.call("quarter", request, this::answer).block();
		int prompt = estimator.estimate(this.sent.get(0));
		assertThat(prompt).isLessThanOrEqualTo(4096 - 1024).isGreaterThan(4096 - 1024 - 2 * 220);
	}

	@Test
	void aToolCallAndItsResultsShouldBeKeptOrDroppedTogether() {
		ChatMessage call = ChatMessage.assistant(List.of(ToolCall.function("call_1", "get_weather",
				"{\"city\":\"杭州\",\"detail\":\"" + "x".repeat(600) + "\"}")));
		ChatMessage result = ChatMessage.tool("call_1", "{\"sky\":\"sunny\"}");
		List<ChatMessage> history = List.of(ChatMessage.user("杭州天气?"), call, result, ChatMessage.assistant("晴"),
				ChatMessage.user("谢谢"), ChatMessage.assistant("不客气"));
		this.store.append("tools", history).block();
		int tail = estimator.estimate(ChatMessage.assistant("晴"), "gpt-4") + estimator.estimate(result, "gpt-4")
				+ estimator.estimate(history.get(4), "gpt-4") + estimator.estimate(history.get(5), "gpt-4");
		ChatRequest request = ChatRequest.builder()
			.model("gpt-4")
			.message(ChatMessage.user("明天呢?"))
			.maxTokens(8192 - estimator.estimate(ChatRequest.of("gpt-4", ChatMessage.user("明天呢?"))) - tail)
			.build();
		this.memory.call("tools", request, this::answer).block();
		// The budget holds the result and what follows, not its call: both are left out,
		// and the history starts at the next user message.
		assertThat(this.sent.get(0).messages()).extracting(ChatMessage::content).containsExactly("谢谢", "不客气", "明天呢?");
		this.sent.clear();
		this.memory.call("tools", request.mutate().maxTokens(100).build(), this::answer).block();
		assertThat(this.sent.get(0).messages().subList(0, 4)).containsExactly(history.get(0), call, result,
				history.get(3));
	}

	@Test
	void aToolCallWithoutItsResultShouldNeverBeSent() {
		ChatMessage call = ChatMessage.assistant(List.of(ToolCall.function("call_1", "get_weather", "{}")));
		this.store.append("half", List.of(ChatMessage.user("杭州天气?"), call, ChatMessage.user("算了"))).block();
		this.memory.call("half", ChatRequest.of("gpt-4", ChatMessage.user("你好")), this::answer).block();
		assertThat(this.sent.get(0).messages()).extracting(ChatMessage::content).containsExactly("杭州天气?", "算了", "你好");
	}

	@Test
	void aFailingStoreShouldFailTheCallOrBeSkippedWithOnStoreFailureContinue() {
		ChatMemory broken = new BrokenStore();
		ChatRequest request = ChatRequest.of("gpt-4o", ChatMessage.user("你好"));
		StepVerifier.create(ConversationMemory.builder(broken).build().call("x", request, this::answer))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(ChatMemoryException.class)
				.hasMessageContaining("conversation 'x'"))
			.verify();
		assertThat(this.sent).isEmpty();
		ConversationMemory lenient = ConversationMemory.builder(broken).onStoreFailure(OnStoreFailure.CONTINUE).build();
		StepVerifier.create(lenient.call("x", request, this::answer)).expectNextCount(1).verifyComplete();
		StepVerifier.create(lenient.stream("x", request, this::streamAnswer)).expectNextCount(3).verifyComplete();
		assertThat(this.sent).hasSize(2).allSatisfy((sent) -> assertThat(sent.messages()).hasSize(1));
	}

	@Test
	void theObserverShouldBeToldTheHistoryTokensAndTheMessagesTrimmed() {
		List<int[]> observed = new ArrayList<>();
		ConversationMemory observedMemory = ConversationMemory.builder(this.store)
			.estimator(estimator)
			.observer((model, tokens, trimmed) -> observed.add(new int[] { tokens, trimmed }))
			.build();
		List<ChatMessage> history = List.of(ChatMessage.user("weather ".repeat(7000)), ChatMessage.assistant("ok"),
				ChatMessage.user("hi"), ChatMessage.assistant("hello"));
		this.store.append("o", history).block();
		observedMemory.call("o", ChatRequest.of("gpt-4", ChatMessage.user("again")), this::answer).block();
		assertThat(observed).hasSize(1);
		assertThat(observed.get(0)[0])
			.isEqualTo(estimator.estimate(history.get(2), "gpt-4") + estimator.estimate(history.get(3), "gpt-4"));
		assertThat(observed.get(0)[1]).isEqualTo(2);
	}

	private Mono<ChatResponse> answer(ChatRequest request) {
		this.sent.add(request);
		return Mono.just(response("answer " + this.sent.size(), "thinking " + this.sent.size()));
	}

	private Flux<ChatChunk> streamAnswer(ChatRequest request) {
		this.sent.add(request);
		return Flux.just(chunk("{\"role\":\"assistant\",\"content\":\"\"}", null),
				chunk("{\"content\":\"你好\",\"reasoning_content\":\"想\"}", null), chunk("{\"content\":\"呀\"}", "stop"));
	}

	private static ChatResponse response(String content, String reasoning) {
		return JSON.readValue(
				"{\"id\":\"1\",\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
						+ content + "\",\"reasoning_content\":\"" + reasoning + "\"},\"finish_reason\":\"stop\"}]}",
				ChatResponse.class);
	}

	private static ChatChunk chunk(String delta, String finish) {
		return JSON.readValue(
				"{\"id\":\"1\",\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":" + delta
						+ ",\"finish_reason\":" + ((finish != null) ? "\"" + finish + "\"" : "null") + "}]}",
				ChatChunk.class);
	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static org.assertj.core.groups.Tuple tuple(Object... values) {
		return org.assertj.core.groups.Tuple.tuple(values);
	}

	/** A store whose every operation fails, as Redis does when it is down. */
	private static final class BrokenStore implements ChatMemory {

		private final AtomicInteger calls = new AtomicInteger();

		@Override
		public Mono<List<ChatMessage>> read(String conversationId) {
			this.calls.incrementAndGet();
			return Mono.error(new ChatMemoryException("store down: conversation '" + conversationId + "'", null));
		}

		@Override
		public Mono<Void> append(String conversationId, List<ChatMessage> messages) {
			return Mono.error(new ChatMemoryException("store down", null));
		}

		@Override
		public Mono<Void> clear(String conversationId) {
			return Mono.error(new ChatMemoryException("store down", null));
		}

		@Override
		public Flux<String> conversations() {
			return Flux.error(new ChatMemoryException("store down", null));
		}

	}

}
