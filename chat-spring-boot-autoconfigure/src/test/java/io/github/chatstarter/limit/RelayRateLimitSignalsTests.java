package io.github.chatstarter.limit;

import java.time.Duration;
import java.util.List;

import io.github.chatstarter.client.ProviderChatTemplate;
import io.github.chatstarter.client.ProviderSettings;
import io.github.chatstarter.client.RetrySettings;
import io.github.chatstarter.error.ChatRateLimitException;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.state.ClusterState;
import io.github.chatstarter.test.LocalUpstream;
import io.github.chatstarter.tokens.TokenEstimator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay's own rate-limit signals ({@code Retry-After} on a 429, and
 * {@code x-ratelimit-remaining-*: 0} with {@code x-ratelimit-reset-*}) pause the key for
 * every template that shares state, as instances share it through Redis.
 */
class RelayRateLimitSignalsTests {

	private static final String REPLY = "{\"id\":\"1\",\"object\":\"chat.completion\",\"model\":\"gpt-3.5-turbo\","
			+ "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"好的\"},\"finish_reason\":\"stop\"}]}";

	private static final String RATE_LIMITED = "{\"error\":{\"code\":\"rate_limit_exceeded\",\"message\":\"slow down\"}}";

	private static final TokenEstimator ESTIMATOR = TokenEstimator.create();

	@RegisterExtension
	final LocalUpstream upstream = new LocalUpstream();

	private final ClusterState shared = ClusterState.local();

	@Test
	void aKeyRateLimitedWithRetryAfterShouldGiveWayToTheOtherKeyAndStayPausedForEveryInstance() {
		stub("key-a", aResponse().withStatus(429).withHeader("Retry-After", "30").withBody(RATE_LIMITED));
		stub("key-b", aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(REPLY));
		ProviderChatTemplate first = template("key-a", "key-b");
		ProviderChatTemplate second = template("key-a", "key-b");
		for (int i = 0; i < 3; i++) {
			assertThat(first.chat(ChatRequest.ofUserMessage("hi")).block().content()).isEqualTo("好的");
			assertThat(second.chat(ChatRequest.ofUserMessage("hi")).block().content()).isEqualTo("好的");
		}
		// One 429 for key-a, then neither template sends it again within its pause.
		assertRequests("key-a", 1);
		assertRequests("key-b", 6);
	}

	@Test
	void aReplySayingNothingIsLeftShouldPauseItsKeyUntilTheReset() {
		stub("key-a",
				aResponse().withStatus(200)
					.withHeader("Content-Type", "application/json")
					.withHeader("x-ratelimit-remaining-requests", "0")
					.withHeader("x-ratelimit-reset-requests", "6m0s")
					.withHeader("x-ratelimit-remaining-tokens", "1500")
					.withBody(REPLY));
		stub("key-b", aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(REPLY));
		ProviderChatTemplate first = template("key-a", "key-b");
		ProviderChatTemplate second = template("key-a", "key-b");
		for (int i = 0; i < 4; i++) {
			assertThat(first.chat(ChatRequest.ofUserMessage("hi")).block().content()).isEqualTo("好的");
		}
		assertThat(second.chat(ChatRequest.ofUserMessage("hi")).block().content()).isEqualTo("好的");
		assertRequests("key-a", 1);
		assertRequests("key-b", 4);
		assertThat(first.apiKeyStatus().setAside()).singleElement()
			.satisfies((aside) -> assertThat(aside.reason()).contains("x-ratelimit-remaining-*: 0"));
	}

	@Test
	void theOnlyKeyPausedShouldFailAtOnceWithoutARequestUntilItsPauseEnds() {
		stub("key-a", aResponse().withStatus(429).withHeader("Retry-After", "30").withBody(RATE_LIMITED));
		ProviderChatTemplate first = template("key-a");
		StepVerifier.create(first.chat(ChatRequest.ofUserMessage("hi")))
			.expectError(ChatRateLimitException.class)
			.verify();
		long afterFirst = requests("key-a");
		StepVerifier.create(template("key-a").chat(ChatRequest.ofUserMessage("hi")))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(ChatRateLimitException.class)
				.hasMessageContaining("its API key is paused by the relay's rate limit")
				.hasMessageContaining("usable again in"))
			.verify();
		assertRequests("key-a", afterFirst);
	}

	private void stub(String key, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
		this.upstream.server()
			.stubFor(post(LocalUpstream.CHAT_PATH).withHeader("Authorization", equalTo("Bearer " + key))
				.willReturn(response));
	}

	private long requests(String key) {
		return this.upstream.server()
			.findAll(postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)).withHeader("Authorization",
					equalTo("Bearer " + key)))
			.size();
	}

	private void assertRequests(String key, long expected) {
		assertThat(requests(key)).as("requests with " + key).isEqualTo(expected);
	}

	private ProviderChatTemplate template(@Nullable String... keys) {
		ProviderSettings settings = ProviderSettings.builder("relay")
			.baseUrl(this.upstream.baseUrl())
			.apiKeys(List.of(keys))
			.defaultModel("gpt-3.5-turbo")
			.retry(new RetrySettings(2, Duration.ofMillis(10), Duration.ofMillis(50)))
			.build();
		return this.upstream.closeAfterTest(ProviderChatTemplate.builder(settings)
			.admission(new ProviderRateLimiter("relay", RateLimitSettings.NONE, this.shared, ESTIMATOR,
					LimitListener.NONE))
			.build());
	}

}
