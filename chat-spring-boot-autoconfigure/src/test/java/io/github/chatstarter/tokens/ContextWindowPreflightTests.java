package io.github.chatstarter.tokens;

import io.github.chatstarter.client.Fixtures;
import io.github.chatstarter.client.ProviderChatTemplate;
import io.github.chatstarter.client.ProviderSettings;
import io.github.chatstarter.error.ChatContextLengthException;
import io.github.chatstarter.model.ChatMessage;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.test.LocalUpstream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pre-flight check on a provider's template: a request that cannot fit fails before
 * any network call; one that fits exactly is sent.
 */
class ContextWindowPreflightTests {

	private static final TokenEstimator estimator = TokenEstimator.create();

	@RegisterExtension
	final LocalUpstream upstream = new LocalUpstream();

	private ProviderChatTemplate template;

	@BeforeEach
	void template() {
		this.upstream.server()
			.stubFor(post(urlEqualTo(LocalUpstream.CHAT_PATH)).willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody(Fixtures.text(Fixtures.SEED_000_REPLY))));
		ProviderSettings settings = ProviderSettings.builder("xingyun")
			.baseUrl(this.upstream.baseUrl())
			.apiKey("sk-preflight-test-key")
			.defaultModel("gpt-4")
			.build();
		ModelLimitsRegistry limits = ModelLimitsRegistry.builder()
			.limits("xingyun", "local-llm", ModelLimits.of(100))
			.build();
		this.template = this.upstream.closeAfterTest(ProviderChatTemplate.builder(settings)
			.requestCheck(new ContextWindowCheck("xingyun", limits, estimator))
			.build());
	}

	@Test
	void aRequestThatFitsTheWindowExactlyShouldBeSentAndOneTokenMoreShouldNot() {
		ChatRequest prompt = ChatRequest.of("gpt-4", ChatMessage.system("你是天气助手"), ChatMessage.user(longText(3000)));
		int promptTokens = estimator.estimate(prompt);
		assertThat(promptTokens).isBetween(3000, 8192);
		ChatRequest fits = prompt.mutate().maxTokens(8192 - promptTokens).build();
		StepVerifier.create(this.template.chat(fits)).expectNextCount(1).verifyComplete();
		this.upstream.server().verify(1, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)));
		ChatRequest tooLong = prompt.mutate().maxTokens(8192 - promptTokens + 1).build();
		StepVerifier.create(this.template.chat(tooLong)).expectErrorSatisfies((ex) -> {
			assertThat(ex).isInstanceOf(ChatContextLengthException.class)
				.hasMessageContaining("Provider 'xingyun'")
				.hasMessageContaining("gpt-4")
				.hasMessageContaining(promptTokens + " prompt tokens + " + (8192 - promptTokens + 1)
						+ " requested output tokens = 8193, more than its 8192 tokens")
				.hasMessageContaining("chat.providers.xingyun.model-limits.gpt-4.context-window");
			ChatContextLengthException refused = (ChatContextLengthException) ex;
			assertThat(refused.getPromptTokens()).isEqualTo(promptTokens);
			assertThat(refused.getRequestedOutputTokens()).isEqualTo(8192 - promptTokens + 1);
			assertThat(refused.getContextWindow()).isEqualTo(8192);
			assertThat(refused.getProvider()).isEqualTo("xingyun");
			assertThat(refused.isRetryable()).isFalse();
		}).verify();
		this.upstream.server().verify(1, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)));
	}

	@Test
	void aPromptLongerThanTheWindowShouldFailBeforeAnyNetworkCallStreamedOrNot() {
		ChatRequest tooLong = ChatRequest.of("gpt-3.5-turbo", ChatMessage.user(longText(5000)));
		StepVerifier.create(this.template.chat(tooLong)).expectError(ChatContextLengthException.class).verify();
		StepVerifier.create(this.template.stream(tooLong)).expectError(ChatContextLengthException.class).verify();
		this.upstream.server().verify(0, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)));
	}

	@Test
	void aRequestWithoutModelShouldBeCheckedAgainstTheProvidersDefaultModel() {
		ChatRequest tooLong = ChatRequest.builder().message(ChatMessage.user(longText(9000))).build();
		StepVerifier.create(this.template.chat(tooLong))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(ChatContextLengthException.class)
				.hasMessageContaining("context window of gpt-4"))
			.verify();
		this.upstream.server().verify(0, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)));
	}

	@Test
	void aProvidersOwnLimitShouldBeCheckedAndAModelWithoutLimitShouldBeSentAsItIs() {
		StepVerifier.create(this.template.chat(ChatRequest.of("local-llm", ChatMessage.user(longText(200)))))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(ChatContextLengthException.class)
				.hasMessageContaining("(estimated)")
				.hasMessageContaining("more than its 100 tokens"))
			.verify();
		StepVerifier.create(this.template.chat(ChatRequest.of("unknown-llm", ChatMessage.user(longText(20000)))))
			.expectNextCount(1)
			.verifyComplete();
		this.upstream.server().verify(1, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)));
	}

	/** About one cl100k token per word. */
	private static String longText(int words) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < words; i++) {
			text.append(" weather");
		}
		return text.toString();
	}

}
