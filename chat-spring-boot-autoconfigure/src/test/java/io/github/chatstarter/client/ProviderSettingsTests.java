package io.github.chatstarter.client;

import java.time.Duration;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ProviderSettingsTests {

	@ParameterizedTest
	@ValueSource(strings = { "https://aiapi.xing-yun.cn/v1", "https://aiapi.xing-yun.cn/v1/",
			"https://aiapi.xing-yun.cn/v1//", "https://aiapi.xing-yun.cn/v1/chat/completions",
			"https://aiapi.xing-yun.cn/v1/chat/completions/", " https://aiapi.xing-yun.cn/v1 " })
	void endpointShouldNeverRepeatTheChatPath(String baseUrl) {
		ProviderSettings settings = ProviderSettings.builder("xingyun").baseUrl(baseUrl).build();
		assertThat(settings.endpoint()).isEqualTo(URI.create("https://aiapi.xing-yun.cn/v1/chat/completions"));
		assertThat(settings.isBaseUrlEndpoint()).isEqualTo(baseUrl.contains("/chat/completions"));
	}

	@Test
	void customChatPathShouldBeAppended() {
		ProviderSettings settings = ProviderSettings.builder("azure")
			.baseUrl("https://x.example/openai/deployments/d")
			.chatPath("chat/completions?api-version=1")
			.build();
		assertThat(settings.endpoint().toString())
			.isEqualTo("https://x.example/openai/deployments/d/chat/completions?api-version=1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "aiapi.xing-yun.cn/v1", "ftp://aiapi.xing-yun.cn/v1", "https://", "https://host/v1?key=1",
			"http://exa mple.com" })
	void malformedBaseUrlShouldBeRefusedNamingIt(String baseUrl) {
		assertThatIllegalArgumentException().isThrownBy(() -> ProviderSettings.builder("p").baseUrl(baseUrl))
			.withMessageContaining("Provider 'p'")
			.withMessageContaining("base URL");
	}

	@Test
	void modelsShouldKeepConfigurationOrder() {
		ProviderSettings settings = ProviderSettings.builder("p")
			.baseUrl("https://h/v1")
			.models(List.of("gpt-4", "gpt-3.5-turbo", "qwen-turbo", "ernie-bot"))
			.build();
		assertThat(settings.models()).containsExactly("gpt-4", "gpt-3.5-turbo", "qwen-turbo", "ernie-bot");
	}

	@Test
	void blankKeyShouldBeRefusedNamingTheBuilderMethod() {
		assertThatIllegalArgumentException().isThrownBy(() -> ProviderSettings.builder("p").apiKey("  "))
			.withMessageStartingWith("apiKey is blank");
	}

	@Test
	void invalidDurationShouldBeRefusedNamingTheBuilderMethodNotAProperty() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ProviderSettings.builder("p").streamIdleTimeout(Duration.ZERO))
			.withMessage("streamIdleTimeout is PT0S; it must be positive");
		assertThatIllegalArgumentException().isThrownBy(() -> new RetrySettings(0, Duration.ZERO, Duration.ZERO))
			.withMessageStartingWith("maxAttempts is 0")
			.withMessageNotContaining("retry.");
	}

	@Test
	void toStringShouldMaskKeys() {
		ProviderSettings settings = ProviderSettings.builder("p")
			.baseUrl("https://h/v1")
			.apiKeys(List.of("sk-FAKE-not-a-real-key-99", "short"))
			.build();
		assertThat(settings.toString()).doesNotContain("not-a-real").doesNotContain("short").contains("sk-******99");
	}

}
