package io.github.chatstarter.tokens;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.github.chatstarter.model.ChatMessage;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.model.ContentPart;
import io.github.chatstarter.model.Tool;
import io.github.chatstarter.model.ToolCall;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenEstimatorTests {

	private static final TokenEstimator estimator = TokenEstimator.create();

	/**
	 * OpenAI cookbook, "How to count tokens with tiktoken": these messages are 129 prompt
	 * tokens for gpt-3.5-turbo-0613 and gpt-4-0613, as the API itself reports.
	 */
	private static final List<ChatMessage> COOKBOOK_MESSAGES = List.of(ChatMessage
		.system("You are a helpful, pattern-following assistant that translates corporate jargon into plain English."),
			named("example_user", "New synergies will help drive top-line growth."),
			named("example_assistant", "Things working well together will increase revenue."),
			named("example_user",
					"Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage."),
			named("example_assistant", "Let's talk later when we're less busy about how to do better."),
			ChatMessage.user("This late pivot means we don't have time to boil the ocean for the client deliverable."));

	@Test
	void estimateShouldMatchThePromptTokensOpenAiReportsForGpt4AndGpt35() {
		for (String model : List.of("gpt-3.5-turbo-0613", "gpt-4-0613", "gpt-4")) {
			ChatRequest request = ChatRequest.builder().model(model).messages(COOKBOOK_MESSAGES).build();
			assertThat(estimator.estimate(request)).as(model).isEqualTo(129);
			assertThat(estimator.isExact(model)).isTrue();
		}
	}

	@Test
	void countShouldUseO200kForGpt4oAndTheOSeriesAndCl100kForGpt4() {
		// o200k_base holds far more Chinese words than cl100k_base.
		String text = "杭州今天天气怎么样？请简短回答，并告诉我要不要带伞。";
		int o200k = estimator.count(text, "gpt-4o");
		int cl100k = estimator.count(text, "gpt-4");
		assertThat(o200k).isLessThan(cl100k);
		for (String model : List.of("gpt-4o-mini", "o3-mini", "o1", "openai/gpt-4.1-mini", "gpt-5",
				"chatgpt-4o-latest")) {
			assertThat(estimator.count(text, model)).as(model).isEqualTo(o200k);
			assertThat(estimator.isExact(model)).as(model).isTrue();
		}
		for (String model : List.of("gpt-4-turbo", "gpt-3.5-turbo-16k", "gpt-35-turbo")) {
			assertThat(estimator.count(text, model)).as(model).isEqualTo(cl100k);
		}
		assertThat(estimator.count("tiktoken is great!", "gpt-4")).isEqualTo(6);
	}

	@Test
	void countForOtherModelsShouldBeTheCl100kCountPlusATenthRoundedUp() {
		String text = "杭州今天天气怎么样？请简短回答，并告诉我要不要带伞。";
		int cl100k = estimator.count(text, "gpt-4");
		for (String model : List.of("qwen-turbo", "deepseek-chat", "glm-4", "ernie-bot", "claude-2", "spark-v3.0")) {
			assertThat(estimator.isExact(model)).as(model).isFalse();
			assertThat(estimator.count(text, model)).as(model).isEqualTo((int) Math.ceil(cl100k * 1.1));
		}
		// Chinese text costs more than a token per character on cl100k_base, far above
		// what the Chinese vendors' own tokenizers count (about 0.6 to 1 per character).
		assertThat(estimator.count(text, "qwen-turbo")).isGreaterThan(text.length());
	}

	@Test
	void aMessageCountedBeforeShouldCountTheSameForEachTokenizer() {
		// Counts are remembered per message: a message counted for one tokenizer must
		// still count with the other's tokens, an equal message as the same, a message
		// too long to remember as well.
		TokenEstimator fresh = TokenEstimator.create();
		ChatMessage message = ChatMessage.user("杭州今天天气怎么样？请简短回答，并告诉我要不要带伞。");
		ChatMessage equal = ChatMessage.user(new String("杭州今天天气怎么样？请简短回答，并告诉我要不要带伞。".toCharArray()));
		ChatMessage longMessage = ChatMessage
			.user("杭州".repeat((int) (DefaultTokenEstimator.LONGEST_REMEMBERED_MESSAGE / 2) + 1));
		for (ChatMessage each : List.of(message, longMessage)) {
			int cl100k = fresh.estimate(each, "gpt-4");
			int o200k = fresh.estimate(each, "gpt-4o");
			assertThat(o200k).isLessThan(cl100k);
			assertThat(fresh.estimate(each, "gpt-4o")).isEqualTo(o200k);
			assertThat(fresh.estimate(each, "gpt-4")).isEqualTo(cl100k);
			assertThat(fresh.estimate(each, "qwen-turbo")).isEqualTo((int) Math.ceil(cl100k * 1.1));
			assertThat(TokenEstimator.create().estimate(each, "gpt-4")).isEqualTo(cl100k);
		}
		assertThat(fresh.estimate(equal, "gpt-4")).isEqualTo(fresh.estimate(message, "gpt-4"));
		ChatRequest request = ChatRequest.of("gpt-4o", message, equal);
		assertThat(fresh.estimate(request)).isEqualTo(3 + 2 * fresh.estimate(message, "gpt-4o"));
	}

	@Test
	void aRequestEstimatedAgainShouldCountWhatChangedInItsCopy() {
		// The last request's count is kept for its copy the pre-flight sees; a copy that
		// differs in anything counted is counted anew.
		TokenEstimator fresh = TokenEstimator.create();
		ChatRequest request = ChatRequest.builder().model("gpt-4").messages(COOKBOOK_MESSAGES).build();
		assertThat(fresh.estimate(request)).isEqualTo(129);
		assertThat(fresh.estimate(request.mutate().temperature(0.5).build())).isEqualTo(129);
		int longer = fresh.estimate(request.mutate().message(ChatMessage.user("And now?")).build());
		assertThat(longer).isGreaterThan(129);
		assertThat(fresh.estimate(request)).isEqualTo(129);
		assertThat(fresh.estimate(request.mutate().model("gpt-4o").build())).isNotEqualTo(129);
		assertThat(fresh.estimate(request.mutate().model("qwen-turbo").build())).isGreaterThan(129);
		Tool weather = Tool.function("get_weather", "Current weather of a city", Map.of("type", "object"));
		assertThat(fresh.estimate(request.mutate().tools(List.of(weather)).build())).isGreaterThan(129);
	}

	@Test
	void fitsShouldAgreeWithTheExactCountAtEveryLimitAroundIt() {
		List<ChatMessage> messages = List.of(ChatMessage.system("你是天气助手，回答要简短。"),
				ChatMessage.user("杭州今天天气怎么样？What about the wind? 🌧️☂️ Ünïcödé"),
				ChatMessage.assistant("多云转晴，18 到 25 度。"), ChatMessage.user("明天呢？"));
		for (String model : List.of("gpt-4", "gpt-4o", "qwen-turbo")) {
			for (boolean countedBefore : new boolean[] { false, true }) {
				TokenEstimator fresh = TokenEstimator.create();
				ChatRequest request = ChatRequest.builder().model(model).messages(messages).build();
				int exact = TokenEstimator.create().estimate(request);
				if (countedBefore) {
					messages.forEach((message) -> fresh.estimate(message, model));
				}
				for (int limit = exact - 3; limit <= exact + 200; limit++) {
					ChatRequest copy = request.mutate().build();
					assertThat(fresh.fits(copy, limit)).as(model + " within " + limit + " of " + exact)
						.isEqualTo(exact <= limit);
				}
			}
		}
	}

	@Test
	void utf8LengthShouldBeTheEncodedLength() {
		for (String text : List.of("", "plain ascii", "Ünïcödé", "杭州今天天气", "🌧️☂️ mixed 中文 ß", "\u0800\u07ff")) {
			assertThat(DefaultTokenEstimator.utf8Length(text)).as(text)
				.isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
		}
	}

	@Test
	void countWithoutModelShouldBeTheSafeEstimate() {
		assertThat(estimator.isExact(null)).isFalse();
		assertThat(estimator.count("hello world", null)).isEqualTo((int) Math.ceil(2 * 1.1));
	}

	@Test
	void estimateShouldCountToolCallsToolResultsImagesAndToolDefinitions() {
		ChatMessage question = ChatMessage.user("北京天气?");
		ChatMessage call = ChatMessage
			.assistant(List.of(ToolCall.function("call_1", "get_weather", "{\"city\":\"北京\"}")));
		ChatMessage result = ChatMessage.tool("call_1", "{\"sky\":\"sunny\",\"temperature_c\":21}");
		int plain = estimator.estimate(ChatRequest.of("gpt-4o", question));
		int withPair = estimator.estimate(ChatRequest.of("gpt-4o", question, call, result));
		assertThat(withPair - plain)
			.isEqualTo(estimator.estimate(call, "gpt-4o") + estimator.estimate(result, "gpt-4o"));
		assertThat(estimator.estimate(call, "gpt-4o"))
			.isGreaterThan(3 + estimator.count("{\"city\":\"北京\"}", "gpt-4o"));
		Tool weather = Tool.function("get_weather", "Current weather of a city",
				Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string"))));
		int withTool = estimator
			.estimate(ChatRequest.builder().model("gpt-4o").message(question).tool(weather).build());
		assertThat(withTool).isGreaterThan(plain + estimator.count("Current weather of a city", "gpt-4o"));
		ChatMessage picture = ChatMessage.user(ContentPart.text("这是什么?"),
				ContentPart.imageUrl("https://example.com/cat.png", "low"));
		assertThat(estimator.estimate(picture, "gpt-4o"))
			.isEqualTo(3 + estimator.count("user", "gpt-4o") + estimator.count("这是什么?", "gpt-4o") + 85);
	}

	@Test
	void countShouldTakeSpecialTokenTextAsOrdinaryText() {
		assertThat(estimator.count("<|endoftext|>", "gpt-4")).isGreaterThan(1);
	}

	private static ChatMessage named(String name, String content) {
		return ChatMessage.builder().role(ChatMessage.SYSTEM).name(name).content(content).build();
	}

}
