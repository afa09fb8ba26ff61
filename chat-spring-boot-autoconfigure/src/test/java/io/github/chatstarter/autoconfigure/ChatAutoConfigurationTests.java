package io.github.chatstarter.autoconfigure;

import java.time.Duration;

import io.github.chatstarter.ChatTemplate;
import io.github.chatstarter.ChatTemplates;
import io.github.chatstarter.client.Fixtures;
import io.github.chatstarter.client.ProviderChatTemplate;
import io.github.chatstarter.error.ChatQuotaExceededException;
import java.util.List;
import io.github.chatstarter.model.ChatChunk;
import io.github.chatstarter.model.ChatMessage;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.model.ChatResponse;
import io.github.chatstarter.prompt.ChatPrompt;
import io.github.chatstarter.prompt.StructuredOutputMode;
import io.github.chatstarter.prompt.StructuredOutputSettings;
import io.github.chatstarter.client.ProviderChatTemplates;
import io.github.chatstarter.routing.RoutingChatTemplate;
import io.github.chatstarter.test.LocalUpstream;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import io.github.chatstarter.error.ChatErrorKind;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

@ExtendWith(OutputCaptureExtension.class)
class ChatAutoConfigurationTests {

	private static final String XINGYUN_KEY = "xingyun-secret-key-0001";

	private static final String AIGC2D_KEY = "aigc2d-secret-key-0002";

	@RegisterExtension
	final LocalUpstream xingyun = new LocalUpstream();

