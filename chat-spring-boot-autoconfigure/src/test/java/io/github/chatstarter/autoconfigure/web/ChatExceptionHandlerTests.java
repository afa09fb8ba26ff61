package io.github.chatstarter.autoconfigure.web;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import io.github.chatstarter.client.Fixtures;
import io.github.chatstarter.client.ProviderChatTemplate;
import io.github.chatstarter.client.ProviderSettings;
import io.github.chatstarter.error.ChatAllProvidersFailedException;
import io.github.chatstarter.error.ChatAuthenticationException;
import io.github.chatstarter.error.ChatBadRequestException;
import io.github.chatstarter.error.ChatConnectionException;
import io.github.chatstarter.error.ChatContentFilterException;
import io.github.chatstarter.error.ChatException;
import io.github.chatstarter.error.ChatModelNotFoundException;
import io.github.chatstarter.error.ChatPermissionDeniedException;
import io.github.chatstarter.error.ChatProtocolException;
import io.github.chatstarter.error.ChatQuotaExceededException;
import io.github.chatstarter.error.ChatRateLimitException;
import io.github.chatstarter.error.ChatServerException;
import io.github.chatstarter.error.ChatTimeoutException;
import io.github.chatstarter.error.UpstreamError;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.test.LocalUpstream;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.http.HttpStatus;
import reactor.test.StepVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a WebFlux application answers when a chat failure escapes its controller.
 */
@ExtendWith(OutputCaptureExtension.class)
class ChatExceptionHandlerTests {

	private static final String KEY = "sk-web-secret-key-0123456789abcdef";

	@RegisterExtension
	final LocalUpstream upstream = new LocalUpstream();

