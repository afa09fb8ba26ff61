package io.github.chatstarter.tokens;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ModelLimitsRegistryTests {

	private final ModelLimitsRegistry defaults = ModelLimitsRegistry.defaults();

	@Test
	void findShouldGiveTheLimitsTheRelaysDocument() {
		// aiapi.xing-yun.cn: gpt-3.5-turbo 4K, -16k 16K, gpt-4 8K, gpt-4-turbo and
		// gpt-4-1106-preview 128K in and 4K out, qwen-turbo 8K.
		assertThat(this.defaults.find(null, "gpt-3.5-turbo")).isEqualTo(ModelLimits.of(4096));
		assertThat(this.defaults.find(null, "gpt-3.5-turbo-16k")).isEqualTo(ModelLimits.of(16385));
		assertThat(this.defaults.find(null, "gpt-4")).isEqualTo(ModelLimits.of(8192));
		assertThat(this.defaults.find(null, "gpt-4-turbo")).isEqualTo(ModelLimits.of(128000, 4096));
		assertThat(this.defaults.find(null, "gpt-4-1106-preview")).isEqualTo(ModelLimits.of(128000, 4096));
		assertThat(this.defaults.find(null, "qwen-turbo")).isEqualTo(ModelLimits.of(8192));
		assertThat(this.defaults.find(null, "gpt-3.5-turbo-1106")).isEqualTo(ModelLimits.of(16385, 4096));
		assertThat(this.defaults.find(null, "gpt-3.5-turbo-0613")).isEqualTo(ModelLimits.of(4096));
		assertThat(this.defaults.find(null, "ernie-bot-4")).isEqualTo(ModelLimits.of(8192, 2048));
		assertThat(this.defaults.find(null, "spark-v3.0")).isEqualTo(ModelLimits.of(8192, 8192));
		assertThat(this.defaults.find(null, "claude-2")).isEqualTo(ModelLimits.of(100000, 4096));
		assertThat(this.defaults.find(null, "claude-instant-1")).isEqualTo(ModelLimits.of(100000, 4096));
	}

	@Test
	void findShouldMatchDatedAndVendorPrefixedNamesToTheirFamilyNeverToAShorterFamily() {
		assertThat(this.defaults.find(null, "gpt-4o-2024-08-06")).isEqualTo(ModelLimits.of(128000, 16384));
		assertThat(this.defaults.find(null, "openai/gpt-4o-mini")).isEqualTo(ModelLimits.of(128000, 16384));
		assertThat(this.defaults.find(null, "GPT-4-0613")).isEqualTo(ModelLimits.of(8192));
		assertThat(this.defaults.find(null, "gpt-4-turbo-2024-04-09")).isEqualTo(ModelLimits.of(128000, 4096));
		assertThat(this.defaults.find(null, "gpt-4.1-nano")).isEqualTo(ModelLimits.of(1047576, 32768));
		assertThat(this.defaults.find(null, "o1-mini-2024-09-12")).isEqualTo(ModelLimits.of(128000, 65536));
		assertThat(this.defaults.find(null, "o3-mini")).isEqualTo(ModelLimits.of(200000, 100000));
		assertThat(this.defaults.find(null, "deepseek-reasoner")).isEqualTo(ModelLimits.of(128000, 65536));
		assertThat(this.defaults.find(null, "glm-4-flash")).isEqualTo(ModelLimits.of(128000, 4096));
		assertThat(this.defaults.find(null, "claude-3-5-sonnet-20241022")).isEqualTo(ModelLimits.of(200000, 8192));
		assertThat(this.defaults.find(null, "claude-sonnet-4-5")).isEqualTo(ModelLimits.of(200000, 64000));
	}

	@Test
	void findShouldReadTheWindowFromANameEndingInThousands() {
		assertThat(this.defaults.find(null, "moonshot-v1-8k")).isEqualTo(ModelLimits.of(8192));
		assertThat(this.defaults.find(null, "moonshot-v1-128k")).isEqualTo(ModelLimits.of(131072));
		assertThat(this.defaults.find(null, "ernie-4.0-turbo-128k")).isEqualTo(ModelLimits.of(131072));
		assertThat(this.defaults.find(null, "gpt-4-32k-0613")).isEqualTo(ModelLimits.of(32768));
	}

	@Test
	void findShouldGiveNoLimitForAnUnknownModel() {
		assertThat(this.defaults.find(null, "demo-chat")).isNull();
		assertThat(this.defaults.find("xingyun", "llama3")).isNull();
		assertThat(this.defaults.find(null, "gpt-40")).isNull();
	}

	@Test
	void aProvidersOwnLimitsShouldComeFirstForThatProviderOnly() {
		ModelLimitsRegistry registry = ModelLimitsRegistry.builder()
			.limits("xingyun", "GPT-3.5-Turbo", ModelLimits.of(16385, 4096))
			.limits("local", "llama3", ModelLimits.of(8192))
			.build();
		assertThat(registry.find("xingyun", "gpt-3.5-turbo")).isEqualTo(ModelLimits.of(16385, 4096));
		assertThat(registry.find("aigs", "gpt-3.5-turbo")).isEqualTo(ModelLimits.of(4096));
		assertThat(registry.find(null, "gpt-3.5-turbo")).isEqualTo(ModelLimits.of(4096));
		assertThat(registry.find("local", "llama3")).isEqualTo(ModelLimits.of(8192));
		assertThat(registry.find("xingyun", "llama3")).isNull();
	}

	@Test
	void limitsShouldRefuseANonPositiveWindowOrAnOutputLargerThanTheWindow() {
		assertThatIllegalArgumentException().isThrownBy(() -> ModelLimits.of(0))
			.withMessageContaining("context-window");
		assertThatIllegalArgumentException().isThrownBy(() -> ModelLimits.of(4096, 8192))
			.withMessageContaining("max-output-tokens");
		assertThatIllegalArgumentException().isThrownBy(() -> ModelLimits.of(4096, 0))
			.withMessageContaining("max-output-tokens");
	}

}
