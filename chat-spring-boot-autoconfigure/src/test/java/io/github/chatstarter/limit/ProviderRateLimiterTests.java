package io.github.chatstarter.limit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.chatstarter.client.CallAdmission;
import io.github.chatstarter.client.ProviderChatTemplate;
import io.github.chatstarter.client.ProviderSettings;
import io.github.chatstarter.error.ChatCapacityException;
import io.github.chatstarter.model.ChatMessage;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.model.Usage;
import io.github.chatstarter.state.Bucket;
import io.github.chatstarter.state.ClusterState;
import io.github.chatstarter.state.Mark;
import io.github.chatstarter.state.Taken;
import io.github.chatstarter.test.LocalUpstream;
import io.github.chatstarter.tokens.TokenEstimator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admission with this instance's own (exact, local) limits: nothing is sent for a call
 * refused, a call waits for capacity within max-wait, tokens are estimated before and
 * settled by the reply's usage after.
 */
class ProviderRateLimiterTests {

	private static final TokenEstimator estimator = TokenEstimator.create();

	private static final ChatRequest REQUEST = ChatRequest.of("gpt-4", ChatMessage.user("你好"));

	@RegisterExtension
	final LocalUpstream upstream = new LocalUpstream();

	private final List<int[]> settled = new ArrayList<>();

	private final List<Duration> admitted = new ArrayList<>();

	private final List<String> refused = new ArrayList<>();

	private final LimitListener listener = new LimitListener() {

		@Override
		public void admitted(String provider, Duration waited) {
			ProviderRateLimiterTests.this.admitted.add(waited);
		}

		@Override
		public void refused(String provider, String limit) {
			ProviderRateLimiterTests.this.refused.add(limit);
		}

		@Override
		public void settled(String provider, int estimated, int actual) {
			ProviderRateLimiterTests.this.settled.add(new int[] { estimated, actual });
		}

	};