	@RegisterExtension
	final LocalUpstream aigc2d = new LocalUpstream();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, ChatAutoConfiguration.class));

	@Test
	void withoutProvidersShouldNotConfigureAnything() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(ChatTemplates.class)
			.doesNotHaveBean(ChatTemplate.class));
	}

	@Test
	void whenDisabledShouldNotConfigureAnything() {
		this.runner.withPropertyValues(twoProviders())
			.withPropertyValues("chat.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ChatTemplates.class)
				.doesNotHaveBean(ChatTemplate.class));
	}

	@Test
	void withTwoProvidersShouldRegisterTemplatesByNameAndPrimaryRouter() {
		this.runner.withPropertyValues(twoProviders()).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).getBean("chatTemplate").isInstanceOf(RoutingChatTemplate.class);
			assertThat(context.getBean(ChatTemplate.class)).isInstanceOf(RoutingChatTemplate.class);
			assertThat(context.getBean(ChatTemplates.class).names()).containsExactly("xingyun", "aigc2d");
			assertThat(context.getBean("xingyunChatTemplate")).isInstanceOf(ProviderChatTemplate.class)
				.isSameAs(context.getBean(ChatTemplates.class).get("xingyun"));
			assertThat(context.getBean("aigc2dChatTemplate"))
				.isSameAs(context.getBean(ChatTemplates.class).get("aigc2d"));
		});
	}

	@Test
	void withProvidersShouldRegisterStructuredOutputSettingsFromTheProperties() {
		this.runner.withPropertyValues(twoProviders())
			.withPropertyValues("chat.providers.aigc2d.structured-output=prompt",
					"chat.structured-output.max-repairs=3")
			.run((context) -> {
				StructuredOutputSettings settings = context.getBean(StructuredOutputSettings.class);
				assertThat(settings.configuredMode("aigc2d")).isEqualTo(StructuredOutputMode.PROMPT);
				assertThat(settings.configuredMode("xingyun")).isEqualTo(StructuredOutputMode.AUTO);
				assertThat(settings.maxRepairs()).isEqualTo(3);
				assertThat(context).hasSingleBean(ChatPrompt.class);
			});
	}

	@Test
	void userStructuredOutputSettingsAndPromptShouldBeKept() {
		StructuredOutputSettings own = StructuredOutputSettings.builder().maxRepairs(0).build();
		ChatPrompt prompt = new StubTemplate().prompt().system("own");
		this.runner.withPropertyValues(twoProviders())
			.withBean(StructuredOutputSettings.class, () -> own)
			.withBean(ChatPrompt.class, () -> prompt)
			.run((context) -> {
				assertThat(context.getBean(StructuredOutputSettings.class)).isSameAs(own);
				assertThat(context.getBean(ChatPrompt.class)).isSameAs(prompt);
			});
	}

	@Test
	void unknownStructuredOutputModeShouldFailAtStartupNamingTheProperty() {
		this.runner.withPropertyValues(twoProviders())
			.withPropertyValues("chat.providers.aigc2d.structured-output=xml")
			.run((context) -> assertThat(context).getFailure()
				.hasMessageContaining("chat.providers.aigc2d.structured-output"));
	}

	@Test
	void errorMappingShouldReachTheProvidersSettingsByStatusAndByCode() {
		this.runner.withPropertyValues(twoProviders())
			.withPropertyValues("chat.providers.aigc2d.error-mapping.402=server-error",
					"chat.providers.aigc2d.error-mapping.insufficient_balance=quota-exceeded")
			.run((context) -> {
				ProviderChatTemplates templates = context.getBean(ProviderChatTemplates.class);
				assertThat(templates.provider("aigc2d").settings().errorMapping().kinds())
					.containsExactlyInAnyOrderEntriesOf(Map.of("402", ChatErrorKind.SERVER_ERROR,
							"insufficient_balance", ChatErrorKind.QUOTA_EXCEEDED));
				assertThat(templates.provider("xingyun").settings().errorMapping().isEmpty()).isTrue();
			});
	}

	@Test
	void unknownErrorKindShouldFailAtStartupNamingThePropertyAndTheKinds(CapturedOutput output) {
		SpringApplication application = new SpringApplication(ChatOnlyApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		assertThatException()
			.isThrownBy(() -> application.run("--chat.providers.aigs.base-url=" + this.aigc2d.baseUrl(),
					"--chat.providers.aigs.api-key=" + AIGC2D_KEY,
					"--chat.providers.aigs.error-mapping.402=server-eror"));
		assertThat(output).contains("chat.providers.aigs.error-mapping.402")
			.contains("server-eror")
			.contains("SERVER_ERROR")
			.contains("QUOTA_EXCEEDED")
			.doesNotContain(AIGC2D_KEY);
	}

	@Test
	void disabledProviderShouldBeLeftOut() {
		this.runner.withPropertyValues(twoProviders())
			.withPropertyValues("chat.providers.aigc2d.enabled=false")
			.run((context) -> {
				assertThat(context.getBean(ChatTemplates.class).names()).containsExactly("xingyun");
				assertThat(context).doesNotHaveBean("aigc2dChatTemplate");
			});
	}

	@Test
	void userDefinedChatTemplatesShouldWinAndRoutingBackOff() {
		this.runner.withPropertyValues(twoProviders())
			.withUserConfiguration(UserTemplatesConfiguration.class)
			.run((context) -> {
				assertThat(context).getBean(ChatTemplates.class).isSameAs(context.getBean("userTemplates"));
				assertThat(context).doesNotHaveBean(RoutingChatTemplate.class);
			});
	}

	@Test
	void userDefinedChatTemplateBeanShouldWin() {
		this.runner.withPropertyValues(twoProviders())
			.withUserConfiguration(UserChatTemplateConfiguration.class)
			.run((context) -> {
				assertThat(context).getBean("chatTemplate").isNotInstanceOf(RoutingChatTemplate.class);
				assertThat(context).hasSingleBean(ProviderChatTemplates.class);
			});
	}

	@Test
	void userDefinedProviderBeanNameShouldWin() {
		this.runner.withPropertyValues(twoProviders())
			.withUserConfiguration(UserProviderBeanConfiguration.class)
			.run((context) -> assertThat(context.getBean("xingyunChatTemplate"))
				.isNotInstanceOf(ProviderChatTemplate.class));
	}

	@Test
	void shouldChatStreamAndRouteByModelEndToEnd() {
		stubReply(this.xingyun);
		stubReply(this.aigc2d);
		this.aigc2d.server()
			.stubFor(post(LocalUpstream.CHAT_PATH).withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
				.willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
					.withBody(Fixtures.text(Fixtures.SEED_002_STREAM))));
		this.runner.withPropertyValues(twoProviders()).run((context) -> {
			ChatTemplate chat = context.getBean(ChatTemplate.class);
			ChatResponse byDefault = chat.chat(ChatRequest.ofUserMessage("你好")).block();
			assertThat(byDefault.provider()).isEqualTo("xingyun");
			ChatResponse ernie = chat
				.chat(ChatRequest.of("ernie-bot", io.github.chatstarter.model.ChatMessage.user("你好")))
				.block();
			assertThat(ernie.provider()).isEqualTo("aigc2d");
			String streamed = chat
				.stream(ChatRequest.of("spark-v3.0", io.github.chatstarter.model.ChatMessage.user("你好")))
				.map(ChatChunk::content)
				.collectList()
				.map((parts) -> String.join("", parts))
				.block();
			assertThat(streamed).isEqualTo(Fixtures.SEED_002_ANSWER);
			ChatResponse unlisted = chat
				.chat(ChatRequest.of("some-new-model", io.github.chatstarter.model.ChatMessage.user("x")))
				.block();
			assertThat(unlisted.provider()).isEqualTo("xingyun");
		});
		this.xingyun.server()
			.verify(postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH))
				.withHeader("Authorization", equalTo("Bearer " + XINGYUN_KEY))
				.withHeader("X-Team", equalTo("demo"))
				.withRequestBody(matchingJsonPath("$.model", equalTo("gpt-3.5-turbo"))));
		this.aigc2d.server()
			.verify(2, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)).withHeader("Authorization",
					equalTo("Bearer " + AIGC2D_KEY)));
		this.xingyun.server()
			.verify(0, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)).withHeader("Authorization",
					equalTo("Bearer " + AIGC2D_KEY)));
	}

	@Test
	void defaultProviderShouldTakeUnroutedRequests() {
		stubReply(this.aigc2d);
		this.runner.withPropertyValues(twoProviders())
			.withPropertyValues("chat.default-provider=aigc2d")
			.run((context) -> {
				ChatResponse response = context.getBean(ChatTemplate.class)
					.chat(ChatRequest.ofUserMessage("hi"))
					.block();
				assertThat(response.provider()).isEqualTo("aigc2d");
			});
		this.aigc2d.server()
			.verify(postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH))
				.withRequestBody(matchingJsonPath("$.model", equalTo("ernie-bot"))));
	}

	@Test
	void extraBodyFromPropertiesShouldBeSentWithJsonTypes() {
		stubReply(this.xingyun);
		this.runner.withPropertyValues(twoProviders())
			.withPropertyValues("chat.providers.xingyun.extra-body.online=true",
					"chat.providers.xingyun.extra-body.top_k=5",
					"chat.providers.xingyun.extra-body.repetition_penalty=1.05",
					"chat.providers.xingyun.extra-body.region=cn",
					"chat.providers.xingyun.extra-body.search.enable=false")
			.run((context) -> context.getBean(ChatTemplate.class).chat(ChatRequest.ofUserMessage("hi")).block());
		this.xingyun.server()
			.verify(postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)).withRequestBody(equalToJson("""
					{"model":"gpt-3.5-turbo","messages":[{"role":"user","content":"hi"}],
					"online":true,"top_k":5,"repetition_penalty":1.05,"region":"cn","search":{"enable":false}}""")));
	}

	@Test
	void wholeEndpointAsBaseUrlShouldBeUsedAsIsWithWarning(CapturedOutput output) {
		stubReply(this.xingyun);
		this.runner.withPropertyValues(twoProviders())
			.withPropertyValues("chat.providers.xingyun.base-url=" + this.xingyun.baseUrl() + "/chat/completions")
			.run((context) -> context.getBean(ChatTemplate.class).chat(ChatRequest.ofUserMessage("hi")).block());
		this.xingyun.server().verify(postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)));
		assertThat(output).contains("chat.providers.xingyun.base-url ends with /chat/completions");
	}

	@Test
	void modelNoProviderListsShouldGoToTheDefaultProviderAndBeLoggedOnce(CapturedOutput output) {
		stubReply(this.xingyun);
		this.runner.withPropertyValues(twoProviders())
			.withPropertyValues("chat.default-provider=xingyun")
			.run((context) -> {
				ChatTemplate chat = context.getBean(ChatTemplate.class);
				ChatRequest unlisted = ChatRequest.of("glm-4", ChatMessage.user("你好"));
				assertThat(chat.chat(unlisted).block().provider()).isEqualTo("xingyun");
				assertThat(chat.chat(unlisted).block().provider()).isEqualTo("xingyun");
			});
		String report = "Model 'glm-4' is not listed under any provider's models: its requests go to the default provider 'xingyun'";
		assertThat(output.getOut().split(java.util.regex.Pattern.quote(report), -1)).hasSize(2);
	}

	@Test
	void quotaErrorShouldStayTypedWhenEveryProviderOfTheModelRanOutOfQuota() {
		for (LocalUpstream upstream : List.of(this.xingyun, this.aigc2d)) {
			upstream.server()
				.stubFor(post(LocalUpstream.CHAT_PATH).willReturn(aResponse().withStatus(429)
					.withHeader("Content-Type", "application/json")
					.withBody("{\"error\":{\"code\":\"insufficient_quota\",\"message\":\"quota\"}}")));
		}
		this.runner.withPropertyValues(twoProviders()).run((context) -> {
			ChatTemplate chat = context.getBean(ChatTemplate.class);
			String fallback = chat.chat(ChatRequest.of("gpt-4", ChatMessage.user("你好")))
				.map(ChatResponse::content)
				.onErrorResume(ChatQuotaExceededException.class, (ex) -> Mono.just("quota fallback"))
				.block();
			assertThat(fallback).isEqualTo("quota fallback");
		});
	}

	@Test
	void requestWithoutModelShouldFailBeforeSendingNamingTheProviderAndItsProperty() {
		this.runner
			.withPropertyValues("chat.providers.aigs.base-url=" + this.aigc2d.baseUrl(),
					"chat.providers.aigs.api-key=" + AIGC2D_KEY)
			.run((context) -> {
				ChatTemplate chat = context.getBean(ChatTemplate.class);
				assertThatException().isThrownBy(() -> chat.chat(ChatRequest.ofUserMessage("你好")).block())
					.withMessageContaining("provider 'aigs'")
					.withMessageContaining("chat.providers.aigs.default-model");
			});
		assertThat(this.aigc2d.server().getAllServeEvents()).isEmpty();
	}

	@Test
	void startupReportShouldListProvidersWithMaskedKeys(CapturedOutput output) {
		this.runner.withPropertyValues(twoProviders()).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(ChatTemplates.class).toString()).doesNotContain(XINGYUN_KEY);
			assertThat(context.getBean(ChatTemplate.class).toString()).doesNotContain(XINGYUN_KEY);
			assertThat(context.getBean(ChatProperties.class).getProviders().get("xingyun").toString())
				.doesNotContain(XINGYUN_KEY);
		});
		assertThat(output).contains("Chat provider 'xingyun': http://127.0.0.1:")
			.contains("Chat provider 'aigc2d'")
			.doesNotContain(XINGYUN_KEY)
			.doesNotContain(AIGC2D_KEY);
	}

	@Test
	void missingBaseUrlShouldFailStartupNamingTheProperty() {
		this.runner.withPropertyValues("chat.providers.xingyun.api-key=k")
			.run((context) -> assertFailure(context, "chat.providers.xingyun.base-url", "missing"));
	}

	@Test
	void malformedBaseUrlShouldFailStartupNamingTheProperty() {
		this.runner
			.withPropertyValues("chat.providers.xingyun.api-key=k",
					"chat.providers.xingyun.base-url=aiapi.xing-yun.cn/v1")
			.run((context) -> assertFailure(context, "chat.providers.xingyun.base-url", "not an absolute http(s) URL"));
	}

	@Test
	void blankApiKeyShouldFailStartupNamingTheProperty() {
		this.runner
			.withPropertyValues("chat.providers.xingyun.base-url=https://aiapi.xing-yun.cn/v1",
					"chat.providers.xingyun.api-key=")
			.run((context) -> assertFailure(context, "chat.providers.xingyun.api-key", "blank"));
	}

	@Test
	void missingApiKeyShouldFailStartupUnlessAuthorizationHeaderIsSet() {
		this.runner.withPropertyValues("chat.providers.xingyun.base-url=https://aiapi.xing-yun.cn/v1")
			.run((context) -> assertFailure(context, "chat.providers.xingyun.api-key", "missing"));
		this.runner
			.withPropertyValues("chat.providers.local.base-url=http://127.0.0.1:1/v1",
					"chat.providers.local.headers.Authorization=Basic abc")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(ChatTemplates.class));
	}

	@Test
	void unknownDefaultProviderShouldFailStartupNamingTheProperty() {
		this.runner.withPropertyValues(twoProviders())
			.withPropertyValues("chat.default-provider=openai")
			.run((context) -> assertFailure(context, "chat.default-provider", "'openai' is not an enabled provider"));
	}

	@Test
	void nonPositiveTimeoutShouldFailStartupNamingTheProperty() {
		this.runner.withPropertyValues(twoProviders())
			.withPropertyValues("chat.providers.aigc2d.stream-idle-timeout=0s")
			.run((context) -> assertFailure(context, "chat.providers.aigc2d.stream-idle-timeout", "must be positive"));
	}

	@Test
	void invalidRetryValueShouldFailStartupNamingTheExactProperty() {
		this.runner.withPropertyValues(twoProviders())
			.withPropertyValues("chat.providers.aigc2d.retry.max-attempts=0")
			.run((context) -> assertFailure(context, "chat.providers.aigc2d.retry.max-attempts", "must be at least 1"));
	}

	@Test
	void invalidPoolValueShouldFailStartupNamingTheExactProperty() {
		this.runner.withPropertyValues(twoProviders())
			.withPropertyValues("chat.providers.aigc2d.pool.max-idle-time=0s")
			.run((context) -> assertFailure(context, "chat.providers.aigc2d.pool.max-idle-time", "must be positive"));
	}

	@Test
	void keyCooldownShouldBeTheProvidersOwnWhenSetAndTheFailoverCooldownOtherwise() {
		this.runner.withPropertyValues(twoProviders())
			.withPropertyValues("chat.providers.aigc2d.key-cooldown=5m", "chat.failover.cooldown=90s")
			.run((context) -> {
				ProviderChatTemplates templates = context.getBean(ProviderChatTemplates.class);
				assertThat(templates.provider("aigc2d").settings().keyCooldown()).isEqualTo(Duration.ofMinutes(5));
				assertThat(templates.provider("xingyun").settings().keyCooldown()).isEqualTo(Duration.ofSeconds(90));
			});
	}

	@Test
	void nonPositiveKeyCooldownShouldFailStartupNamingTheProperty() {
		this.runner.withPropertyValues(twoProviders())
			.withPropertyValues("chat.providers.aigc2d.key-cooldown=0s")
			.run((context) -> assertFailure(context, "chat.providers.aigc2d.key-cooldown", "must be positive"));
	}

	@Test
	void healthPropertiesShouldBeCheckedEvenWithoutActuator() {
		this.runner.withPropertyValues(twoProviders())
			.withPropertyValues("chat.providers.aigc2d.health.path= ")
			.run((context) -> assertFailure(context, "chat.providers.aigc2d.health.path", "blank"));
	}

	@Test
	void apiKeysShouldBeCombinedWithApiKey() {
		this.runner.withPropertyValues(twoProviders())
			.withPropertyValues("chat.providers.aigc2d.api-keys[0]=second-key-000000000",
					"chat.providers.aigc2d.api-keys[1]=" + AIGC2D_KEY)
			.run((context) -> {
				ProviderChatTemplates templates = context.getBean(ProviderChatTemplates.class);
				assertThat(templates.provider("aigc2d").settings().apiKeys()).containsExactly(AIGC2D_KEY,
						"second-key-000000000");
			});
	}

	private static void assertFailure(
			org.springframework.boot.test.context.assertj.AssertableApplicationContext context, String property,
			String problem) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		InvalidChatPropertyException cause = findCause(failure);
		assertThat(cause).as("cause of %s", failure).isNotNull();
		assertThat(cause.getProperty()).isEqualTo(property);
		FailureAnalysis analysis = new InvalidChatPropertyFailureAnalyzer().analyze(failure);
		assertThat(analysis.getDescription()).contains(property).contains(problem);
		assertThat(analysis.getAction()).isNotBlank();
	}

	private static InvalidChatPropertyException findCause(Throwable failure) {
		Throwable cause = failure;
		while (cause != null && !(cause instanceof InvalidChatPropertyException)) {
			cause = cause.getCause();
		}
		return (InvalidChatPropertyException) cause;
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ WebClientAutoConfiguration.class, ChatAutoConfiguration.class })
	static class ChatOnlyApplication {

	}

	private String[] twoProviders() {
		return new String[] { "chat.providers.xingyun.base-url=" + this.xingyun.baseUrl(),
				"chat.providers.xingyun.api-key=" + XINGYUN_KEY, "chat.providers.xingyun.default-model=gpt-3.5-turbo",
				"chat.providers.xingyun.models=gpt-3.5-turbo,gpt-4,gpt-4-turbo,qwen-turbo",
				"chat.providers.xingyun.headers.X-Team=demo", "chat.providers.aigc2d.base-url=" + this.aigc2d.baseUrl(),
				"chat.providers.aigc2d.api-key=" + AIGC2D_KEY, "chat.providers.aigc2d.default-model=ernie-bot",
				"chat.providers.aigc2d.models=ernie-bot,ernie-bot-4,spark-v3.0,claude-2,gpt-4" };
	}

	private static void stubReply(LocalUpstream upstream) {
		upstream.server()
			.stubFor(post(LocalUpstream.CHAT_PATH).willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(Fixtures.text(Fixtures.SEED_000_REPLY))));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserTemplatesConfiguration {

		@Bean
		ChatTemplates userTemplates() {
			return new ChatTemplates() {

				@Override
				public ChatTemplate get(String name) {
					throw new IllegalArgumentException(name);
				}

				@Override
				public java.util.Set<String> names() {
					return java.util.Set.of();
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserChatTemplateConfiguration {

		@Bean
		ChatTemplate chatTemplate() {
			return new StubTemplate();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserProviderBeanConfiguration {

		@Bean
		ChatTemplate xingyunChatTemplate() {
			return new StubTemplate();
		}

	}

	static class StubTemplate implements ChatTemplate {

		@Override
		public Mono<ChatResponse> chat(ChatRequest request) {
			return Mono.error(new UnsupportedOperationException());
		}

		@Override
		public Flux<ChatChunk> stream(ChatRequest request) {
			return Flux.error(new UnsupportedOperationException());
		}

	}

}
