package io.github.chatstarter.autoconfigure.observation;

import io.github.chatstarter.autoconfigure.ChatAutoConfiguration;
import io.github.chatstarter.autoconfigure.ChatProperties;
import io.github.chatstarter.autoconfigure.ProviderChatTemplateCustomizer;
import io.github.chatstarter.client.observation.ChatMetricsObservationHandler;
import io.github.chatstarter.client.observation.ChatObservationConvention;
import io.github.chatstarter.client.ProviderChatTemplates;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Observes every provider's calls with the application's {@link ObservationRegistry} (see
 * {@link io.github.chatstarter.client.observation.ChatObservationDocumentation}), with a
 * {@link ChatObservationConvention} bean when there is one; and, with a
 * {@link MeterRegistry}, records token usage and time to first chunk. Without a registry
 * the templates observe nothing.
 */
@AutoConfiguration(after = ChatAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean({ ObservationRegistry.class, ProviderChatTemplates.class })
public final class ChatObservationAutoConfiguration {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	ProviderChatTemplateCustomizer chatObservationTemplateCustomizer(ObservationRegistry observationRegistry,
			ObjectProvider<ChatObservationConvention> observationConvention,
			ObjectProvider<ChatProperties> properties) {
		ChatObservationConvention convention = observationConvention.getIfUnique();
		ChatProperties chat = properties.getIfAvailable();
		boolean includeContent = (chat != null) && chat.getObservations().isIncludeContent();
		return (builder) -> builder.observationRegistry(observationRegistry)
			.observationConvention(convention)
			.observeContent(includeContent);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class ChatMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ChatMetricsObservationHandler chatMetricsObservationHandler(MeterRegistry meterRegistry) {
			return new ChatMetricsObservationHandler(meterRegistry);
		}

	}

}
