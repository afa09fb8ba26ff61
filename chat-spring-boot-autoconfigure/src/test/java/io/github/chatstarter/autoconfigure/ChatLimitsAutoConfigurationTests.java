package io.github.chatstarter.autoconfigure;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.chatstarter.ChatTemplate;
import io.github.chatstarter.error.ChatAuthenticationException;
import io.github.chatstarter.error.ChatCapacityException;
import io.github.chatstarter.limit.ProviderRateLimiter;
import io.github.chatstarter.model.ChatMessage;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.model.ChatResponse;
import io.github.chatstarter.state.ClusterState;
import io.github.chatstarter.test.LocalUpstream;
import io.github.chatstarter.test.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rate limits and shared state as an application configures them; "instances" are
 * application contexts against one real Redis and one local upstream.
 */
class ChatLimitsAutoConfigurationTests {

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	@RegisterExtension
	final LocalUpstream upstream = new LocalUpstream();

	private static final ChatRequest REQUEST = ChatRequest.of("gpt-4", ChatMessage.user("你好"));

	private static final String GOOD_KEY = "sk-cluster-test-good-key";

	private static final String BAD_KEY = "sk-cluster-test-bad-key";

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(WebClientAutoConfiguration.class, ChatPropertyChecksAutoConfiguration.class,
					ChatTokensAutoConfiguration.class, ChatLimitsAutoConfiguration.class, ChatAutoConfiguration.class));

	private final ApplicationContextRunner clustered = this.runner
		.withConfiguration(
				AutoConfigurations.of(DataRedisAutoConfiguration.class, DataRedisReactiveAutoConfiguration.class))
		.withPropertyValues(redis.springProperties())
		.withPropertyValues("chat.cluster.store=redis", "chat.cluster.refresh-interval=100ms",
				"chat.cluster.command-timeout=2s", "chat.cluster.key-prefix=test-" + UUID.randomUUID());

	@Test
	void withoutAClusterStoreTheStateShouldBeThisInstancesOwn() {
		this.runner.withPropertyValues(provider()).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(ClusterState.class);
			assertThat(context.getBean(ClusterState.class).isShared()).isFalse();
		});
	}

	@Test
	void aLimitThatIsNotPositiveShouldFailAtStartupNamingTheProperty() {
		this.runner.withPropertyValues(provider())
			.withPropertyValues("chat.providers.xingyun.key-rate-limit.requests-per-minute=0")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("chat.providers.xingyun.key-rate-limit.requests-per-minute")
				.hasStackTraceContaining("must be positive"));
	}

	@Test
	void aMaxWaitLongerThanTheRequestTimeoutShouldFailAtStartupNamingBoth() {
		this.runner.withPropertyValues(provider())
			.withPropertyValues("chat.providers.xingyun.rate-limit.max-wait=30s",
					"chat.providers.xingyun.request-timeout=10s")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("chat.providers.xingyun.rate-limit.max-wait")
				.hasStackTraceContaining("chat.providers.xingyun.request-timeout"));
	}

	@Test
	void aRedisStoreWithoutARedisConnectionShouldFailAtStartupNamingTheStore() {
		this.runner.withPropertyValues(provider())
			.withPropertyValues("chat.cluster.store=redis")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("chat.cluster.store")
				.hasStackTraceContaining("ReactiveStringRedisTemplate"));
	}

	@Test
	void aLimitShouldRefuseBeforeSendingWithTheLimitsProperty() {
		stubReplies();
		this.runner.withPropertyValues(provider())
			.withPropertyValues("chat.providers.xingyun.rate-limit.requests-per-minute=1",
					"chat.providers.xingyun.rate-limit.max-wait=0s")
			.run((context) -> {
				ChatTemplate chat = context.getBean(ChatTemplate.class);
				StepVerifier.create(chat.chat(REQUEST)).expectNextCount(1).verifyComplete();
				StepVerifier.create(chat.chat(REQUEST))
					.expectErrorSatisfies((failure) -> assertThat(failure).isInstanceOf(ChatCapacityException.class)
						.hasMessageContaining("chat.providers.xingyun.rate-limit.requests-per-minute"))
					.verify(Duration.ofSeconds(5));
				this.upstream.server().verify(1, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)));
			});
	}

	@Test
	void routingShouldPreferAProviderWithCapacityNow() {
		stubReplies();
		this.runner.withPropertyValues(provider())
			.withPropertyValues("chat.providers.xingyun.models=gpt-4",
					"chat.providers.xingyun.rate-limit.requests-per-minute=1",
					"chat.providers.backup.base-url=" + this.upstream.baseUrl(),
					"chat.providers.backup.api-key=sk-cluster-test-backup-key", "chat.providers.backup.models=gpt-4")
			.run((context) -> {
				ChatTemplate chat = context.getBean(ChatTemplate.class);
				StepVerifier.create(chat.chat(REQUEST)).expectNextCount(1).verifyComplete();
				long start = System.nanoTime();
				StepVerifier.create(chat.chat(REQUEST)).expectNextCount(1).verifyComplete();
				// The default max-wait is 10 s: the second call went to the backup at
				// once.
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
				this.upstream.server()
					.verify(1, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)).withHeader("Authorization",
							equalTo("Bearer sk-cluster-test-backup-key")));
			});
	}

	@Test
	void instancesSharingRedisShouldTogetherAdmitNoMoreThanTheLimit() {
		stubReplies();
		ApplicationContextRunner instance = this.clustered.withPropertyValues(provider())
			.withPropertyValues("chat.providers.xingyun.rate-limit.requests-per-minute=10",
					"chat.providers.xingyun.rate-limit.max-wait=0s");
		instance.run((a) -> instance.run((b) -> {
			AtomicInteger admitted = new AtomicInteger();
			AtomicInteger refused = new AtomicInteger();
			long start = System.nanoTime();
			Flux.range(0, 40)
				.flatMap((i) -> chat((i % 2 == 0) ? a : b).doOnNext((reply) -> admitted.incrementAndGet())
					.onErrorResume(ChatCapacityException.class, (failure) -> {
						refused.incrementAndGet();
						return Mono.empty();
					}), 40)
				.blockLast(Duration.ofSeconds(30));
			// The bucket refills one request every 6 s.
			long refills = Duration.ofNanos(System.nanoTime() - start).toSeconds() / 6;
			assertThat(admitted.get()).isBetween(10, 10 + (int) refills);
			assertThat(admitted.get() + refused.get()).isEqualTo(40);
			this.upstream.server().verify(admitted.get(), postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)));
		}));
	}

	@Test
	void aKeyRejectedOnOneInstanceShouldBeSkippedByTheOtherWithoutARequest() {
		stubReplies();
		this.upstream.server()
			.stubFor(post(urlEqualTo(LocalUpstream.CHAT_PATH)).withHeader("Authorization", equalTo("Bearer " + BAD_KEY))
				.willReturn(aResponse().withStatus(401)
					.withHeader("Content-Type", "application/json")
					.withBody(
							"{\"error\":{\"message\":\"Incorrect API key provided\",\"code\":\"invalid_api_key\"}}")));
		ApplicationContextRunner instance = this.clustered.withPropertyValues(provider(BAD_KEY + "," + GOOD_KEY));
		instance.run((a) -> instance.run((b) -> {
			StepVerifier.create(chat(a)).expectNextCount(1).verifyComplete();
			this.upstream.server()
				.verify(1, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)).withHeader("Authorization",
						equalTo("Bearer " + BAD_KEY)));
			String fingerprint = ProviderRateLimiter.fingerprintOf(BAD_KEY);
			await().atMost(Duration.ofSeconds(5))
				.until(() -> b.getBean(ClusterState.class).setAside("key:xingyun", fingerprint) != null);
			for (int i = 0; i < 4; i++) {
				StepVerifier.create(chat(b)).expectNextCount(1).verifyComplete();
			}
			this.upstream.server()
				.verify(1, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)).withHeader("Authorization",
						equalTo("Bearer " + BAD_KEY)));
		}));
	}

	@Test
	void aProviderInCooldownOnOneInstanceShouldBeSkippedByTheOther() {
		this.upstream.server()
			.stubFor(post(urlEqualTo(LocalUpstream.CHAT_PATH)).willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":{\"message\":\"Incorrect API key provided\",\"code\":\"invalid_api_key\"}}")));
		ApplicationContextRunner instance = this.clustered.withPropertyValues(provider(BAD_KEY));
		instance.run((a) -> instance.run((b) -> {
			StepVerifier.create(chat(a)).expectError(ChatAuthenticationException.class).verify(Duration.ofSeconds(5));
			await().atMost(Duration.ofSeconds(5))
				.until(() -> b.getBean(ClusterState.class).setAside("provider", "xingyun") != null);
			StepVerifier.create(chat(b))
				.expectErrorSatisfies((failure) -> assertThat(failure).isInstanceOf(ChatAuthenticationException.class)
					.hasMessageContaining("another instance"))
				.verify(Duration.ofSeconds(5));
			this.upstream.server().verify(1, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)));
		}));
	}

	@Test
	void redisGoingDownShouldFailNoCallAndSharingShouldResumeWhenItReturns() {
		stubReplies();
		ApplicationContextRunner instance = this.clustered.withPropertyValues(provider())
			.withPropertyValues("chat.providers.xingyun.rate-limit.requests-per-minute=1000");
		instance.run((a) -> {
			ClusterState state = a.getBean(ClusterState.class);
			StepVerifier.create(chat(a)).expectNextCount(1).verifyComplete();
			assertThat(state.isShared()).isTrue();
			redis.stop();
			try {
				for (int i = 0; i < 5; i++) {
					StepVerifier.create(chat(a)).expectNextCount(1).verifyComplete();
				}
				assertThat(state.isShared()).isFalse();
				assertThat(state.localSince()).isNotNull();
			}
			finally {
				redis.start();
			}
			await().atMost(Duration.ofSeconds(10)).until(state::isShared);
			assertThat(state.localSince()).isNull();
			StepVerifier.create(chat(a)).expectNextCount(1).verifyComplete();
			assertThat(redis.command("KEYS *xingyun*rpm")).isEqualTo("*1");
		});
	}

	@Test
	void whileRedisIsDownAnInstanceShouldAdmitOnlyItsLocalShareOfALimit() {
		stubReplies();
		ApplicationContextRunner instance = this.clustered.withPropertyValues(provider())
			.withPropertyValues("chat.providers.xingyun.rate-limit.requests-per-minute=10",
					"chat.providers.xingyun.rate-limit.max-wait=0s", "chat.cluster.local-share=0.2");
		instance.run((a) -> {
			StepVerifier.create(chat(a)).expectNextCount(1).verifyComplete();
			redis.stop();
			try {
				// 10 a minute at a share of 0.2: a local bucket of 2.
				for (int i = 0; i < 2; i++) {
					StepVerifier.create(chat(a)).expectNextCount(1).verifyComplete();
				}
				StepVerifier.create(chat(a))
					.expectErrorSatisfies((failure) -> assertThat(failure).isInstanceOf(ChatCapacityException.class)
						.hasMessageContaining("chat.providers.xingyun.rate-limit.requests-per-minute"))
					.verify(Duration.ofSeconds(5));
			}
			finally {
				redis.start();
			}
		});
	}

	@Test
	void aLocalShareOutsideZeroToOneShouldFailAtStartupNamingTheProperty() {
		for (String share : new String[] { "0", "-0.5", "1.5" }) {
			this.clustered.withPropertyValues(provider())
				.withPropertyValues("chat.cluster.local-share=" + share)
				.run((context) -> assertThat(context).hasFailed()
					.getFailure()
					.rootCause()
					.hasMessageContaining("chat.cluster.local-share"));
		}
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void shuttingDownShouldStopTheSharedStateBeforeRedisSoNothingWarns(CapturedOutput output) {
		stubReplies();
		this.clustered.withPropertyValues(provider())
			.withPropertyValues("chat.cluster.refresh-interval=10ms")
			.run((context) -> {
				assertThat(context).hasSingleBean(ClusterStateLifecycle.class);
				StepVerifier.create(chat(context)).expectNextCount(1).verifyComplete();
			});
		assertThat(output).doesNotContain("Redis failed");
	}

	private static Mono<ChatResponse> chat(AssertableApplicationContext context) {
		return context.getBean(ChatTemplate.class).chat(REQUEST);
	}

	private String[] provider() {
		return provider(GOOD_KEY);
	}

	private String[] provider(String keys) {
		return new String[] { "chat.providers.xingyun.base-url=" + this.upstream.baseUrl(),
				"chat.providers.xingyun.api-keys=" + keys, "chat.providers.xingyun.default-model=gpt-4",
				"chat.providers.xingyun.retry.max-attempts=1" };
	}

	private void stubReplies() {
		this.upstream.server()
			.stubFor(post(urlEqualTo(LocalUpstream.CHAT_PATH)).willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"id\":\"1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":"
						+ "{\"role\":\"assistant\",\"content\":\"好\"},\"finish_reason\":\"stop\"}],\"usage\":"
						+ "{\"prompt_tokens\":10,\"completion_tokens\":5,\"total_tokens\":15}}")));
	}

}
