package io.github.chatstarter.autoconfigure;

import java.util.List;

import io.github.chatstarter.ChatTemplate;
import io.github.chatstarter.ChatTemplates;
import io.github.chatstarter.client.ProviderChatTemplate;
import io.github.chatstarter.client.ProviderSettings;
import io.github.chatstarter.error.internal.SecretRedactor;
import io.github.chatstarter.memory.ConversationMemory;
import io.github.chatstarter.prompt.ChatPrompt;
import io.github.chatstarter.prompt.StructuredOutputSettings;
import io.github.chatstarter.client.ProviderChatTemplates;
import io.github.chatstarter.routing.RoutingChatTemplate;
import io.github.chatstarter.state.ClusterState;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration of the chat templates: one per provider under
 * {@code chat.providers}, the {@link ChatTemplates} that holds them, the primary
 * {@link ChatTemplate} that routes by model, and a {@link ChatPrompt} on it with the
 * configured {@link StructuredOutputSettings}.
 */
@AutoConfiguration(afterName = "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration")
@ConditionalOnBooleanProperty(name = "chat.enabled", matchIfMissing = true)
@Conditional(OnChatProvidersCondition.class)
@EnableConfigurationProperties(ChatProperties.class)
@Import(ProviderTemplateBeansRegistrar.class)
public final class ChatAutoConfiguration {

	private static final Log logger = LogFactory.getLog(ChatAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean(ChatTemplates.class)
	ProviderChatTemplates chatTemplates(ChatProperties properties, ObjectProvider<WebClient.Builder> webClientBuilder,
			ObjectProvider<SslBundles> sslBundles, ObjectProvider<ProviderChatTemplateCustomizer> customizers) {
		List<ProviderSettings> all = ProviderSettingsFactory.create(properties, sslBundles.getIfAvailable());
		WebClient.Builder builder = webClientBuilder.getIfAvailable(WebClient::builder);
		List<ProviderChatTemplate> templates = all.stream().map((settings) -> {
			ProviderChatTemplate.Builder template = ProviderChatTemplate.builder(settings).webClientBuilder(builder);
			customizers.orderedStream().forEach((customizer) -> customizer.customize(template));
			return template.build();
		}).toList();
		templates.forEach((template) -> logger.info(describe(template.settings())));
		return new ProviderChatTemplates(templates);
	}

	@Bean
	@Primary
	@ConditionalOnMissingBean(name = "chatTemplate")
	@ConditionalOnBean(ProviderChatTemplates.class)
	RoutingChatTemplate chatTemplate(ProviderChatTemplates chatTemplates, ChatProperties properties,
			StructuredOutputSettings structuredOutputSettings, ObjectProvider<ConversationMemory> conversationMemory,
			ObjectProvider<ClusterState> clusterState) {
		List<ProviderSettings> settings = chatTemplates.providers()
			.stream()
			.map(ProviderChatTemplate::settings)
			.toList();
		return new RoutingChatTemplate(chatTemplates, properties.getDefaultProvider(),
				ProviderSettingsFactory.failover(properties, settings), (prompt) -> {
					ChatPrompt configured = prompt.structuredOutput(structuredOutputSettings);
					ConversationMemory memory = conversationMemory.getIfAvailable();
					return (memory != null) ? configured.memory(memory) : configured;
				}, clusterState.getIfAvailable(ClusterState::local));
	}

	@Bean
	@ConditionalOnMissingBean
	StructuredOutputSettings chatStructuredOutputSettings(ChatProperties properties) {
		int maxRepairs = properties.getStructuredOutput().getMaxRepairs();
		if (maxRepairs < 0) {
			throw new InvalidChatPropertyException("chat.structured-output.max-repairs",
					"is " + maxRepairs + ", but must not be negative",
					"Set it to 0 to switch repairs off, or to 1 or more");
		}
		StructuredOutputSettings.Builder settings = StructuredOutputSettings.builder().maxRepairs(maxRepairs);
		properties.getProviders().forEach((name, provider) -> settings.mode(name, provider.getStructuredOutput()));
		return settings.build();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(ProviderChatTemplates.class)
	ChatPrompt chatPrompt(ChatTemplate chatTemplate, StructuredOutputSettings structuredOutputSettings) {
		return chatTemplate.prompt().structuredOutput(structuredOutputSettings);
	}

	private static String describe(ProviderSettings settings) {
		return "Chat provider '" + settings.name() + "': " + settings.endpoint().getScheme() + "://"
				+ settings.endpoint().getAuthority() + ", models " + settings.models() + ", default model "
				+ settings.defaultModel() + ", keys " + settings.apiKeys().stream().map(SecretRedactor::mask).toList();
	}

}
