package io.github.chatstarter.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.github.chatstarter.client.Fixtures;
import io.github.chatstarter.client.ProviderChatTemplate;
import io.github.chatstarter.client.ProviderChatTemplates;
import io.github.chatstarter.client.ProviderSettings;
import io.github.chatstarter.client.RetrySettings;
import io.github.chatstarter.error.ChatAllProvidersFailedException;
import io.github.chatstarter.error.ChatBadRequestException;
import io.github.chatstarter.error.ChatContentFilterException;
import io.github.chatstarter.error.ChatException;
import io.github.chatstarter.error.ChatQuotaExceededException;
import io.github.chatstarter.error.ChatServerException;
import io.github.chatstarter.model.ChatChunk;
import io.github.chatstarter.model.ChatMessage;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.model.ChatResponse;
import io.github.chatstarter.state.ClusterState;
import io.github.chatstarter.test.LocalUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class RoutingFailoverTests {

	private static final ChatRequest GPT4 = ChatRequest.of("gpt-4", ChatMessage.user("hi"));

	@RegisterExtension
	final LocalUpstream first = new LocalUpstream();

	@RegisterExtension
	final LocalUpstream second = new LocalUpstream();

	private ProviderChatTemplates providers;

	@AfterEach
	void close() {
		if (this.providers != null) {
			this.providers.close();
		}
	}

	@Test
	void outageAtFirstProviderShouldFailOverToTheNext() {
		stub(this.first, aResponse().withStatus(503).withBody("down"));
		stub(this.second, reply());
		ChatResponse response = routing(FailoverSettings.DEFAULT).chat(GPT4).block();
		assertThat(response.provider()).isEqualTo("second");
		this.first.server().verify(2, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)));
	}

	@Test
	void streamShouldFailOverBeforeTheFirstChunk() {
		stub(this.first, aResponse().withStatus(429).withBody("{\"error\":{\"code\":\"rate_limit_exceeded\"}}"));
		stub(this.second, stream(Fixtures.text(Fixtures.SEED_002_STREAM)));
		StepVerifier.create(routing(FailoverSettings.DEFAULT).stream(GPT4))
			.assertNext((chunk) -> assertThat(chunk.provider()).isEqualTo("second"))
			.thenConsumeWhile((chunk) -> true)
			.verifyComplete();
	}

	@Test
	void streamFailingAfterFirstChunkShouldNotFailOver() {
		stub(this.first, stream(Fixtures.text(Fixtures.SEED_002_STREAM).substring(0, 700)));
		stub(this.second, stream(Fixtures.text(Fixtures.SEED_002_STREAM)));
		StepVerifier.create(routing(FailoverSettings.DEFAULT).stream(GPT4).map(ChatChunk::provider))
			.expectNext("first", "first")
			.expectError(ChatException.class)
			.verify(Duration.ofSeconds(10));
		this.second.server().verify(0, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)));
	}

	@Test
	void badRequestShouldNotFailOver() {
		stub(this.first, aResponse().withStatus(400).withBody("{\"error\":{\"code\":\"context_length_exceeded\"}}"));
		stub(this.second, reply());
		StepVerifier.create(routing(FailoverSettings.DEFAULT).chat(GPT4))
			.expectError(ChatBadRequestException.class)
			.verify();
		this.second.server().verify(0, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)));
	}

	@Test
	void contentFilterRefusalShouldNotFailOver() {
		stub(this.first, aResponse().withStatus(400).withBody("{\"error\":{\"code\":\"data_inspection_failed\"}}"));
		stub(this.second, reply());
		StepVerifier.create(routing(FailoverSettings.DEFAULT).chat(GPT4))
			.expectError(ChatContentFilterException.class)
			.verify();
		this.second.server().verify(0, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)));
	}

	@Test
	void providerOutOfQuotaShouldBeSkippedDuringTheCooldown() {
		stub(this.first, aResponse().withStatus(403)
			.withBody("{\"error\":{\"code\":\"insufficient_quota\",\"message\":\"余额不足\"}}"));
		stub(this.second, reply());
		RoutingChatTemplate routing = routing(FailoverSettings.DEFAULT);
		for (int i = 0; i < 3; i++) {
			assertThat(routing.chat(GPT4).block().provider()).isEqualTo("second");
		}
		this.first.server().verify(1, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)));
		this.second.server().verify(3, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)));
	}

	@Test
	void providerWithRepeatedOutagesShouldBeSkippedWhileItsCircuitIsOpen() {
		stub(this.first, aResponse().withStatus(500).withBody("boom"));
		stub(this.second, reply());
		RoutingChatTemplate routing = routing(new FailoverSettings(true, List.of(), Duration.ofSeconds(60), 50, 4, 4));
		for (int i = 0; i < 8; i++) {
			assertThat(routing.chat(GPT4).block().provider()).isEqualTo("second");
		}
		// Four calls of two attempts each open the circuit; the next four skip the
		// provider.
		this.first.server().verify(8, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)));
	}

	@Test
	void aCircuitOpenedOnOneInstanceShouldBeSkippedByAnotherSharingState() {
		stub(this.first, aResponse().withStatus(500).withBody("boom"));
		stub(this.second, reply());
		FailoverSettings failover = new FailoverSettings(true, List.of(), Duration.ofSeconds(60), 50, 4, 4);
		ClusterState shared = ClusterState.local();
		ProviderChatTemplates providers = providers();
		RoutingChatTemplate instanceA = new RoutingChatTemplate(providers, null, failover, UnaryOperator.identity(),
				shared);
		for (int i = 0; i < 4; i++) {
			assertThat(instanceA.chat(GPT4).block().provider()).isEqualTo("second");
		}
		this.first.server().verify(8, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)));
		RoutingChatTemplate instanceB = new RoutingChatTemplate(providers, null, failover, UnaryOperator.identity(),
				shared);
		for (int i = 0; i < 4; i++) {
			assertThat(instanceB.chat(GPT4).block().provider()).isEqualTo("second");
		}
		this.first.server().verify(8, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)));
		// Health on the other instance shows what it skips.
		assertThat(instanceB.status("first").circuit()).isEqualTo("OPEN");
		assertThat(instanceB.status("first").circuitOpenUntil()).isAfter(Instant.now());
	}

	@Test
	void whenEveryProviderFailsTheExceptionShouldSayWhatEachAnswered() {
		stub(this.first, aResponse().withStatus(503).withBody("first is down"));
		stub(this.second, aResponse().withStatus(403)
			.withBody("{\"error\":{\"code\":\"insufficient_quota\",\"message\":\"余额不足\"}}"));
		StepVerifier.create(routing(FailoverSettings.DEFAULT).chat(GPT4)).expectErrorSatisfies((ex) -> {
			assertThat(ex).isInstanceOf(ChatAllProvidersFailedException.class)
				.hasMessageContaining("All 2 providers of model 'gpt-4' failed, in different ways")
				.hasMessageContaining("[first: ChatServerException]")
				.hasMessageContaining("[second: ChatQuotaExceededException]")
				.hasMessageContaining("first is down")
				.hasMessageContaining("余额不足");
			ChatAllProvidersFailedException all = (ChatAllProvidersFailedException) ex;
			assertThat(all.getFailures()).containsOnlyKeys("first", "second");
			assertThat(all.getFailures().get("first")).isInstanceOf(ChatServerException.class);
			assertThat(all.getFailures().get("second")).isInstanceOf(ChatQuotaExceededException.class);
		}).verify();
	}

	@Test
	void whenEveryProviderFailsTheSameWayTheCallerShouldGetThatType() {
		String quota = "{\"error\":{\"code\":\"insufficient_quota\",\"message\":\"余额不足\"}}";
		stub(this.first, aResponse().withStatus(429).withBody(quota));
		stub(this.second, aResponse().withStatus(403).withBody(quota));
		StepVerifier.create(routing(FailoverSettings.DEFAULT).chat(GPT4)).expectErrorSatisfies((ex) -> {
			assertThat(ex).isExactlyInstanceOf(ChatQuotaExceededException.class);
			assertThat(((ChatQuotaExceededException) ex).getProvider()).isEqualTo("first");
			assertThat(ex.getSuppressed()).singleElement()
				.isInstanceOfSatisfying(ChatQuotaExceededException.class,
						(second) -> assertThat(second.getProvider()).isEqualTo("second"));
		}).verify();
	}

	@Test
	void singleCandidateFailureShouldBePassedThroughUnwrapped() {
		stub(this.first, aResponse().withStatus(503).withBody("down"));
		StepVerifier.create(routing(FailoverSettings.DEFAULT).chat(ChatRequest.of("only-first", ChatMessage.user("x"))))
			.expectError(ChatServerException.class)
			.verify();
	}

	@Test
	void failoverDisabledShouldTryOnlyTheFirstProvider() {
		stub(this.first, aResponse().withStatus(503).withBody("down"));
		stub(this.second, reply());
		StepVerifier
			.create(routing(new FailoverSettings(false, List.of(), Duration.ofSeconds(60), 50, 10, 5)).chat(GPT4))
			.expectError(ChatServerException.class)
			.verify();
		this.second.server().verify(0, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)));
	}

	@Test
	void failoverOrderShouldDecideWhichProviderIsTriedFirst() {
		stub(this.first, reply());
		stub(this.second, reply());
		RoutingChatTemplate routing = routing(
				new FailoverSettings(true, List.of("second"), Duration.ofSeconds(60), 50, 10, 5));
		assertThat(routing.chat(GPT4).block().provider()).isEqualTo("second");
	}

	@Test
	void providerTemplateShouldNeverFailOver() {
		stub(this.first, aResponse().withStatus(503).withBody("down"));
		stub(this.second, reply());
		routing(FailoverSettings.DEFAULT);
		StepVerifier.create(this.providers.get("first").chat(GPT4)).expectError(ChatServerException.class).verify();
		this.second.server().verify(0, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)));
	}

	private RoutingChatTemplate routing(FailoverSettings failover) {
		return new RoutingChatTemplate(providers(), null, failover);
	}

	private ProviderChatTemplates providers() {
		RetrySettings retry = new RetrySettings(2, Duration.ofMillis(5), Duration.ofMillis(20));
		this.providers = new ProviderChatTemplates(List.of(
				ProviderChatTemplate.create(ProviderSettings.builder("first")
					.baseUrl(this.first.baseUrl())
					.apiKey("k1")
					.defaultModel("gpt-4")
					.models(List.of("gpt-4", "only-first"))
					.retry(retry)
					.build()),
				ProviderChatTemplate.create(ProviderSettings.builder("second")
					.baseUrl(this.second.baseUrl())
					.apiKey("k2")
					.defaultModel("gpt-4")
					.models(List.of("gpt-4"))
					.retry(retry)
					.build())));
		return this.providers;
	}

	private static void stub(LocalUpstream upstream, ResponseDefinitionBuilder response) {
		upstream.server()
			.stubFor(post(LocalUpstream.CHAT_PATH).willReturn(response.withHeader("Content-Type",
					response.build().getBody() != null && response.build().getBody().startsWith("data:")
							? "text/event-stream" : "application/json")));
	}

	private static ResponseDefinitionBuilder reply() {
		return aResponse().withStatus(200).withBody(Fixtures.text(Fixtures.SEED_000_REPLY));
	}

	private static ResponseDefinitionBuilder stream(String body) {
		return aResponse().withStatus(200).withBody(body);
	}

}
