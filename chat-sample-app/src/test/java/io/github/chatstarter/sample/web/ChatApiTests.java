package io.github.chatstarter.sample.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.chatstarter.sample.OfflineSampleTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's HTTP API against the demo upstream, through the starter.
 */
@OfflineSampleTest
@AutoConfigureWebTestClient(timeout = "PT20S")
class ChatApiTests {

	private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENTS = new ParameterizedTypeReference<>() {
	};

	@Autowired
	private WebTestClient client;

	@Test
	void actuatorShouldReportTheDemoProvidersHealthWithoutItsKey() {
		this.client.get()
			.uri("/actuator/health/chat/demo")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("\"status\":\"UP\"").doesNotContain("Bearer"));
	}

	@Test
	void providersShouldListTheDemoWithItsModelsAsDefault() {
		this.client.get()
			.uri("/api/providers")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.length()")
			.isEqualTo(1)
			.jsonPath("$[0].name")
			.isEqualTo("demo")
			.jsonPath("$[0].defaultModel")
			.isEqualTo("demo-chat")
			.jsonPath("$[0].models")
			.isEqualTo(List.of("demo-chat", "demo-chat-large"))
			.jsonPath("$[0].isDefault")
			.isEqualTo(true)
			.jsonPath("$[0].health")
			.isEqualTo("UP");
	}

	@Test
	void chatShouldAnswerWithTextProviderModelAndUsage() {
		expectAnswer(question("What is WebFlux?")).jsonPath("$.answer")
			.value(String.class, (answer) -> assertThat(answer).contains("You asked: “What is WebFlux?”"))
			.jsonPath("$.provider")
			.isEqualTo("demo")
			.jsonPath("$.model")
			.isEqualTo("demo-chat")
			.jsonPath("$.finishReason")
			.isEqualTo("stop")
			.jsonPath("$.usage.completionTokens")
			.value(Integer.class, (tokens) -> assertThat(tokens).isPositive())
			.jsonPath("$.usage.totalTokens")
			.value(Integer.class, (tokens) -> assertThat(tokens).isGreaterThan(2));
	}

	@Test
	void chatShouldSendTheWholeConversation() {
		Map<String, Object> form = Map.of("messages", List.of(turn("system", "You are terse."), turn("user", "Hi"),
				turn("assistant", "Hello"), turn("user", "What did I say?")));

		expectAnswer(form).jsonPath("$.answer")
			.value(String.class, (answer) -> assertThat(answer).contains("“What did I say?”").contains("turn 2"));
	}

	@Test
	void aConversationShouldBeKeptByTheStarterReadAndCleared() {
		String id = "api-" + System.nanoTime();
		expectAnswer(Map.of("messages", List.of(turn("user", "My name is Ming")), "conversation", id));
		expectAnswer(Map.of("messages", List.of(turn("user", "What is my name?")), "conversation", id))
			.jsonPath("$.answer")
			.value(String.class, (answer) -> assertThat(answer).contains("Before that you asked: “My name is Ming”")
				.contains("turn 2"));
		this.client.get()
			.uri("/api/conversations/{id}", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.length()")
			.isEqualTo(4)
			.jsonPath("$[0].content")
			.isEqualTo("My name is Ming")
			.jsonPath("$[1].role")
			.isEqualTo("assistant");
		this.client.delete().uri("/api/conversations/{id}", id).exchange().expectStatus().isNoContent();
		this.client.get()
			.uri("/api/conversations/{id}", id)
			.exchange()
			.expectBody()
			.jsonPath("$.length()")
			.isEqualTo(0);
	}

	@Test
	void chatWithProviderAndModelShouldUseThem() {
		Map<String, Object> form = Map.of("messages", List.of(turn("user", "Hi")), "provider", "demo", "model",
				"demo-chat-large");

		expectAnswer(form).jsonPath("$.provider").isEqualTo("demo").jsonPath("$.model").isEqualTo("demo-chat-large");
	}

	@ParameterizedTest(name = "\"{0}\" -> {1}")
	@CsvSource({ "/simulate quota, ChatQuotaExceededException, insufficient_quota, 403, quota is used up, 503",
			"/simulate key, ChatAuthenticationException, invalid_api_key, 401, rejected the API key, 502",
			"/simulate model, ChatModelNotFoundException, model_not_found, 403, does not offer this model, 502",
			"/simulate down, ChatServerException, , 503, is down, 503" })
	void chatWhenProviderFailsShouldAnswerGatewayErrorWithReadableError(String question, String type, String code,
			int upstreamStatus, String title, int status) {
		this.client.post()
			.uri("/api/chat")
			.bodyValue(question(question))
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(type)
			.jsonPath("$.title")
			.value(String.class, (text) -> assertThat(text).contains(title))
			.jsonPath("$.message")
			.value(String.class, (text) -> assertThat(text).contains("demo"))
			.jsonPath("$.provider")
			.isEqualTo("demo")
			.jsonPath("$.upstreamStatus")
			.isEqualTo(upstreamStatus)
			.jsonPath("$.code")
			.isEqualTo(code);
	}

	@Test
	void chatAfterSimulatedQuotaAndOutageShouldAnswerTheNextQuestion() {
		// The error bodies are read (not only the statuses): an unread body would hold
		// its pooled buffer.
		Map<String, String> failures = Map.of("quota", "ChatQuotaExceededException", "key",
				"ChatAuthenticationException", "down", "ChatServerException");
		failures.forEach((failing, type) -> this.client.post()
			.uri("/api/chat")
			.bodyValue(question("/simulate " + failing))
			.exchange()
			.expectStatus()
			.is5xxServerError()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(type));

		expectAnswer(question("Still there?")).jsonPath("$.answer")
			.value(String.class, (answer) -> assertThat(answer).contains("“Still there?”"));
	}

	@ParameterizedTest(name = "{1}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', value = { "{}|'messages' must hold at least the question",
			"{\"messages\":[{\"role\":\"user\",\"content\":\" \"}]}|messages[0].content must not be blank",
			"{\"messages\":[{\"role\":\"robot\",\"content\":\"Hi\"}]}|messages[0].role must be one of",
			"{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\",\"content\":\"Hello\"}]}|The last message must be the user's question",
			"{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"provider\":\"openai\"}|No chat provider is named 'openai'; configured providers: [demo]" })
	void chatWithBadFormShouldAnswerBadRequestNamingTheProblem(String form, String problem) {
		for (String uri : List.of("/api/chat", "/api/chat/stream")) {
			this.client.post()
				.uri(uri)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(form)
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("InvalidChatFormException")
				.jsonPath("$.message")
				.value(String.class, (text) -> assertThat(text).contains(problem));
		}
	}

	@Test
	void streamShouldSendTextEventsThenDone() {
		List<ServerSentEvent<String>> events = stream(question("Explain streaming"));

		List<ServerSentEvent<String>> chunks = events.subList(0, events.size() - 1);
		assertThat(chunks).isNotEmpty().allMatch((event) -> "text".equals(event.event()));
		String text = String.join("", chunks.stream().map((event) -> json(event).path("text").stringValue()).toList());
		assertThat(text).startsWith("You asked: “Explain streaming”").endsWith("answered by model demo-chat.");
		assertThat(chunks).hasSizeGreaterThan(10)
			.allMatch((event) -> !json(event).path("text").stringValue().isEmpty());
		ServerSentEvent<String> done = events.get(events.size() - 1);
		assertThat(done.event()).isEqualTo("done");
		JsonNode summary = json(done);
		assertThat(summary.path("provider").stringValue()).isEqualTo("demo");
		assertThat(summary.path("model").stringValue()).isEqualTo("demo-chat");
		assertThat(summary.path("finishReason").stringValue()).isEqualTo("stop");
		assertThat(summary.path("usage").path("completionTokens").intValue()).isPositive();
	}

	@ParameterizedTest(name = "\"{0}\" -> {1}")
	@CsvSource({ "/simulate quota, ChatQuotaExceededException, quota is used up",
			"/simulate key, ChatAuthenticationException, rejected the API key",
			"/simulate model, ChatModelNotFoundException, does not offer this model",
			"/simulate down, ChatServerException, is down" })
	void streamWhenProviderFailsShouldEndWithErrorEvent(String question, String type, String title) {
		List<ServerSentEvent<String>> events = stream(question(question));

		assertThat(events).hasSize(1);
		assertThat(events.get(0).event()).isEqualTo("error");
		JsonNode error = json(events.get(0));
		assertThat(error.path("type").stringValue()).isEqualTo(type);
		assertThat(error.path("title").stringValue()).contains(title);
		assertThat(error.path("message").stringValue()).contains("[demo: /simulate");
		assertThat(error.path("provider").stringValue()).isEqualTo("demo");
	}

	@Test
	void pageShouldBeServedAtTheRoot() {
		this.client.get()
			.uri("/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains("<title>Chat sample</title>").contains("app.js"));
	}

	/** Posts the form to /api/chat and expects a 200 answer. */
	private WebTestClient.BodyContentSpec expectAnswer(Map<String, Object> form) {
		return this.client.post().uri("/api/chat").bodyValue(form).exchange().expectStatus().isOk().expectBody();
	}

	private List<ServerSentEvent<String>> stream(Map<String, Object> form) {
		return this.client.post()
			.uri("/api/chat/stream")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.bodyValue(form)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
			.returnResult(EVENTS)
			.getResponseBody()
			.collectList()
			.block(Duration.ofSeconds(20));
	}

	private static JsonNode json(ServerSentEvent<String> event) {
		return JsonMapper.shared().readTree(event.data());
	}

	private static Map<String, Object> question(String text) {
		return Map.of("messages", List.of(turn("user", text)));
	}

	private static Map<String, String> turn(String role, String content) {
		return Map.of("role", role, "content", content);
	}

}
