package io.github.chatstarter.autoconfigure;

import io.github.chatstarter.ChatTemplates;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks of every {@code chat.*} property at startup, as a user meets them: an
 * application with properties that fails before any bean is made, naming the property.
 */
class ChatPropertyChecksAutoConfigurationTests {

	private static final String KEY = "test-key-00112233445566";

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations
		.of(WebClientAutoConfiguration.class, ChatPropertyChecksAutoConfiguration.class, ChatAutoConfiguration.class));

	@Test
	void unsetEnvironmentVariableAsApiKeyShouldFailNamingThePropertyAndTheVariable() {
		this.runner.withPropertyValues(provider("aigc2d"))
			.withPropertyValues("chat.providers.aigc2d.api-key=${CHAT_TEST_UNSET_AIGC2D_KEY}")
			.run((context) -> assertFailure(context, "chat.providers.aigc2d.api-key",
					"is the environment variable CHAT_TEST_UNSET_AIGC2D_KEY set?"));
	}

	@Test
	void unresolvedPlaceholderInsideAValueShouldFailToo() {
		this.runner.withPropertyValues(provider("aigs"))
			.withPropertyValues("chat.providers.aigs.api-key=" + KEY,
					"chat.providers.aigs.base-url=https://${CHAT_TEST_UNSET_HOST}/v1")
			.run((context) -> assertFailure(context, "chat.providers.aigs.base-url", "${CHAT_TEST_UNSET_HOST}"));
	}

	@Test
	void placeholderThatResolvesShouldStart() {
		this.runner.withPropertyValues(provider("aigs"))
			.withPropertyValues("chat.providers.aigs.api-key=${chat-test-key}", "chat-test-key=" + KEY)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(ChatTemplates.class));
	}

	@Test
	void misspeltModelsShouldFailWithTheKeyMeant() {
		this.runner.withPropertyValues(provider("xingyun"))
			.withPropertyValues("chat.providers.xingyun.modles=gpt-4")
			.run((context) -> assertFailure(context, "chat.providers.xingyun.modles",
					"did you mean chat.providers.xingyun.models?"));
	}

	@Test
	void misspeltExtraBodyShouldFailWithTheKeyMeant() {
		this.runner.withPropertyValues(provider("aigs"))
			.withPropertyValues("chat.providers.aigs.extra-bdy.online=true")
			.run((context) -> assertFailure(context, "chat.providers.aigs.extra-bdy.online",
					"did you mean chat.providers.aigs.extra-body?"));
	}

	@Test
	void misspeltDefaultModelShouldFailWithTheKeyMeant() {
		this.runner.withPropertyValues(provider("aigc2d"))
			.withPropertyValues("chat.providers.aigc2d.defualt-model=ernie-bot")
			.run((context) -> assertFailure(context, "chat.providers.aigc2d.defualt-model",
					"did you mean chat.providers.aigc2d.default-model?"));
	}

	@Test
	void singularProviderShouldFailEvenThoughItConfiguresNoProvider() {
		this.runner
			.withPropertyValues("chat.provider.xingyun.base-url=https://aiapi.xing-yun.cn/v1",
					"chat.provider.xingyun.api-key=" + KEY)
			.run((context) -> {
				assertFailure(context, "chat.provider.xingyun.api-key", "did you mean chat.providers.xingyun.api-key?");
				assertThat(context.getStartupFailure().getMessage()).doesNotContain(KEY);
			});
	}

	@Test
	void nameFarFromAnyPropertyShouldFailWithoutAGuess() {
		this.runner.withPropertyValues(provider("aigs"))
			.withPropertyValues("chat.providers.aigs.completely-unrelated=1")
			.run((context) -> {
				assertFailure(context, "chat.providers.aigs.completely-unrelated", "is not a chat property");
				assertThat(context.getStartupFailure().getMessage()).doesNotContain("did you mean");
			});
	}

	@Test
	void relaxedNamesAndFreeMapKeysShouldStart() {
		this.runner.withPropertyValues(provider("aigs"))
			.withPropertyValues("chat.providers.aigs.defaultModel=gpt-4", "chat.providers.aigs.extra-body.online=true",
					"chat.providers.aigs.extra-body.any_vendor_field=1", "chat.providers.aigs.headers.X-Team=demo",
					"chat.providers.aigs.error-mapping.402=server-error", "chat.providers.aigs.retry.max-attempts=2",
					"chat.failover.circuit-breaker.sliding-window-size=4", "chat.problem-details.enabled=false",
					"chat.logging.bodies=false")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(ChatTemplates.class));
	}

	@Test
	void disabledChatShouldNotCheck() {
		this.runner.withPropertyValues("chat.enabled=false", "chat.provider.xingyun.api-key=" + KEY)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ChatTemplates.class));
	}

	private static String[] provider(String name) {
		return new String[] { "chat.providers." + name + ".base-url=http://127.0.0.1:9/v1",
				"chat.providers." + name + ".api-key=" + KEY, "chat.providers." + name + ".default-model=gpt-4" };
	}

	private static void assertFailure(AssertableApplicationContext context, String property, String problem) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		FailureAnalysis analysis = new InvalidChatPropertyFailureAnalyzer().analyze(failure);
		assertThat(analysis).as("analysis of %s", failure).isNotNull();
		assertThat(analysis.getDescription()).contains(property).contains(problem).doesNotContain(KEY);
		assertThat(analysis.getAction()).isNotBlank();
	}

}
