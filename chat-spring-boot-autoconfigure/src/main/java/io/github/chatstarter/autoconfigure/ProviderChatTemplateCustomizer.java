package io.github.chatstarter.autoconfigure;

import io.github.chatstarter.client.ProviderChatTemplate;

/**
 * Customizes the builder of every provider's template before it is built, such as to add
 * a filter or tune the Reactor Netty client;
 * {@link ProviderChatTemplate.Builder#settings()} tells the providers apart. Declare
 * implementations as beans; they run in {@link org.springframework.core.annotation.Order
 * order}.
 */
@FunctionalInterface
public interface ProviderChatTemplateCustomizer {

	void customize(ProviderChatTemplate.Builder builder);

}
