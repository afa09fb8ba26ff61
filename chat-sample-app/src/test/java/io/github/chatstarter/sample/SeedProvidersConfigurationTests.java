package io.github.chatstarter.sample;

import io.github.chatstarter.ChatTemplates;
import io.github.chatstarter.client.ProviderChatTemplate;
import io.github.chatstarter.client.ProviderSettings;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code application.yml} configures exactly the seed providers whose key variables are
 * set, as the seed documents describe them, and then leaves the demo upstream off.
 * Nothing is sent to them.
 */
class SeedProvidersConfigurationTests {

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.NONE, properties = { "XINGYUN_API_KEY=sk-xingyun-test-0000",
			"AIGC2D_API_KEY=", "AIGS_API_KEY=sk-aigs-test-0000" })
	class WithTwoKeys {

		@Autowired
		private ChatTemplates chatTemplates;

		@Autowired
		private ApplicationContext context;

		@Autowired
		private Environment environment;

		@Test
		void onlyTheProvidersWithKeysShouldBeConfigured() {
			assertThat(this.chatTemplates.names()).containsExactly("xingyun", "aigs");
			assertThat(this.context.containsBean("xingyunChatTemplate")).isTrue();
			assertThat(this.context.containsBean("aigc2dChatTemplate")).isFalse();
		}

		@Test
		void demoUpstreamShouldNotStart() {
			assertThat(this.chatTemplates.names()).doesNotContain("demo");
			assertThat(this.environment.getProperty("chat.providers.demo.base-url")).isNull();
		}

		@Test
		void providersShouldMatchTheSeedDocuments() {
			ProviderSettings xingyun = settings("xingyun");
			assertThat(xingyun.endpoint()).hasToString("https://aiapi.xing-yun.cn/v1/chat/completions");
			assertThat(xingyun.defaultModel()).isEqualTo("gpt-3.5-turbo");
			assertThat(xingyun.models()).contains("gpt-3.5-turbo", "gpt-4", "gpt-4-turbo", "qwen-turbo");
			ProviderSettings aigs = settings("aigs");
			assertThat(aigs.endpoint()).hasToString("https://chatapi.ai-gs.cn/v1/chat/completions");
			assertThat(aigs.models()).contains("gpt-3.5-turbo", "gpt-3.5-turbo-16k", "gpt-4");
			// ai-gs wants a JSON boolean for its web search switch, not the string a
			// property gives.
			assertThat(aigs.extraBody()).containsEntry("online", false);
		}

		private ProviderSettings settings(String name) {
			return ((ProviderChatTemplate) this.chatTemplates.get(name)).settings();
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.NONE,
			properties = { "XINGYUN_API_KEY=", "AIGC2D_API_KEY=sk-aigc2d-test-0000", "AIGS_API_KEY=" })
	class WithOneKey {

		@Autowired
		private ChatTemplates chatTemplates;

		@Test
		void thatProviderShouldBeTheOnlyOne() {
			assertThat(this.chatTemplates.names()).containsExactly("aigc2d");
			ProviderSettings aigc2d = ((ProviderChatTemplate) this.chatTemplates.get("aigc2d")).settings();
			assertThat(aigc2d.endpoint()).hasToString("https://api.aigc2d.com/v1/chat/completions");
			assertThat(aigc2d.models()).contains("gpt-3.5-turbo", "ernie-bot", "spark-v3.0", "claude-2");
		}

	}

}
