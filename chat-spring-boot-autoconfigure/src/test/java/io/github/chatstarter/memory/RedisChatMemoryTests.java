package io.github.chatstarter.memory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.github.chatstarter.model.ChatMessage;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.model.ChatResponse;
import io.github.chatstarter.test.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conversations in a real Redis, shared by two instances (each with its own connection),
 * and a Redis that goes down and comes back.
 */
class RedisChatMemoryTests {

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<LettuceConnectionFactory> connections = new ArrayList<>();

	@BeforeEach
	void flush() {
		redis.start();
		redis.command("FLUSHALL");
	}

	@AfterEach
	void close() {
		this.connections.forEach(LettuceConnectionFactory::destroy);
		redis.start();
	}

	@Test
	void aConversationShouldBeSharedByTwoInstances() {
		ConversationMemory first = ConversationMemory.builder(store()).build();
		ConversationMemory second = ConversationMemory.builder(store()).build();
		first.call("tab-1", ChatRequest.of("gpt-4o", ChatMessage.user("我叫小明")), (request) -> answer("你好小明")).block();
		List<ChatRequest> sent = new ArrayList<>();
		second.call("tab-1", ChatRequest.of("gpt-4o", ChatMessage.user("我叫什么?")), (request) -> {
			sent.add(request);
			return answer("你叫小明");
		}).block();
		assertThat(sent.get(0).messages()).extracting(ChatMessage::content).containsExactly("我叫小明", "你好小明", "我叫什么?");
		assertThat(first.read("tab-1").block()).extracting(ChatMessage::content)
			.containsExactly("我叫小明", "你好小明", "我叫什么?", "你叫小明");
		assertThat(first.conversations().collectList().block()).containsExactly("tab-1");
		StepVerifier.create(second.clear("tab-1")).verifyComplete();
		assertThat(first.read("tab-1").block()).isEmpty();
	}

	@Test
	void appendsOfTwoInstancesAtOnceShouldNeverInterleaveATurn() {
		ChatMemory one = store();
		ChatMemory two = store();
		Flux.merge(Flux.range(0, 50)
			.map((i) -> ((i % 2 == 0) ? one : two)
				.append("shared", List.of(ChatMessage.user("question " + i), ChatMessage.assistant("answer " + i)))
				.subscribeOn(Schedulers.parallel())))
			.blockLast(Duration.ofSeconds(30));
		List<ChatMessage> stored = one.read("shared").block();
		assertThat(stored).hasSize(100);
		for (int i = 0; i < stored.size(); i += 2) {
			String number = stored.get(i).content().substring("question ".length());
			assertThat(stored.get(i + 1).content()).isEqualTo("answer " + number);
		}
		assertThat(IntStream.range(0, 50).mapToObj((i) -> "question " + i))
			.allMatch((question) -> stored.stream().anyMatch((message) -> question.equals(message.content())));
	}

	@Test
	void aConversationShouldKeepItsMostRecentMessagesAndATimeToLive() {
		ChatMemory store = new RedisChatMemory(connection(), "chat:memory:", 4, Duration.ofMinutes(30),
				Duration.ofSeconds(2));
		for (int i = 0; i < 5; i++) {
			store.append("c", List.of(ChatMessage.user("q" + i), ChatMessage.assistant("a" + i))).block();
		}
		assertThat(store.read("c").block()).extracting(ChatMessage::content).containsExactly("q3", "a3", "q4", "a4");
		long ttl = Long.parseLong(redis.command("PTTL chat:memory:c").substring(1));
		assertThat(ttl).isBetween(Duration.ofMinutes(29).toMillis(), Duration.ofMinutes(30).toMillis());
	}

	@Test
	void aRedisThatIsDownShouldFailTheCallOrBeSkippedAndWorkAgainWhenBack() {
		ChatMemory store = store();
		ConversationMemory strict = ConversationMemory.builder(store).build();
		ConversationMemory lenient = ConversationMemory.builder(store).onStoreFailure(OnStoreFailure.CONTINUE).build();
		ChatRequest request = ChatRequest.of("gpt-4o", ChatMessage.user("你好"));
		strict.call("down", request, (full) -> answer("在")).block();
		redis.stop();
		StepVerifier.create(strict.call("down", request, (full) -> answer("不会发送")))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(ChatMemoryException.class)
				.hasMessageContaining("conversation 'down'"))
			.verify(Duration.ofSeconds(10));
		List<ChatRequest> sent = new ArrayList<>();
		StepVerifier.create(lenient.call("down", request, (full) -> {
			sent.add(full);
			return answer("没有历史也回答");
		})).expectNextCount(1).verifyComplete();
		assertThat(sent.get(0).messages()).hasSize(1);
		redis.start();
		// A restarted Redis is empty (no persistence): the conversation starts anew.
		// Lettuce
		// reconnects on its own schedule; the call is repeated until it has.
		StepVerifier
			.create(Mono.defer(() -> strict.call("down", request, (full) -> answer("又在了")))
				.retryWhen(Retry.backoff(40, Duration.ofMillis(50)).maxBackoff(Duration.ofMillis(500))))
			.expectNextCount(1)
			.verifyComplete();
		assertThat(store.read("down").block()).extracting(ChatMessage::content).containsExactly("你好", "又在了");
	}

	private ChatMemory store() {
		return new RedisChatMemory(connection(), "chat:memory:", 200, Duration.ofHours(1), Duration.ofSeconds(3));
	}

	private LettuceConnectionFactory connection() {
		LettuceConnectionFactory factory = redis.newConnectionFactory();
		this.connections.add(factory);
		return factory;
	}

	private static Mono<ChatResponse> answer(String content) {
		return Mono.just(JSON.readValue(
				"{\"id\":\"1\",\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"message\":"
						+ "{\"role\":\"assistant\",\"content\":\"" + content + "\"},\"finish_reason\":\"stop\"}]}",
				ChatResponse.class));
	}

}
