package io.github.chatstarter.autoconfigure;

import io.github.chatstarter.tokens.ContextWindowCheck;
import io.github.chatstarter.tokens.ModelLimits;
import io.github.chatstarter.tokens.ModelLimitsRegistry;
import io.github.chatstarter.tokens.TokenEstimator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Auto-configuration of token counting: the {@link TokenEstimator}, the
 * {@link ModelLimitsRegistry} with each provider's {@code model-limits}, and the
 * pre-flight {@link ContextWindowCheck} on every provider's template
 * ({@code chat.tokens.preflight}).
 */
@AutoConfiguration(before = ChatAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "chat.enabled", matchIfMissing = true)
@Conditional(OnChatProvidersCondition.class)
@EnableConfigurationProperties(ChatProperties.class)
public final class ChatTokensAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TokenEstimator chatTokenEstimator() {
		return TokenEstimator.create();
	}

	@Bean
	@ConditionalOnMissingBean
	ModelLimitsRegistry chatModelLimits(ChatProperties properties) {
		ModelLimitsRegistry.Builder registry = ModelLimitsRegistry.builder();
		properties.getProviders()
			.forEach((provider, settings) -> settings.getModelLimits()
				.forEach((model, limit) -> registry.limits(provider, model, limits(provider, model, limit))));
		return registry.build();
	}

	@Bean
	@ConditionalOnMissingBean(name = "chatContextWindowCheck")
	@ConditionalOnBooleanProperty(name = "chat.tokens.preflight", matchIfMissing = true)
	ProviderChatTemplateCustomizer chatContextWindowCheck(ModelLimitsRegistry chatModelLimits,
			TokenEstimator chatTokenEstimator) {
		return (builder) -> builder
			.requestCheck(new ContextWindowCheck(builder.settings().name(), chatModelLimits, chatTokenEstimator));
	}

	/**
	 * One configured limit, completed from the default limits of the model, or failing
	 * with the property's name.
	 */
	static ModelLimits limits(String provider, String model, ChatProperties.ModelLimit limit) {
		String prefix = "chat.providers." + provider + ".model-limits" + mapKey(model) + ".";
		ModelLimits defaults = ModelLimitsRegistry.defaults().find(null, model);
		Integer window = (limit.getContextWindow() != null) ? limit.getContextWindow()
				: (defaults != null) ? Integer.valueOf(defaults.contextWindow()) : null;
		if (window == null) {
			throw new InvalidChatPropertyException(prefix + "context-window",
					"missing (model '" + model + "' has no default limits)",
					"give the model's context window in tokens, such as 8192");
		}
		Integer output = (limit.getMaxOutputTokens() != null) ? limit.getMaxOutputTokens()
				: (defaults != null && defaults.maxOutputTokens() != null && defaults.maxOutputTokens() <= window)
						? defaults.maxOutputTokens() : null;
		if (window <= 0) {
			throw new InvalidChatPropertyException(prefix + "context-window", "is " + window + ", but must be positive",
					"give the model's context window in tokens, such as 8192");
		}
		try {
			return new ModelLimits(window, output);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidChatPropertyException(prefix + "max-output-tokens",
					"is " + output + ", but must be positive and at most the context window (" + window + ")",
					"give the most tokens one answer may have, or leave it unset", ex);
		}
	}

	private static String mapKey(String key) {
		return key.matches("[a-z0-9-]+") ? "." + key : "[" + key + "]";
	}

}
