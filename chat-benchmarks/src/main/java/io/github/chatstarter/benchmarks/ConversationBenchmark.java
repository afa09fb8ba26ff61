package io.github.chatstarter.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.chatstarter.client.ProviderChatTemplate;
import io.github.chatstarter.client.ProviderSettings;
import io.github.chatstarter.memory.ChatMemory;
import io.github.chatstarter.memory.ConversationMemory;
import io.github.chatstarter.model.ChatMessage;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.model.ChatResponse;
import io.github.chatstarter.tokens.ContextWindowCheck;
import io.github.chatstarter.tokens.ModelLimitsRegistry;
import io.github.chatstarter.tokens.TokenEstimator;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * What token counting and trimming add to a non-streamed call with a 20-turn history
 * (gpt-4: 8,192 tokens, counted with cl100k_base), over an exchange that answers from
 * memory: {@code historyByHand} sends the whole history the application kept itself, with
 * no check; {@code historyByHandWithPreflight} adds the context-window pre-flight (the
 * whole prompt counted); {@code conversation} keeps the history in the in-memory store:
 * read, counted message by message, trimmed, and sent through the template with its
 * pre-flight; {@code conversationWithoutLimits} does the same for a model without a known
 * context window, so nothing is counted or trimmed: the difference between the two is
 * what counting and trimming cost, the rest is reading the store and composing the
 * request. Its store answers the same 20 turns every time and drops the appended turn, so
 * every call sends the same history: the figure is the counting and trimming, not a
 * growing conversation or the store.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ConversationBenchmark {

	static final int TURNS = 20;

	private static final byte[] REPLY = Payloads.completion(ClientRun.REPLY_CONTENT);

	private static final String MODEL = "gpt-4";

	/** A model no limit is known for. */
	private static final String UNLIMITED_MODEL = "bench-private-model";

	private ProviderChatTemplate plain;

	private ProviderChatTemplate checked;

	private ConversationMemory memory;

	private ChatRequest question;

	private List<ChatMessage> history;

	/** Numbers each call's question, so that every call asks something new. */
	private int calls;

	@Setup
	public void setUp() {
		ExchangeFunction fromMemory = InMemoryExchange.answering(REPLY);
		TokenEstimator estimator = TokenEstimator.create();
		ModelLimitsRegistry limits = ModelLimitsRegistry.defaults();
		this.plain = template(fromMemory, null);
		this.checked = template(fromMemory, new ContextWindowCheck("bench", limits, estimator));
		List<ChatMessage> history = history();
		this.memory = ConversationMemory.builder(new FixedHistory(history)).estimator(estimator).limits(limits).build();
		this.question = ChatRequest.of(MODEL, ChatMessage.system("你是天气助手，回答要简短。"), ChatMessage.user("那明天杭州呢？需要带伞吗？"));
		this.history = history;
		List<ChatMessage> all = new ArrayList<>();
		all.add(this.question.messages().get(0));
		all.addAll(history);
		all.add(this.question.messages().get(1));
		int promptTokens = estimator.estimate(ChatRequest.builder().model(MODEL).messages(all).build());
		if (promptTokens > 8192 * 3 / 4) {
			throw new IllegalStateException("The history should fit gpt-4's window untrimmed: " + promptTokens);
		}
		check(historyByHand());
		check(historyByHandWithPreflight());
		check(conversation());
		check(conversationWithoutLimits());
	}

	@TearDown
	public void tearDown() {
		this.plain.close();
		this.checked.close();
	}

	@Benchmark
	public String historyByHand() {
		return this.plain.chat(byHand(MODEL)).map(ChatResponse::content).block();
	}

	@Benchmark
	public String historyByHandWithPreflight() {
		return this.checked.chat(byHand(MODEL)).map(ChatResponse::content).block();
	}

	@Benchmark
	public String conversation() {
		return this.memory.call("bench", question(MODEL), this.checked::chat).map(ChatResponse::content).block();
	}

	@Benchmark
	public String conversationWithoutLimits() {
		return this.memory.call("bench", question(UNLIMITED_MODEL), this.checked::chat)
			.map(ChatResponse::content)
			.block();
	}

	/**
	 * A new question, as each call of a conversation asks one: its tokens are counted on
	 * every call, the history's were counted before.
	 */
	private ChatRequest question(String model) {
		return ChatRequest.of(model, this.question.messages().get(0),
				ChatMessage.user("那明天杭州呢？需要带伞吗？（第" + (++this.calls) + "次）"));
	}

	/** The application's own history and a new question, sent as one request. */
	private ChatRequest byHand(String model) {
		List<ChatMessage> all = new ArrayList<>(this.history.size() + 2);
		ChatRequest question = question(model);
		all.add(question.messages().get(0));
		all.addAll(this.history);
		all.add(question.messages().get(1));
		return ChatRequest.builder().model(model).messages(all).build();
	}

	/**
	 * 20 turns: a question of about 30 tokens and an answer of about 80, Chinese and
	 * English.
	 */
	static List<ChatMessage> history() {
		List<ChatMessage> history = new ArrayList<>();
		for (int turn = 0; turn < TURNS; turn++) {
			history.add(ChatMessage.user("第" + turn + "个问题：杭州今天的天气怎么样？What about the wind and the air quality?"));
			history.add(ChatMessage.assistant("杭州今天多云转晴，气温18到25度，东南风3级。Air quality is good (AQI " + (40 + turn)
					+ "), so a walk by the West Lake is a fine idea; 傍晚可能有小雨，建议带一把折叠伞。"));
		}
		return history;
	}

	/**
	 * Runs this benchmark alone ({@link ThreadCpuRun}: thread CPU time and bytes, 5
	 * rounds) and prints its BENCHMARKS.md section.
	 * @param args none
	 * @throws Exception if JMH fails
	 */
	public static void main(String[] args) throws Exception {
		Results results = new Results();
		BenchmarkMain.fromMemory(List.of("conversation"), 1, results);
		System.out.println(Report.conversationSection(results));
	}

	private static ProviderChatTemplate template(ExchangeFunction exchange, @Nullable ContextWindowCheck check) {
		ProviderSettings settings = ProviderSettings.builder("bench")
			.baseUrl(Requests.IN_MEMORY_BASE_URL)
			.apiKey("sk-bench-conversation")
			.defaultModel(MODEL)
			.build();
		ProviderChatTemplate.Builder builder = ProviderChatTemplate.builder(settings)
			.webClientBuilder(WebClient.builder().exchangeFunction(exchange));
		if (check != null) {
			builder.requestCheck(check);
		}
		return builder.build();
	}

	/** The same history on every read; appends are dropped. */
	private static final class FixedHistory implements ChatMemory {

		private final List<ChatMessage> history;

		FixedHistory(List<ChatMessage> history) {
			this.history = List.copyOf(history);
		}

		@Override
		public Mono<List<ChatMessage>> read(String conversationId) {
			return Mono.just(this.history);
		}

		@Override
		public Mono<Void> append(String conversationId, List<ChatMessage> messages) {
			return Mono.empty();
		}

		@Override
		public Mono<Void> clear(String conversationId) {
			return Mono.empty();
		}

		@Override
		public Flux<String> conversations() {
			return Flux.just("bench");
		}

	}

	private static void check(String content) {
		if (content.length() != ClientRun.REPLY_CONTENT) {
			throw new IllegalStateException(
					"Decoded " + content.length() + " characters instead of " + ClientRun.REPLY_CONTENT);
		}
	}

}