	static Stream<Arguments> failures() {
		return Stream.of(
				Arguments.of(new ChatContentFilterException("filtered", upstream(400, "content_filter", "敏感词"), null),
						400, "content review"),
				Arguments.of(
						new ChatBadRequestException("bad",
								upstream(400, "context_length_exceeded",
										"This model's maximum context length is 4097 tokens"),
								null),
						400, "maximum context length is 4097"),
				Arguments.of(new ChatRateLimitException("slow",
						new UpstreamError("xingyun", 429, null, "rate_limit_exceeded", "slow down",
								Duration.ofMillis(6500)),
						null), 429, "rate limiting"),
				Arguments.of(
						new ChatAuthenticationException("Provider 'xingyun': API key rejected: " + KEY,
								upstream(401, "invalid_api_key", "Incorrect API key provided: " + KEY), null),
						502, "credentials"),
				Arguments.of(new ChatPermissionDeniedException("denied", upstream(403, null, "forbidden"), null), 502,
						"credentials"),
				Arguments.of(new ChatQuotaExceededException("quota", upstream(401, null, "额度已用尽"), null), 503, "quota"),
				Arguments.of(
						new ChatModelNotFoundException("model", upstream(404, "model_not_found", "no model"), null),
						502, "model"),
				Arguments.of(new ChatProtocolException("garbled", UpstreamError.of("xingyun"), null), 502,
						"could not be read"),
				Arguments.of(new ChatServerException("down", upstream(500, null, "boom"), null), 503, "unavailable"),
				Arguments.of(new ChatConnectionException("refused", UpstreamError.of("xingyun"), null), 503,
						"unavailable"),
				Arguments.of(new ChatTimeoutException("slow", UpstreamError.of("xingyun"), null), 504, "in time"),
				Arguments.of(
						new ChatAllProvidersFailedException("gpt-4",
								Map.of("xingyun",
										new ChatServerException("down", upstream(502, null, "bad gateway"), null))),
						503, "No chat provider"),
				Arguments.of(new ChatException("Provider 'xingyun': the call failed"), 503, "unavailable"));
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@MethodSource("failures")
	void chatFailureShouldBecomeAProblemDetailThatNamesNoKey(ChatException failure, int status, String detail) {
		WebTestClient client = WebTestClient.bindToController(new FailingController(failure))
			.controllerAdvice(new ReactiveChatExceptionHandler())
			.build();
		WebTestClient.ResponseSpec response = client.get().uri("/chat").exchange();
		response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(status)
			.jsonPath("$.instance")
			.isEqualTo("/chat")
			.jsonPath("$.detail")
			.value((String text) -> assertThat(text).contains(detail))
			.consumeWith((body) -> assertThat(new String(body.getResponseBodyContent())).doesNotContain(KEY)
				.doesNotContain("sk-web"));
		if (failure instanceof ChatRateLimitException) {
			response.expectHeader().valueEquals("Retry-After", "7");
		}
	}

	@Test
	void rejectedProviderKeyShouldNeverReachTheCallerAs401() {
		this.upstream.server()
			.stubFor(post(LocalUpstream.CHAT_PATH).willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":{\"message\":\"Incorrect API key provided: " + KEY
						+ "\",\"code\":\"invalid_api_key\"}}")));
		try (ProviderChatTemplate template = xingyun()) {
			callThroughController(template).expectStatus()
				.isEqualTo(502)
				.expectBody()
				.jsonPath("$.title")
				.isEqualTo("Bad Gateway")
				.consumeWith((body) -> assertThat(new String(body.getResponseBodyContent())).doesNotContain(KEY)
					.doesNotContain("401"));
		}
	}

	@Test
	void failureAfterTheResponseWasCommittedShouldWriteNothingMore(CapturedOutput output) {
		ChatException quota = new ChatQuotaExceededException("Provider 'aigs': quota exhausted",
				upstream(402, "insufficient_quota", "no quota"), null);
		MockServerHttpResponse response = new MockServerHttpResponse();
		response.setStatusCode(HttpStatus.OK);
		response.setComplete().block(Duration.ofSeconds(5));
		StepVerifier.create(new ReactiveChatExceptionHandler().handleChatException(quota, response)).verifyComplete();
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(output).contains("Chat call failed after the response was committed");
	}

	@Test
	void workingCallShouldPassThrough() {
		this.upstream.server()
			.stubFor(post(LocalUpstream.CHAT_PATH).willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(Fixtures.text(Fixtures.SEED_000_REPLY))));
		try (ProviderChatTemplate template = xingyun()) {
			callThroughController(template).expectStatus()
				.isOk()
				.expectBody(String.class)
				.isEqualTo("你上面问的问题是:简单说一下你会做什么?");
		}
	}

	private static UpstreamError upstream(int status, String code, String message) {
		return new UpstreamError("xingyun", status, null, code, message, null);
	}

	private ProviderChatTemplate xingyun() {
		return ProviderChatTemplate.create(ProviderSettings.builder("xingyun")
			.baseUrl(this.upstream.baseUrl())
			.apiKey(KEY)
			.defaultModel("gpt-3.5-turbo")
			.build());
	}

	private static WebTestClient.ResponseSpec callThroughController(ProviderChatTemplate template) {
		return WebTestClient.bindToController(new ChatController(template))
			.controllerAdvice(new ReactiveChatExceptionHandler())
			.build()
			.get()
			.uri("/chat/{name}", "xingyun")
			.exchange();
	}

	@RestController
	static class FailingController {

		private final ChatException failure;

		FailingController(ChatException failure) {
			this.failure = failure;
		}

		@GetMapping("/chat")
		Mono<String> chat() {
			return Mono.error(this.failure);
		}

	}

	@RestController
	static class ChatController {

		private final ProviderChatTemplate template;

		ChatController(ProviderChatTemplate template) {
			this.template = template;
		}

		@GetMapping("/chat/{name}")
		Mono<String> chat(@PathVariable String name) {
			return this.template.chat(ChatRequest.ofUserMessage("hi")).map((response) -> response.content());
		}

	}

}
