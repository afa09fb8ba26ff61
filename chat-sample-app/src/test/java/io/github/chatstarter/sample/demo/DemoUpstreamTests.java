package io.github.chatstarter.sample.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.chatstarter.model.ChatChunk;
import io.github.chatstarter.model.ChatResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.util.function.Tuple2;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo upstream speaks the chat-completions protocol as the seed documents show it.
 */
class DemoUpstreamTests {

	private static final Duration CHUNK_DELAY = Duration.ofMillis(20);

	private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENTS = new ParameterizedTypeReference<>() {
	};

	private static DemoUpstream upstream;

	private static WebClient client;

	@BeforeAll
	static void start() {
		upstream = DemoUpstream.start(CHUNK_DELAY);
		client = WebClient.builder()
			.baseUrl(upstream.baseUrl())
			.defaultHeader("Authorization", "Bearer " + DemoUpstream.API_KEY)
			.build();
	}

	@AfterAll
	static void stop() {
		upstream.close();
	}

	@Test
	void baseUrlShouldBeLoopbackWithVersionPath() {
		assertThat(upstream.baseUrl()).isEqualTo("http://127.0.0.1:" + upstream.port() + "/v1");
	}

	@Test
	void chatWhenNotStreamingShouldAnswerWithCompletionEchoingTheQuestion() {
		ResponseEntity<String> reply = post(body("What is Reactor?", false)).retrieve().toEntity(String.class).block();

		assertThat(reply.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
		ChatResponse response = JsonMapper.shared().readValue(reply.getBody(), ChatResponse.class);
		assertThat(response.object()).isEqualTo("chat.completion");
		assertThat(response.model()).isEqualTo("demo-chat");
		assertThat(response.content()).contains("You asked: “What is Reactor?”").contains("turn 1");
		assertThat(response.finishReason()).isEqualTo("stop");
		assertThat(response.usage().completionTokens()).isPositive();
		assertThat(response.usage().totalTokens())
			.isEqualTo(response.usage().promptTokens() + response.usage().completionTokens());
	}

	@Test
	void chatShouldCountTheConversationsTurns() {
		Map<String, Object> body = Map.of("model", "demo-chat-large", "messages",
				List.of(Map.of("role", "user", "content", "Hi"), Map.of("role", "assistant", "content", "Hello"),
						Map.of("role", "user", "content", "And now?")));

		ChatResponse response = JsonMapper.shared()
			.readValue(post(body).retrieve().bodyToMono(String.class).block(), ChatResponse.class);

		assertThat(response.content()).contains("“And now?”").contains("turn 2").contains("demo-chat-large");
	}

	@Test
	void streamShouldSendChunksSpreadOverTimeThenFinishUsageAndDone() {
		List<Tuple2<Long, ServerSentEvent<String>>> events = post(body("Tell me about streams please", true)).retrieve()
			.bodyToFlux(EVENTS)
			.elapsed()
			.collectList()
			.block(Duration.ofSeconds(10));

		List<String> data = events.stream().map((event) -> event.getT2().data()).toList();
		assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
		List<ChatChunk> chunks = data.subList(0, data.size() - 1)
			.stream()
			.map((json) -> JsonMapper.shared().readValue(json, ChatChunk.class))
			.toList();
		assertThat(chunks.get(0).choices().get(0).delta().role()).isEqualTo("assistant");
		String text = String.join("", chunks.stream().map(ChatChunk::content).toList());
		assertThat(text).startsWith("You asked: “Tell me about streams please”");
		assertThat(chunks.stream().filter((chunk) -> !chunk.content().isEmpty())).hasSizeGreaterThan(10);
		ChatChunk finish = chunks.get(chunks.size() - 2);
		assertThat(finish.finishReason()).isEqualTo("stop");
		ChatChunk usage = chunks.get(chunks.size() - 1);
		assertThat(usage.choices()).isEmpty();
		assertThat(usage.usage().completionTokens()).isPositive();
		// Each event waits for the chunk delay, so the answer arrives over time and not
		// in one piece.
		long arriving = events.stream().skip(1).mapToLong(Tuple2::getT1).filter((gap) -> gap >= 10).count();
		assertThat(arriving).isGreaterThan(events.size() / 2);
	}

	@Test
	void streamShouldSplitChineseIntoSingleCharacters() {
		String text = post(body("你好", true)).retrieve()
			.bodyToFlux(EVENTS)
			.map(ServerSentEvent::data)
			.filter((data) -> !"[DONE]".equals(data))
			.map((json) -> JsonMapper.shared().readValue(json, ChatChunk.class).content())
			.filter((content) -> content.equals("你") || content.equals("好"))
			.collectList()
			.map((pieces) -> String.join("", pieces))
			.block(Duration.ofSeconds(10));

		assertThat(text).isEqualTo("你好");
	}

	@ParameterizedTest(name = "{0} -> {1} {2}")
	@CsvSource({ "'/simulate quota', 403, insufficient_quota, insufficient_quota",
			"'please /simulate key', 401, invalid_request_error, invalid_api_key",
			"'/SIMULATE KEY', 401, invalid_request_error, invalid_api_key",
			"'/simulate model', 403, invalid_request_error, model_not_found", "'/simulate down', 503, server_error, " })
	void chatWhenQuestionHasTriggerWordShouldAnswerWithSeedError(String question, int status, String type,
			String code) {
		for (boolean stream : new boolean[] { false, true }) {
			ResponseEntity<String> reply = post(body(question, stream))
				.exchangeToMono((response) -> response.toEntity(String.class))
				.block();

			assertThat(reply.getStatusCode().value()).isEqualTo(status);
			JsonNode error = JsonMapper.shared().readTree(reply.getBody()).path("error");
			assertThat(error.path("type").stringValue()).isEqualTo(type);
			assertThat(error.path("code").isNull() ? null : error.path("code").stringValue()).isEqualTo(code);
			assertThat(error.path("message").stringValue()).isNotBlank();
		}
	}

	@Test
	void ordinaryQuestionsShouldNeverSimulateAnError() {
		assertThat(DemoError.triggeredBy("Which model are you? Is the server down? How much quota is left?")).isNull();
		assertThat(DemoError.triggeredBy("see /simulated results")).isNull();
		assertThat(DemoError.triggeredBy("/simulate nonsense").status()).isEqualTo(400);
		assertThat(DemoError.triggeredBy("/simulate nonsense").message()).contains("[down, key, model, quota]");
	}

	@Test
	void chatWithoutTheDemoKeyShouldBeRejectedAsInvalidApiKey() {
		ResponseEntity<String> reply = WebClient.create(upstream.baseUrl())
			.post()
			.uri("/chat/completions")
			.header("Authorization", "Bearer sk-wrong-key-000000")
			.bodyValue(body("Hello", false))
			.exchangeToMono((response) -> response.toEntity(String.class))
			.block();

		assertThat(reply.getStatusCode().value()).isEqualTo(401);
		assertThat(reply.getBody()).contains("\"code\":\"invalid_api_key\"");
	}

	@Test
	void chatWithUnknownModelShouldAnswerModelNotFound() {
		ResponseEntity<String> reply = post(
				Map.of("model", "gpt-4", "messages", List.of(Map.of("role", "user", "content", "Hello"))))
			.exchangeToMono((response) -> response.toEntity(String.class))
			.block();

		assertThat(reply.getStatusCode().value()).isEqualTo(403);
		assertThat(reply.getBody()).contains("model_not_found").contains("gpt-4");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '`',
			value = { "not json|not valid JSON", "{\"messages\":[]}|'model' is required",
					"{\"model\":\"demo-chat\",\"messages\":[]}|'messages' must be a non-empty array",
					"{\"model\":\"demo-chat\",\"messages\":[{\"content\":\"x\"}]}|messages[0].role is required" })
	void chatWithMalformedBodyShouldAnswerBadRequestNamingTheProblem(String body, String problem) {
		ResponseEntity<String> reply = client.post()
			.uri("/chat/completions")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchangeToMono((response) -> response.toEntity(String.class))
			.block();

		assertThat(reply.getStatusCode().value()).isEqualTo(400);
		assertThat(JsonMapper.shared().readTree(reply.getBody()).path("error").path("message").stringValue())
			.contains(problem);
	}

	@Test
	void modelsShouldListTheDemoModels() {
		JsonNode models = JsonMapper.shared()
			.readTree(client.get().uri("/models").retrieve().bodyToMono(String.class).block());

		assertThat(models.path("data").values().stream().map((model) -> model.path("id").stringValue()))
			.containsExactlyElementsOf(DemoUpstream.MODELS);
	}

	private static WebClient.RequestHeadersSpec<?> post(Map<String, Object> body) {
		return client.post().uri("/chat/completions").bodyValue(body);
	}

	private static Map<String, Object> body(String question, boolean stream) {
		return Map.of("model", "demo-chat", "stream", stream, "messages",
				List.of(Map.of("role", "user", "content", question)));
	}

}
