package io.github.chatstarter.autoconfigure;

import java.util.List;

import io.github.chatstarter.ChatTemplate;
import io.github.chatstarter.ChatTemplates;
import io.github.chatstarter.client.ProviderChatTemplate;
import io.github.chatstarter.client.ProviderSettings;
import io.github.chatstarter.error.SecretRedactor;
import io.github.chatstarter.routing.ProviderChatTemplates;
import io.github.chatstarter.routing.RoutingChatTemplate;
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
 * Auto-configuration of the chat templates: one per provider under {@code chat.providers}, the
 * {@link ChatTemplates} that holds them, and the primary {@link ChatTemplate} that routes by model.
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
	RoutingChatTemplate chatTemplate(ProviderChatTemplates chatTemplates, ChatProperties properties) {
		List<ProviderSettings> settings = chatTemplates.providers().stream().map(ProviderChatTemplate::settings).toList();
		return new RoutingChatTemplate(chatTemplates, properties.getDefaultProvider(),
				ProviderSettingsFactory.failover(properties, settings));
	}

	private static String describe(ProviderSettings settings) {
		return "Chat provider '" + settings.name() + "': " + settings.endpoint().getScheme() + "://"
				+ settings.endpoint().getAuthority() + ", models " + settings.models() + ", default model "
				+ settings.defaultModel() + ", keys " + settings.apiKeys().stream().map(SecretRedactor::mask).toList();
	}

}