	@Test
	void requestsBeyondTheProvidersRequestsPerMinuteShouldFailBeforeAnythingIsSentNamingTheLimit() {
		ProviderChatTemplate template = template(limiter(new RateLimit(3, null), RateLimit.NONE, null, Duration.ZERO));
		for (int i = 0; i < 3; i++) {
			StepVerifier.create(template.chat(REQUEST)).expectNextCount(1).verifyComplete();
		}
		StepVerifier.create(template.chat(REQUEST))
			.expectErrorSatisfies((failure) -> assertThat(failure).isInstanceOf(ChatCapacityException.class)
				.hasMessageContaining("chat.providers.xingyun.rate-limit.requests-per-minute")
				.satisfies((refused) -> assertThat(((ChatCapacityException) refused).getRetryAfter())
					.isBetween(Duration.ofSeconds(1), Duration.ofSeconds(20))))
			.verify(Duration.ofSeconds(5));
		this.upstream.server().verify(3, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)));
	}

	@Test
	void aRefusedCallShouldBeCountedAsRefusedAndNotAsAdmitted() {
		ProviderRateLimiter limiter = limiter(new RateLimit(1, null), RateLimit.NONE, null, Duration.ZERO);
		StepVerifier.create(limiter.admit(REQUEST, null)).expectNextCount(1).verifyComplete();
		StepVerifier.create(limiter.admit(REQUEST, null)).expectError(ChatCapacityException.class).verify();
		assertThat(this.admitted).hasSize(1);
		assertThat(this.refused).containsExactly("chat.providers.xingyun.rate-limit.requests-per-minute");
	}

	@Test
	void aCallShouldWaitForCapacityWithinMaxWaitAndThenBeAdmitted() {
		// 60 a minute: one more every second once the burst is spent.
		ProviderRateLimiter limiter = limiter(new RateLimit(60, null), RateLimit.NONE, null, Duration.ofSeconds(3));
		for (int i = 0; i < 60; i++) {
			limiter.admit(REQUEST, null).block(Duration.ofSeconds(1)).settle(null);
		}
		long start = System.nanoTime();
		StepVerifier.create(limiter.admit(REQUEST, null)).expectNextCount(1).verifyComplete();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
		// The wait is what the metric records for the last call.
		assertThat(this.admitted.get(60)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
	}

	@Test
	void waitingCallsShouldEachAskOnceAndBeAdmittedInTurn() {
		// 60 a minute, the burst spent: the next three are due about 1, 2 and 3 s on.
		AtomicInteger asked = new AtomicInteger();
		ClusterState local = ClusterState.local();
		ClusterState counting = new ClusterState() {

			@Override
			public Mono<Taken> take(List<Bucket> buckets, Duration within) {
				asked.incrementAndGet();
				return local.take(buckets, within);
			}

			@Override
			public Mono<Void> settle(List<Bucket> buckets) {
				return local.settle(buckets);
			}

			@Override
			public void setAside(String scope, String member, Mark mark) {
				local.setAside(scope, member, mark);
			}

			@Override
			public @Nullable Mark setAside(String scope, String member) {
				return local.setAside(scope, member);
			}

			@Override
			public boolean isShared() {
				return false;
			}

		};
		ProviderRateLimiter limiter = new ProviderRateLimiter("xingyun",
				new RateLimitSettings(new RateLimit(60, null), RateLimit.NONE, null, Duration.ofSeconds(5), 100),
				counting, estimator, this.listener);
		for (int i = 0; i < 60; i++) {
			limiter.admit(REQUEST, null).block(Duration.ofSeconds(1)).settle(null);
		}
		asked.set(0);
		List<Duration> waits = Flux.range(0, 3)
			.flatMap((i) -> limiter.admit(REQUEST, null))
			.collectList()
			.map((permits) -> List.copyOf(this.admitted.subList(60, 63)))
			.block(Duration.ofSeconds(10));
		assertThat(asked.get()).isEqualTo(3);
		assertThat(waits).allSatisfy((wait) -> assertThat(wait).isGreaterThan(Duration.ofMillis(500)));
		assertThat(waits.stream().max(Duration::compareTo).orElseThrow()).isGreaterThan(Duration.ofMillis(2500));
	}

	@Test
	void aWaitingCallThatIsCancelledShouldGiveItsReservationBack() {
		ProviderRateLimiter limiter = limiter(new RateLimit(60, null), RateLimit.NONE, null, Duration.ofSeconds(5));
		for (int i = 0; i < 60; i++) {
			limiter.admit(REQUEST, null).block(Duration.ofSeconds(1)).settle(null);
		}
		// Reserves the next share (due in about a second), then gives up at once.
		StepVerifier.create(limiter.admit(REQUEST, null)).thenCancel().verify();
		// The share was given back: the next call has it in about a second, not two.
		StepVerifier.create(limiter.admit(REQUEST, null)).expectNextCount(1).verifyComplete();
		assertThat(this.admitted.get(60)).isLessThan(Duration.ofMillis(1500));
	}

	@Test
	void eachKeyShouldHaveItsOwnLimitAndAKeyOutOfCapacityShouldGiveWayToTheNext() {
		ProviderRateLimiter limiter = limiter(RateLimit.NONE, new RateLimit(1, null), null, Duration.ZERO);
		ProviderChatTemplate template = this.upstream.closeAfterTest(
				ProviderChatTemplate
					.builder(ProviderSettings.builder("xingyun")
						.baseUrl(this.upstream.baseUrl())
						.apiKeys(List.of("sk-limit-test-key-one", "sk-limit-test-key-two"))
						.defaultModel("gpt-4")
						.build())
					.admission(limiter)
					.build());
		stubReply(10, 5);
		StepVerifier.create(template.chat(REQUEST)).expectNextCount(1).verifyComplete();
		StepVerifier.create(template.chat(REQUEST)).expectNextCount(1).verifyComplete();
		StepVerifier.create(template.chat(REQUEST))
			.expectErrorSatisfies((failure) -> assertThat(failure).isInstanceOf(ChatCapacityException.class)
				.hasMessageContaining("chat.providers.xingyun.key-rate-limit.requests-per-minute"))
			.verify(Duration.ofSeconds(5));
		// The third call asked the first key without waiting, then waited for the last:
		// one call refused, counted once.
		assertThat(this.refused).containsExactly("chat.providers.xingyun.key-rate-limit.requests-per-minute");
		assertThat(this.admitted).hasSize(2);
		this.upstream.server()
			.verify(1, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)).withHeader("Authorization",
					com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer sk-limit-test-key-one")));
		this.upstream.server()
			.verify(1, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)).withHeader("Authorization",
					com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer sk-limit-test-key-two")));
	}

	@Test
	void tokensShouldBeEstimatedBeforeTheCallAndSettledByTheRepliesUsage() {
		ProviderRateLimiter limiter = new ProviderRateLimiter("xingyun",
				new RateLimitSettings(new RateLimit(null, 1000), RateLimit.NONE, null, Duration.ZERO, 500),
				ClusterState.local(), estimator, this.listener);
		int estimate = limiter.estimate(REQUEST);
		assertThat(estimate).isEqualTo(estimator.estimate(REQUEST) + 500);
		assertThat(limiter.estimate(REQUEST.mutate().maxTokens(100).build()))
			.isEqualTo(estimator.estimate(REQUEST) + 100);
		ProviderChatTemplate template = template(limiter);
		stubReply(12, 8);
		StepVerifier.create(template.chat(REQUEST)).expectNextCount(1).verifyComplete();
		assertThat(this.settled).containsExactly(new int[] { estimate, 20 });
		// 1000 - 20 used: a second estimate of over 500 fits only because the first was
		// settled.
		StepVerifier.create(template.chat(REQUEST)).expectNextCount(1).verifyComplete();
		this.upstream.server().verify(2, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)));
	}

	@Test
	void aStreamShouldSettleItsTokensAtItsEnd() {
		ProviderRateLimiter limiter = new ProviderRateLimiter("xingyun",
				new RateLimitSettings(new RateLimit(null, 1000), RateLimit.NONE, null, Duration.ZERO, 500),
				ClusterState.local(), estimator, this.listener);
		ProviderChatTemplate template = template(limiter);
		this.upstream.server()
			.stubFor(post(urlEqualTo(LocalUpstream.CHAT_PATH)).willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "text/event-stream")
				.withBody("data: {\"id\":\"1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"好\"}}]}\n\n"
						+ "data: {\"id\":\"1\",\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":1,"
						+ "\"total_tokens\":10}}\n\ndata: [DONE]\n\n")));
		StepVerifier.create(template.stream(REQUEST)).expectNextCount(2).verifyComplete();
		assertThat(this.settled).hasSize(1);
		assertThat(this.settled.get(0)[1]).isEqualTo(10);
	}

	@Test
	void aCancelledStreamShouldGiveItsPermitBack() {
		ProviderChatTemplate template = template(limiter(RateLimit.NONE, RateLimit.NONE, 1, Duration.ZERO));
		this.upstream.server()
			.stubFor(post(urlEqualTo(LocalUpstream.CHAT_PATH)).willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "text/event-stream")
				.withBody("data: {\"id\":\"1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"好\"}}]}\n\n"
						+ "data: {\"id\":\"1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"的\"}}]}\n\n"
						+ "data: [DONE]\n\n")));
		for (int i = 0; i < 3; i++) {
			StepVerifier.create(template.stream(REQUEST).take(1)).expectNextCount(1).verifyComplete();
		}
		this.upstream.server().verify(3, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)));
	}

	@Test
	void aCallNeedingMoreTokensThanTheLimitAllowsShouldFailAtOnce() {
		ProviderRateLimiter limiter = limiter(new RateLimit(null, 100), RateLimit.NONE, null, Duration.ofSeconds(30));
		long start = System.nanoTime();
		StepVerifier.create(limiter.admit(REQUEST, null))
			.expectErrorSatisfies((failure) -> assertThat(failure).isInstanceOf(ChatCapacityException.class)
				.hasMessageContaining("chat.providers.xingyun.rate-limit.tokens-per-minute")
				.hasMessageContaining("more than the limit of 100 allows at all"))
			.verify(Duration.ofSeconds(5));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void concurrentCallsBeyondTheLimitShouldWaitForAPermitGivenBack() {
		ProviderRateLimiter limiter = limiter(RateLimit.NONE, RateLimit.NONE, 1, Duration.ZERO);
		CallAdmission.Permit first = limiter.admit(REQUEST, null).block(Duration.ofSeconds(1));
		StepVerifier.create(limiter.admit(REQUEST, null))
			.expectErrorSatisfies((failure) -> assertThat(failure).isInstanceOf(ChatCapacityException.class)
				.hasMessageContaining("chat.providers.xingyun.rate-limit.max-concurrent-requests"))
			.verify(Duration.ofSeconds(5));
		ProviderRateLimiter waiting = limiter(RateLimit.NONE, RateLimit.NONE, 1, Duration.ofSeconds(5));
		CallAdmission.Permit held = waiting.admit(REQUEST, null).block(Duration.ofSeconds(1));
		StepVerifier.create(waiting.admit(REQUEST, null))
			.then(() -> held.settle(null))
			.expectNextCount(1)
			.verifyComplete();
		first.settle(null);
		first.settle(null); // settling twice gives back one permit only
		StepVerifier.create(limiter.admit(REQUEST, null)).expectNextCount(1).verifyComplete();
		StepVerifier.create(limiter.admit(REQUEST, null)).expectError(ChatCapacityException.class).verify();
	}

	private ProviderRateLimiter limiter(RateLimit provider, RateLimit key, Integer concurrent, Duration maxWait) {
		return new ProviderRateLimiter("xingyun", new RateLimitSettings(provider, key, concurrent, maxWait, 100),
				ClusterState.local(), estimator, this.listener);
	}

	private ProviderChatTemplate template(ProviderRateLimiter limiter) {
		stubReply(10, 5);
		return this.upstream.closeAfterTest(
				ProviderChatTemplate
					.builder(ProviderSettings.builder("xingyun")
						.baseUrl(this.upstream.baseUrl())
						.apiKey("sk-limit-test-key")
						.defaultModel("gpt-4")
						.build())
					.admission(limiter)
					.build());
	}

	private void stubReply(int prompt, int completion) {
		this.upstream.server()
			.stubFor(post(urlEqualTo(LocalUpstream.CHAT_PATH)).willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"id\":\"1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":"
						+ "{\"role\":\"assistant\",\"content\":\"好\"},\"finish_reason\":\"stop\"}],\"usage\":"
						+ "{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":" + completion + ",\"total_tokens\":"
						+ (prompt + completion) + "}}")));
	}

}
