package io.github.chatstarter.client;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.chatstarter.error.ChatAuthenticationException;
import io.github.chatstarter.error.ChatConnectionException;
import io.github.chatstarter.error.ChatException;
import io.github.chatstarter.error.ChatQuotaExceededException;
import io.github.chatstarter.model.ChatChunk;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.test.LocalUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class ProviderResilienceTests {

	private static final RetrySettings FAST_RETRY = new RetrySettings(3, Duration.ofMillis(10), Duration.ofMillis(200));

	@RegisterExtension
	final LocalUpstream upstream = new LocalUpstream();

	private ProviderChatTemplate template;

	@Test
	void serverErrorThenSuccessShouldBeRetriedTransparently() {
		failFirstThenSucceed(aResponse().withStatus(503).withBody("Service Unavailable"), stream());
		StepVerifier
			.create(template("key-a").stream(ChatRequest.ofUserMessage("hi"))
				.map(ChatChunk::content)
				.reduce(String::concat))
			.expectNext(Fixtures.SEED_002_ANSWER)
			.verifyComplete();
		this.upstream.server().verify(2, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)));
	}

	@Test
	void rateLimitWithRetryAfterShouldBeRetried() {
		failFirstThenSucceed(aResponse().withStatus(429)
			.withHeader("Retry-After-Ms", "20")
			.withBody("{\"error\":{\"code\":\"rate_limit_exceeded\",\"message\":\"slow down\"}}"), json());
		assertThat(template("key-a").chat(ChatRequest.ofUserMessage("hi")).block().content()).isNotEmpty();
		this.upstream.server().verify(2, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)));
	}

	@Test
	void retriesShouldStopAfterMaxAttempts() {
		this.upstream.server().stubFor(post(LocalUpstream.CHAT_PATH).willReturn(aResponse().withStatus(502)));
		StepVerifier.create(template("key-a").chat(ChatRequest.ofUserMessage("hi")))
			.expectError(ChatException.class)
			.verify();
		this.upstream.server().verify(3, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)));
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 401, 403, 404, 422 })
	void clientErrorsShouldNotBeRetried(int status) {
		this.upstream.server()
			.stubFor(post(LocalUpstream.CHAT_PATH)
				.willReturn(aResponse().withStatus(status).withBody("{\"error\":{\"message\":\"no\"}}")));
		StepVerifier.create(template("key-a").chat(ChatRequest.ofUserMessage("hi")))
			.expectError(ChatException.class)
			.verify();
		this.upstream.server().verify(1, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)));
	}

	@Test
	void quotaExhaustedShouldNotBeRetriedEvenAs429() {
		this.upstream.server()
			.stubFor(post(LocalUpstream.CHAT_PATH).willReturn(aResponse().withStatus(429)
				.withBody(
						"{\"error\":{\"message\":\"You exceeded your current quota\",\"code\":\"insufficient_quota\"}}")));
		StepVerifier.create(template("key-a").chat(ChatRequest.ofUserMessage("hi")))
			.expectError(ChatQuotaExceededException.class)
			.verify();
		this.upstream.server().verify(1, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)));
	}

	@ParameterizedTest
	@EnumSource(value = Fault.class, names = { "CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK",
			"RANDOM_DATA_THEN_CLOSE" })
	void faultsShouldEndInTypedExceptions(Fault fault) {
		this.upstream.server().stubFor(post(LocalUpstream.CHAT_PATH).willReturn(aResponse().withFault(fault)));
		StepVerifier.create(template("key-a").stream(ChatRequest.ofUserMessage("hi")))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(ChatException.class))
			.verify(Duration.ofSeconds(10));
	}

	@ParameterizedTest
	@EnumSource(value = Fault.class, names = { "CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "RANDOM_DATA_THEN_CLOSE" })
	void faultThenSuccessShouldBeRetried(Fault fault) {
		failFirstThenSucceed(aResponse().withFault(fault), stream());
		StepVerifier
			.create(template("key-a").stream(ChatRequest.ofUserMessage("hi"))
				.map(ChatChunk::content)
				.reduce(String::concat))
			.expectNext(Fixtures.SEED_002_ANSWER)
			.verifyComplete();
	}

	@Test
	void dribbledStreamSplitMidJsonShouldDecode() {
		this.upstream.server()
			.stubFor(post(LocalUpstream.CHAT_PATH).willReturn(stream().withChunkedDribbleDelay(97, 500)));
		StepVerifier
			.create(template("key-a").stream(ChatRequest.ofUserMessage("hi"))
				.map(ChatChunk::content)
				.reduce(String::concat))
			.expectNext(Fixtures.SEED_002_ANSWER)
			.verifyComplete();
	}

	@Test
	void streamFailingAfterFirstChunkShouldNotBeRetried() {
		String half = Fixtures.text(Fixtures.SEED_002_STREAM).substring(0, 700);
		this.upstream.server()
			.stubFor(post(LocalUpstream.CHAT_PATH).willReturn(
					aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(half)));
		StepVerifier.create(template("key-a").stream(ChatRequest.ofUserMessage("hi")))
			.expectNextCount(2)
			.expectError(ChatException.class)
			.verify(Duration.ofSeconds(10));
		this.upstream.server().verify(1, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)));
	}

	@Test
	void rejectedKeyShouldBeSetAsideAndTheNextKeyUsed() {
		this.upstream.server()
			.stubFor(post(LocalUpstream.CHAT_PATH).withHeader("Authorization", equalTo("Bearer key-bad"))
				.willReturn(aResponse().withStatus(401)
					.withBody("{\"error\":{\"code\":\"invalid_api_key\",\"message\":\"api key不合法\"}}")));
		this.upstream.server()
			.stubFor(post(LocalUpstream.CHAT_PATH).withHeader("Authorization", equalTo("Bearer key-good"))
				.willReturn(json()));
		ProviderChatTemplate template = template("key-bad", "key-good");
		for (int i = 0; i < 4; i++) {
			assertThat(template.chat(ChatRequest.ofUserMessage("hi")).block().content()).isNotEmpty();
		}
		this.upstream.server()
			.verify(1, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)).withHeader("Authorization",
					equalTo("Bearer key-bad")));
		this.upstream.server()
			.verify(4, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)).withHeader("Authorization",
					equalTo("Bearer key-good")));
	}

	@Test
	void keysShouldRotate() {
		this.upstream.server().stubFor(post(LocalUpstream.CHAT_PATH).willReturn(json()));
		ProviderChatTemplate template = template("key-a", "key-b");
		for (int i = 0; i < 4; i++) {
			template.chat(ChatRequest.ofUserMessage("hi")).block();
		}
		for (String key : List.of("key-a", "key-b")) {
			this.upstream.server()
				.verify(2, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)).withHeader("Authorization",
						equalTo("Bearer " + key)));
		}
	}

	@Test
	void whenEveryKeyIsSetAsideTheProviderShouldFailWithoutCalling() {
		this.upstream.server()
			.stubFor(post(LocalUpstream.CHAT_PATH).willReturn(aResponse().withStatus(403)
				.withBody("{\"error\":{\"code\":\"insufficient_quota\",\"message\":\"余额不足\"}}")));
		ProviderChatTemplate template = template("key-a", "key-b");
		StepVerifier.create(template.chat(ChatRequest.ofUserMessage("hi")))
			.expectError(ChatQuotaExceededException.class)
			.verify();
		this.upstream.server().verify(2, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)));
		StepVerifier.create(template.chat(ChatRequest.ofUserMessage("hi")))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(ChatQuotaExceededException.class)
				.hasMessageContaining("all 2 API keys are set aside")
				.message()
				.doesNotContain("key-a")
				.doesNotContain("key-b"))
			.verify();
		this.upstream.server().verify(2, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)));
	}

	@Test
	void singleRejectedKeyShouldNotBeSetAside() {
		this.upstream.server()
			.stubFor(post(LocalUpstream.CHAT_PATH)
				.willReturn(aResponse().withStatus(401).withBody("{\"error\":{\"code\":\"invalid_api_key\"}}")));
		ProviderChatTemplate template = template("key-a");
		for (int i = 0; i < 2; i++) {
			StepVerifier.create(template.chat(ChatRequest.ofUserMessage("hi")))
				.expectError(ChatAuthenticationException.class)
				.verify();
		}
		this.upstream.server().verify(2, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)));
	}

	@Test
	void downProviderShouldFailAfterRetriesWithConnectionException() {
		ProviderChatTemplate template = template("key-a");
		this.upstream.server().stop();
		StepVerifier.create(template.stream(ChatRequest.ofUserMessage("hi")))
			.expectError(ChatConnectionException.class)
			.verify();
	}

	private void failFirstThenSucceed(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder failure,
			com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder success) {
		this.upstream.server()
			.stubFor(post(LocalUpstream.CHAT_PATH).inScenario("flaky")
				.whenScenarioStateIs(Scenario.STARTED)
				.willReturn(failure)
				.willSetStateTo("recovered"));
		this.upstream.server()
			.stubFor(post(LocalUpstream.CHAT_PATH).inScenario("flaky")
				.whenScenarioStateIs("recovered")
				.willReturn(success));
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder stream() {
		return aResponse().withStatus(200)
			.withHeader("Content-Type", "text/event-stream")
			.withBody(Fixtures.text(Fixtures.SEED_002_STREAM));
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json() {
		return aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody(Fixtures.text(Fixtures.SEED_000_REPLY));
	}

	private ProviderChatTemplate template(String... keys) {
		this.template = this.upstream.closeAfterTest(ProviderChatTemplate.create(ProviderSettings.builder("relay")
			.baseUrl(this.upstream.baseUrl())
			.apiKeys(List.of(keys))
			.defaultModel("gpt-3.5-turbo")
			.retry(FAST_RETRY)
			.build()));
		return this.template;
	}

}
