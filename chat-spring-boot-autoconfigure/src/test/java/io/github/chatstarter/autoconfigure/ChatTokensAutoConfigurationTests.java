package io.github.chatstarter.autoconfigure;

import io.github.chatstarter.ChatTemplate;
import io.github.chatstarter.client.Fixtures;
import io.github.chatstarter.error.ChatContextLengthException;
import io.github.chatstarter.model.ChatMessage;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.tokens.ModelLimits;
import io.github.chatstarter.tokens.ModelLimitsRegistry;
import io.github.chatstarter.tokens.TokenEstimator;
import io.github.chatstarter.test.LocalUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class ChatTokensAutoConfigurationTests {

	@RegisterExtension
	final LocalUpstream upstream = new LocalUpstream();

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(WebClientAutoConfiguration.class, ChatPropertyChecksAutoConfiguration.class,
					ChatTokensAutoConfiguration.class, ChatAutoConfiguration.class));

	@Test
	void withoutProvidersShouldConfigureNothing() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(TokenEstimator.class)
			.doesNotHaveBean(ModelLimitsRegistry.class));
	}

	@Test
	void withAProviderShouldConfigureTheEstimatorAndTheDefaultLimits() {
		this.runner.withPropertyValues(provider()).run((context) -> {
			assertThat(context).hasSingleBean(TokenEstimator.class).hasSingleBean(ModelLimitsRegistry.class);
			assertThat(context.getBean(ModelLimitsRegistry.class).find("xingyun", "gpt-4"))
				.isEqualTo(ModelLimits.of(8192));
		});
	}

	@Test
	void modelLimitsShouldOverrideTheDefaultsForTheirProviderWithDottedNamesInBrackets() {
		this.runner.withPropertyValues(provider())
			.withPropertyValues("chat.providers.xingyun.model-limits[gpt-3.5-turbo].context-window=16385",
					"chat.providers.xingyun.model-limits.gpt-4.max-output-tokens=1000",
					"chat.providers.xingyun.model-limits.local-llm.context-window=32000",
					"chat.providers.xingyun.model-limits.local-llm.max-output-tokens=2000")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ModelLimitsRegistry limits = context.getBean(ModelLimitsRegistry.class);
				assertThat(limits.find("xingyun", "gpt-3.5-turbo")).isEqualTo(ModelLimits.of(16385));
				assertThat(limits.find("xingyun", "gpt-4")).isEqualTo(ModelLimits.of(8192, 1000));
				assertThat(limits.find("xingyun", "local-llm")).isEqualTo(ModelLimits.of(32000, 2000));
				assertThat(limits.find("other", "gpt-3.5-turbo")).isEqualTo(ModelLimits.of(4096));
			});
	}

	@Test
	void aDottedModelNameWithoutBracketsShouldFailSayingToWriteItInBrackets() {
		this.runner.withPropertyValues(provider())
			.withPropertyValues("chat.providers.xingyun.model-limits.gpt-3.5-turbo.context-window=16385")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("chat.providers.xingyun.model-limits.gpt-3.5-turbo.context-window")
				.hasStackTraceContaining("\"[gpt-3.5-turbo]\""));
	}

	@Test
	void aModelWithoutDefaultLimitsShouldNeedItsContextWindow() {
		this.runner.withPropertyValues(provider())
			.withPropertyValues("chat.providers.xingyun.model-limits.local-llm.max-output-tokens=2000")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("chat.providers.xingyun.model-limits.local-llm.context-window: missing"));
	}

	@Test
	void invalidLimitsShouldFailAtStartupNamingTheProperty() {
		this.runner.withPropertyValues(provider())
			.withPropertyValues("chat.providers.xingyun.model-limits.gpt-4.max-output-tokens=9000")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("chat.providers.xingyun.model-limits.gpt-4.max-output-tokens")
				.hasMessageContaining("at most the context window (8192)"));
		this.runner.withPropertyValues(provider())
			.withPropertyValues("chat.providers.xingyun.model-limits[qwen2.5].context-window=-1")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("chat.providers.xingyun.model-limits[qwen2.5].context-window"));
		this.runner.withPropertyValues(provider())
			.withPropertyValues("chat.providers.xingyun.model-limits.gpt-4.context-windw=9000")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("chat.providers.xingyun.model-limits.gpt-4.context-windw"));
	}

	@Test
	void aRequestThatCannotFitShouldFailBeforeAnyNetworkCall() {
		stubReply();
		this.runner.withPropertyValues(provider()).run((context) -> {
			ChatTemplate chat = context.getBean(ChatTemplate.class);
			StepVerifier.create(chat.chat(ChatRequest.of("gpt-4", ChatMessage.user(words(9000)))))
				.expectError(ChatContextLengthException.class)
				.verify();
			StepVerifier.create(chat.chat(ChatRequest.of("gpt-4", ChatMessage.user(words(100)))))
				.expectNextCount(1)
				.verifyComplete();
			this.upstream.server().verify(1, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)));
		});
	}

	@Test
	void withPreflightOffARequestThatCannotFitShouldBeSent() {
		stubReply();
		this.runner.withPropertyValues(provider()).withPropertyValues("chat.tokens.preflight=false").run((context) -> {
			assertThat(context).doesNotHaveBean("chatContextWindowCheck").hasSingleBean(TokenEstimator.class);
			StepVerifier
				.create(context.getBean(ChatTemplate.class)
					.chat(ChatRequest.of("gpt-4", ChatMessage.user(words(9000)))))
				.expectNextCount(1)
				.verifyComplete();
			this.upstream.server().verify(1, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)));
		});
	}

	@Test
	void ownEstimatorAndLimitsShouldBeKept() {
		TokenEstimator own = TokenEstimator.create();
		ModelLimitsRegistry limits = ModelLimitsRegistry.builder().limits("x", "y", ModelLimits.of(10)).build();
		this.runner.withPropertyValues(provider())
			.withBean(TokenEstimator.class, () -> own)
			.withBean(ModelLimitsRegistry.class, () -> limits)
			.run((context) -> {
				assertThat(context.getBean(TokenEstimator.class)).isSameAs(own);
				assertThat(context.getBean(ModelLimitsRegistry.class)).isSameAs(limits);
			});
	}

	private void stubReply() {
		this.upstream.server()
			.stubFor(post(urlEqualTo(LocalUpstream.CHAT_PATH)).willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody(Fixtures.text(Fixtures.SEED_000_REPLY))));
	}

	private String[] provider() {
		return new String[] { "chat.providers.xingyun.base-url=" + this.upstream.baseUrl(),
				"chat.providers.xingyun.api-key=sk-tokens-test-key", "chat.providers.xingyun.default-model=gpt-4",
				"chat.providers.xingyun.retry.max-attempts=1" };
	}

	private static String words(int count) {
		return " weather".repeat(count);
	}

}
