package io.github.chatstarter.autoconfigure;

import io.github.chatstarter.ChatTemplate;
import io.github.chatstarter.client.Fixtures;
import io.github.chatstarter.memory.ChatMemory;
import io.github.chatstarter.memory.ConversationMemory;
import io.github.chatstarter.memory.RedisChatMemory;
import io.github.chatstarter.model.ChatMessage;
import io.github.chatstarter.prompt.ChatPrompt;
import io.github.chatstarter.test.LocalUpstream;
import io.github.chatstarter.test.RedisServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class ChatMemoryAutoConfigurationTests {

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	@RegisterExtension
	final LocalUpstream upstream = new LocalUpstream();

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(WebClientAutoConfiguration.class, ChatPropertyChecksAutoConfiguration.class,
					ChatTokensAutoConfiguration.class, ChatMemoryAutoConfiguration.class, ChatAutoConfiguration.class));

	@Test
	void withoutProvidersShouldConfigureNothing() {
		this.runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ConversationMemory.class));
	}

	@Test
	void thePrimaryTemplatesPromptShouldKeepAConversationInMemory() {
		stubReply();
		this.runner.withPropertyValues(provider()).run((context) -> {
			assertThat(context).hasSingleBean(ConversationMemory.class);
			assertThat(context.getBean(ChatMemory.class).toString()).startsWith("InMemoryChatMemory");
			ChatTemplate chat = context.getBean(ChatTemplate.class);
			chat.prompt().system("简短回答").conversation("tab-1").user("我叫小明").call().content().block();
			context.getBean(ChatPrompt.class).conversation("tab-1").user("我叫什么?").call().content().block();
			this.upstream.server()
				.verify(postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH))
					.withRequestBody(matchingJsonPath("$.messages[0].content", equalToText("我叫小明")))
					.withRequestBody(matchingJsonPath("$.messages[1].role", equalToText("assistant")))
					.withRequestBody(matchingJsonPath("$.messages[2].content", equalToText("我叫什么?"))));
			assertThat(context.getBean(ConversationMemory.class).read("tab-1").block()).hasSize(4)
				.extracting(ChatMessage::role)
				.containsExactly("user", "assistant", "user", "assistant");
		});
	}

	@Test
	void metricsShouldCountHistoryTokensAndTrimmedMessages() {
		stubReply();
		this.runner.withPropertyValues(provider())
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> {
				ChatTemplate chat = context.getBean(ChatTemplate.class);
				chat.prompt().conversation("m").user("你好").call().content().block();
				chat.prompt().conversation("m").user("再见").call().content().block();
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("chat.memory.history.tokens").summary().count()).isEqualTo(1);
				assertThat(registry.get("chat.memory.history.tokens").summary().totalAmount()).isGreaterThan(0);
				assertThat(registry.get("chat.memory.messages.trimmed").counter().count()).isZero();
			});
	}

	@Test
	void withStoreRedisConversationsShouldBeKeptInTheApplicationsRedis() {
		stubReply();
		redis.command("FLUSHALL");
		this.runner
			.withConfiguration(
					AutoConfigurations.of(DataRedisAutoConfiguration.class, DataRedisReactiveAutoConfiguration.class))
			.withPropertyValues(provider())
			.withPropertyValues(redis.springProperties())
			.withPropertyValues("chat.memory.store=redis", "chat.memory.key-prefix=app:chat:",
					"chat.memory.time-to-live=10m")
			.run((context) -> {
				assertThat(context).hasNotFailed().getBean(ChatMemory.class).isInstanceOf(RedisChatMemory.class);
				context.getBean(ChatTemplate.class).prompt().conversation("r").user("你好").call().content().block();
				assertThat(redis.command("LLEN app:chat:r")).isEqualTo(":2");
				assertThat(Long.parseLong(redis.command("PTTL app:chat:r").substring(1))).isPositive();
			});
	}

	@Test
	void storeRedisWithoutAConnectionShouldFailAtStartupNamingTheProperty() {
		this.runner.withPropertyValues(provider())
			.withPropertyValues("chat.memory.store=redis")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("chat.memory.store")
				.hasStackTraceContaining("spring-boot-starter-data-redis-reactive"));
	}

	@Test
	void invalidBoundsShouldFailAtStartupNamingTheProperty() {
		this.runner.withPropertyValues(provider())
			.withPropertyValues("chat.memory.max-messages=0")
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("chat.memory.max-messages"));
		this.runner.withPropertyValues(provider())
			.withPropertyValues("chat.memory.on-store-failure=ignore")
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("chat.memory.on-store-failure"));
	}

	private void stubReply() {
		this.upstream.server()
			.stubFor(post(urlEqualTo(LocalUpstream.CHAT_PATH)).willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody(Fixtures.text(Fixtures.SEED_000_REPLY))));
	}

	private static com.github.tomakehurst.wiremock.matching.StringValuePattern equalToText(String text) {
		return com.github.tomakehurst.wiremock.client.WireMock.equalTo(text);
	}

	private String[] provider() {
		return new String[] { "chat.providers.xingyun.base-url=" + this.upstream.baseUrl(),
				"chat.providers.xingyun.api-key=sk-memory-test-key", "chat.providers.xingyun.default-model=gpt-4",
				"chat.providers.xingyun.retry.max-attempts=1" };
	}

}
