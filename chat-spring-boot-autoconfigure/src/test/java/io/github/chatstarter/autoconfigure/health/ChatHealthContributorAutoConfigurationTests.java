package io.github.chatstarter.autoconfigure.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.github.chatstarter.ChatTemplate;
import io.github.chatstarter.autoconfigure.ChatAutoConfiguration;
import io.github.chatstarter.autoconfigure.InvalidChatPropertyException;
import io.github.chatstarter.error.ChatCircuitOpenException;
import io.github.chatstarter.error.ChatQuotaExceededException;
import io.github.chatstarter.error.ChatServerException;
import io.github.chatstarter.error.internal.SecretRedactor;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.state.Bucket;
import io.github.chatstarter.state.ClusterState;
import io.github.chatstarter.state.Mark;
import io.github.chatstarter.state.Taken;
import io.github.chatstarter.test.LocalUpstream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ChatHealthContributorAutoConfigurationTests {

	private static final String KEY = "health-secret-key-0123456789";

	private static final String SECOND_KEY = "health-second-key-9876543210";

	private static final String REPLY = "{\"id\":\"c1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
			+ "\"message\":{\"role\":\"assistant\",\"content\":\"hello\"},\"finish_reason\":\"stop\"}]}";

	@RegisterExtension
	final LocalUpstream xingyun = new LocalUpstream();

	@RegisterExtension
	final LocalUpstream aigc2d = new LocalUpstream();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, ChatAutoConfiguration.class,
				ChatHealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class));

	@Test
	void shouldRegisterOneIndicatorPerProviderUnderChat() {
		this.runner.withPropertyValues(twoProviders()).run((context) -> {
			assertThat(context).hasSingleBean(CompositeReactiveHealthContributor.class)
				.hasBean("chatHealthContributor");
			ReactiveHealthContributor chat = context.getBean(ReactiveHealthContributorRegistry.class)
				.getContributor("chat");
			assertThat(chat).isInstanceOf(CompositeReactiveHealthContributor.class);
			CompositeReactiveHealthContributor composite = (CompositeReactiveHealthContributor) chat;
			assertThat(composite.stream().map((entry) -> entry.name())).containsExactly("xingyun", "aigc2d");
			assertThat(composite.getContributor("xingyun")).isInstanceOf(ReactiveHealthIndicator.class);
		});
	}

	@Test
	void aSharedStoreShouldBeReportedUpWithWhetherItIsSharedNow() {
		AtomicReference<@Nullable Instant> localSince = new AtomicReference<>();
		ClusterState state = new ClusterState() {

			@Override
			public Mono<Taken> take(List<Bucket> buckets, Duration within) {
				return Mono.just(Taken.TAKEN);
			}

			@Override
			public Mono<Void> settle(List<Bucket> buckets) {
				return Mono.empty();
			}

			@Override
			public void setAside(String scope, String member, Mark mark) {
			}

			@Override
			public @Nullable Mark setAside(String scope, String member) {
				return null;
			}

			@Override
			public boolean isShared() {
				return localSince.get() == null;
			}

			@Override
			public @Nullable Instant localSince() {
				return localSince.get();
			}

		};
		this.runner.withPropertyValues(twoProviders())
			.withPropertyValues("chat.cluster.store=redis", "chat.cluster.local-share=0.5")
			.withBean(ClusterState.class, () -> state)
			.run((context) -> {
				CompositeReactiveHealthContributor chat = (CompositeReactiveHealthContributor) context
					.getBean(ReactiveHealthContributorRegistry.class)
					.getContributor("chat");
				ReactiveHealthIndicator store = (ReactiveHealthIndicator) chat.getContributor("cluster-store");
				Health shared = store.health().block();
				assertThat(shared.getStatus()).isEqualTo(Status.UP);
				assertThat(shared.getDetails()).containsEntry("store", "redis")
					.containsEntry("shared", true)
					.doesNotContainKey("localSince");
				Instant down = Instant.parse("2026-12-03T10:00:00Z");
				localSince.set(down);
				Health local = store.health().block();
				assertThat(local.getStatus()).isEqualTo(Status.UP);
				assertThat(local.getDetails()).containsEntry("shared", false)
					.containsEntry("localSince", down.toString())
					.containsEntry("localShare", 0.5);
			});
	}

	@Test
	void withoutASharedStoreNoStoreHealthShouldBeShown() {
		this.runner.withPropertyValues(twoProviders())
			.withBean(ClusterState.class, ClusterState::local)
			.run((context) -> {
				CompositeReactiveHealthContributor chat = (CompositeReactiveHealthContributor) context
					.getBean(ReactiveHealthContributorRegistry.class)
					.getContributor("chat");
				assertThat(chat.getContributor("cluster-store")).isNull();
			});
	}

	@Test
	void whenDisabledByManagementPropertyShouldNotRegister() {
		this.runner.withPropertyValues(twoProviders())
			.withPropertyValues("management.health.chat.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("chatHealthContributor"));
	}

	@Test
	void whenHealthDefaultsAreDisabledShouldNotRegister() {
		this.runner.withPropertyValues(twoProviders())
			.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("chatHealthContributor"));
	}

	@Test
	void withoutSpringBootHealthShouldNotRegister() {
		this.runner.withPropertyValues(twoProviders())
			.withClassLoader(new FilteredClassLoader(ReactiveHealthContributor.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("chatHealthContributor"));
	}

	@Test
	void withoutProvidersShouldNotRegister() {
		this.runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("chatHealthContributor"));
	}

	@Test
	void userContributorNamedChatShouldWin() {
		this.runner.withPropertyValues(twoProviders())
			.withUserConfiguration(UserHealthConfiguration.class)
			.run((context) -> assertThat(context.getBean("chatHealthIndicator"))
				.isInstanceOf(ReactiveHealthIndicator.class)
				.isNotInstanceOf(CompositeReactiveHealthContributor.class)
				.satisfies((bean) -> assertThat(context).doesNotHaveBean("chatHealthContributor")));
	}

	@Test
	void providerWithHealthDisabledShouldBeLeftOut() {
		this.runner.withPropertyValues(twoProviders())
			.withPropertyValues("chat.providers.aigc2d.health.enabled=false")
			.run((context) -> assertThat(composite(context).stream().map((entry) -> entry.name()))
				.containsExactly("xingyun"));
	}

	@Test
	void blankPathShouldFailStartupNamingTheProperty() {
		this.runner.withPropertyValues(twoProviders())
			.withPropertyValues("chat.providers.xingyun.health.path= ")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidChatPropertyException.class)
				.hasMessageContaining("chat.providers.xingyun.health.path"));
	}

	@Test
	void reachableProviderShouldBeUpWithLatencyAndBeProbedOncePerTtl() {
		this.xingyun.server()
			.stubFor(get("/v1/models").willReturn(aResponse().withStatus(200).withBody("{\"data\":[]}")));
		this.runner.withPropertyValues(twoProviders()).run((context) -> {
			Health first = health(context, "xingyun");
			Health second = health(context, "xingyun");
			assertThat(first.getStatus()).isEqualTo(Status.UP);
			assertThat(first.getDetails()).containsEntry("httpStatus", 200)
				.containsEntry("url", this.xingyun.baseUrl() + "/models")
				.hasEntrySatisfying("latency", (latency) -> assertThat(latency.toString()).matches("\\d+ms"));
			assertThat(second).isEqualTo(first);
		});
		this.xingyun.server()
			.verify(1, getRequestedFor(urlEqualTo("/v1/models")).withHeader("Authorization", equalTo("Bearer " + KEY)));
	}

	@Test
	void zeroCacheTtlShouldProbeEveryTime() {
		this.xingyun.server().stubFor(get("/v1/models").willReturn(aResponse().withStatus(200)));
		this.runner.withPropertyValues(twoProviders())
			.withPropertyValues("chat.providers.xingyun.health.cache-ttl=0s")
			.run((context) -> {
				health(context, "xingyun");
				health(context, "xingyun");
			});
		this.xingyun.server().verify(2, getRequestedFor(urlEqualTo("/v1/models")));
	}

	@Test
	void configuredPathShouldBeProbedInstead() {
		this.xingyun.server()
			.stubFor(get("/v1/dashboard/billing/subscription").willReturn(aResponse().withStatus(204)));
		this.runner.withPropertyValues(twoProviders())
			.withPropertyValues("chat.providers.xingyun.health.path=/dashboard/billing/subscription")
			.run((context) -> assertThat(health(context, "xingyun").getStatus()).isEqualTo(Status.UP));
		this.xingyun.server().verify(0, getRequestedFor(urlEqualTo("/v1/models")));
	}

	@Test
	void rejectedKeyShouldBeDownWithStatusAndCodeButNoKey() {
		this.xingyun.server()
			.stubFor(get("/v1/models").willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":{\"message\":\"Incorrect API key provided: " + KEY
						+ "\",\"type\":\"invalid_request_error\"," + "\"code\":\"invalid_api_key\"}}")));
		this.runner.withPropertyValues(twoProviders()).run((context) -> {
			Health health = health(context, "xingyun");
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("httpStatus", 401)
				.containsEntry("errorCode", "invalid_api_key")
				.containsEntry("errorType", "invalid_request_error");
			assertThat(health.toString()).contains("ChatAuthenticationException").doesNotContain(KEY);
		});
	}

	@Test
	void exhaustedQuotaShouldBeOutOfService() {
		this.xingyun.server()
			.stubFor(get("/v1/models").willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":{\"message\":\"该令牌额度已用尽\",\"type\":\"one_api_error\"}}")));
		this.runner.withPropertyValues(twoProviders()).run((context) -> {
			Health health = health(context, "xingyun");
			assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
			assertThat(health.getDetails()).containsEntry("httpStatus", 401);
		});
	}

	@Test
	void rateLimitedProviderShouldStayUp() {
		this.xingyun.server().stubFor(get("/v1/models").willReturn(aResponse().withStatus(429)));
		this.runner.withPropertyValues(twoProviders())
			.run((context) -> assertThat(health(context, "xingyun").getStatus()).isEqualTo(Status.UP));
	}

	@Test
	void unreachableHostShouldBeDown() {
		this.runner.withPropertyValues(twoProviders()).run((context) -> {
			this.aigc2d.server().stop();
			Health health = health(context, "aigc2d");
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).doesNotContainKey("httpStatus")
				.hasEntrySatisfying("error",
						(error) -> assertThat(error.toString()).contains("ChatConnectionException"));
		});
	}

	@Test
	void slowProviderShouldBeDownAfterTheProbeTimeout() {
		this.xingyun.server().stubFor(get("/v1/models").willReturn(aResponse().withStatus(200).withFixedDelay(3000)));
		this.runner.withPropertyValues(twoProviders())
			.withPropertyValues("chat.providers.xingyun.health.timeout=200ms")
			.run((context) -> {
				Health health = health(context, "xingyun");
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails().get("error").toString()).contains("ChatTimeoutException")
					.contains("200ms");
			});
	}

	@Test
	void keySetAsideByACallShouldShowWithUntilWhenWhileTheOtherKeysKeepTheProviderUp() {
		this.xingyun.server()
			.stubFor(post("/v1/chat/completions").withHeader("Authorization", equalTo("Bearer " + KEY))
				.willReturn(aResponse().withStatus(401)
					.withHeader("Content-Type", "application/json")
					.withBody(
							"{\"error\":{\"message\":\"Incorrect API key provided\",\"code\":\"invalid_api_key\"}}")));
		this.xingyun.server()
			.stubFor(post("/v1/chat/completions").withHeader("Authorization", equalTo("Bearer " + SECOND_KEY))
				.willReturn(okJson(REPLY)));
		this.xingyun.server().stubFor(get("/v1/models").willReturn(okJson("{\"data\":[]}")));
		String[] withoutSingleKey = Arrays.stream(twoProviders())
			.filter((property) -> !property.startsWith("chat.providers.xingyun.api-key="))
			.toArray(String[]::new);
		this.runner.withPropertyValues(withoutSingleKey)
			.withPropertyValues("chat.providers.xingyun.api-keys[0]=" + KEY,
					"chat.providers.xingyun.api-keys[1]=" + SECOND_KEY)
			.run((context) -> {
				ChatTemplate xingyun = context.getBean("xingyunChatTemplate", ChatTemplate.class);
				Instant before = Instant.now();
				xingyun.chat(ChatRequest.ofUserMessage("hi")).block(Duration.ofSeconds(30));
				xingyun.chat(ChatRequest.ofUserMessage("hi")).block(Duration.ofSeconds(30));
				Health health = health(context, "xingyun");
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("circuit", "CLOSED")
					.hasEntrySatisfying("apiKeys",
							(keys) -> assertThat(map(keys)).containsEntry("configured", 2)
								.containsEntry("usable", 1)
								.hasEntrySatisfying("setAside", (setAside) -> {
									Map<String, Object> key = map(((List<?>) setAside).get(0));
									assertThat(key.get("key")).isEqualTo(SecretRedactor.mask(KEY));
									assertThat(Instant.parse(key.get("until").toString()))
										.isAfter(before.plusSeconds(50));
									assertThat(key.get("reason").toString()).contains("Incorrect API key");
								}));
				assertThat(health.toString()).doesNotContain(KEY).doesNotContain(SECOND_KEY);
			});
	}

	@Test
	void providerInCooldownAfterExhaustedQuotaShouldBeOutOfServiceUntilWhenWithoutAProbe() {
		this.xingyun.server()
			.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(429)
				.withHeader("Content-Type", "application/json")
				.withBody(
						"{\"error\":{\"message\":\"You exceeded your current quota\",\"code\":\"insufficient_quota\"}}")));
		this.xingyun.server().stubFor(get("/v1/models").willReturn(okJson("{\"data\":[]}")));
		this.runner.withPropertyValues(twoProviders()).run((context) -> {
			ChatTemplate chat = context.getBean("chatTemplate", ChatTemplate.class);
			assertThatExceptionOfType(ChatQuotaExceededException.class)
				.isThrownBy(() -> chat.chat(ChatRequest.ofUserMessage("hi")).block(Duration.ofSeconds(30)));
			Health health = health(context, "xingyun");
			assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
			assertThat(Instant.parse(health.getDetails().get("cooldownUntil").toString()))
				.isAfter(Instant.now().plusSeconds(50));
			assertThat(health.getDetails().get("error").toString()).contains("skipped until")
				.contains("exceeded your current quota");
		});
		this.xingyun.server().verify(0, getRequestedFor(urlEqualTo("/v1/models")));
	}

	@Test
	void providerWithAnOpenCircuitShouldBeDownUntilWhen() {
		this.xingyun.server().stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(500)));
		this.xingyun.server().stubFor(get("/v1/models").willReturn(okJson("{\"data\":[]}")));
		this.runner.withPropertyValues(twoProviders())
			.withPropertyValues("chat.providers.xingyun.retry.max-attempts=1",
					"chat.failover.circuit-breaker.minimum-number-of-calls=2",
					"chat.failover.circuit-breaker.sliding-window-size=2")
			.run((context) -> {
				ChatTemplate chat = context.getBean("chatTemplate", ChatTemplate.class);
				for (int i = 0; i < 2; i++) {
					assertThatExceptionOfType(ChatServerException.class)
						.isThrownBy(() -> chat.chat(ChatRequest.ofUserMessage("hi")).block(Duration.ofSeconds(30)));
				}
				assertThatExceptionOfType(ChatCircuitOpenException.class)
					.isThrownBy(() -> chat.chat(ChatRequest.ofUserMessage("hi")).block(Duration.ofSeconds(30)))
					.withMessageContaining("skipped until");
				Health health = health(context, "xingyun");
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsEntry("circuit", "OPEN");
				assertThat(Instant.parse(health.getDetails().get("circuitOpenUntil").toString()))
					.isAfter(Instant.now().plusSeconds(50));
			});
		this.xingyun.server().verify(0, getRequestedFor(urlEqualTo("/v1/models")));
	}

	@Test
	void downProviderWhoseModelsAnotherServesShouldBeFailedOverAndKeepTheAggregateUp() {
		this.xingyun.server().stubFor(get("/v1/models").willReturn(okJson("{\"data\":[]}")));
		this.runner.withPropertyValues(twoProviders())
			.withPropertyValues("chat.providers.xingyun.models=gpt-4,gpt-3.5-turbo",
					"chat.providers.aigc2d.models=gpt-4", "chat.default-provider=xingyun")
			.run((context) -> {
				assertThat(health(context, "xingyun").getStatus()).isEqualTo(Status.UP);
				this.aigc2d.server().stop();
				Health aigc2d = health(context, "aigc2d");
				assertThat(aigc2d.getStatus()).isEqualTo(ProviderCoverage.FAILED_OVER);
				assertThat(aigc2d.getDetails()).containsEntry("statusWithoutFailover", "DOWN")
					.containsEntry("modelsServedBy", List.of("xingyun"));
				assertThat(StatusAggregator.getDefault().getAggregateStatus(Status.UP, aigc2d.getStatus()))
					.isEqualTo(Status.UP);
				assertThat(HttpCodeStatusMapper.DEFAULT.getStatusCode(aigc2d.getStatus())).isEqualTo(200);
			});
	}

	@Test
	void downProviderThatAloneServesAModelShouldStayDown() {
		this.xingyun.server().stubFor(get("/v1/models").willReturn(okJson("{\"data\":[]}")));
		this.runner.withPropertyValues(twoProviders())
			.withPropertyValues("chat.providers.xingyun.models=gpt-4", "chat.providers.aigc2d.models=gpt-4,ernie-bot",
					"chat.default-provider=xingyun")
			.run((context) -> {
				health(context, "xingyun");
				this.aigc2d.server().stop();
				assertThat(health(context, "aigc2d").getStatus()).isEqualTo(Status.DOWN);
			});
	}

	@Test
	void downDefaultProviderShouldStayDownBecauseUnlistedModelsGoOnlyToIt() {
		this.aigc2d.server().stubFor(get("/v1/models").willReturn(okJson("{\"data\":[]}")));
		this.runner.withPropertyValues(twoProviders())
			.withPropertyValues("chat.providers.xingyun.models=gpt-4", "chat.providers.aigc2d.models=gpt-4")
			.run((context) -> {
				health(context, "aigc2d");
				this.xingyun.server().stop();
				assertThat(health(context, "xingyun").getStatus()).isEqualTo(Status.DOWN);
			});
	}

	@Test
	void downProviderShouldStayDownWhenFailoverIsOff() {
		this.xingyun.server().stubFor(get("/v1/models").willReturn(okJson("{\"data\":[]}")));
		this.runner.withPropertyValues(twoProviders())
			.withPropertyValues("chat.providers.xingyun.models=gpt-4", "chat.providers.aigc2d.models=gpt-4",
					"chat.failover.enabled=false")
			.run((context) -> {
				health(context, "xingyun");
				this.aigc2d.server().stop();
				assertThat(health(context, "aigc2d").getStatus()).isEqualTo(Status.DOWN);
			});
	}

	@Test
	void creatingTheContextShouldNotProbe() {
		this.runner.withPropertyValues(twoProviders())
			.run((context) -> assertThat(context).hasBean("chatHealthContributor"));
		this.xingyun.server().verify(0, anyRequestedFor(anyUrl()));
	}

	@SuppressWarnings("unchecked") // health details are JSON-shaped maps
	private static Map<String, Object> map(Object detail) {
		return (Map<String, Object>) detail;
	}

	private static CompositeReactiveHealthContributor composite(AssertableApplicationContext context) {
		return context.getBean("chatHealthContributor", CompositeReactiveHealthContributor.class);
	}

	private static Health health(AssertableApplicationContext context, String provider) {
		ReactiveHealthIndicator indicator = (ReactiveHealthIndicator) composite(context).getContributor(provider);
		return indicator.health().block(Duration.ofSeconds(30));
	}

	private String[] twoProviders() {
		return new String[] { "chat.providers.xingyun.base-url=" + this.xingyun.baseUrl(),
				"chat.providers.xingyun.api-key=" + KEY, "chat.providers.xingyun.default-model=gpt-3.5-turbo",
				"chat.providers.aigc2d.base-url=" + this.aigc2d.baseUrl(),
				"chat.providers.aigc2d.api-key=aigc2d-key-0123456789abc",
				"chat.providers.aigc2d.default-model=ernie-bot" };
	}

	@Configuration(proxyBeanMethods = false)
	static class UserHealthConfiguration {

		@Bean
		ReactiveHealthIndicator chatHealthIndicator() {
			return () -> Mono.just(Health.up().build());
		}

	}

}
