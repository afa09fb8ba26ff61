package io.github.chatstarter.client;

import io.github.chatstarter.ChatTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The template of one provider: sends every request to that provider and never fails over. Owns its
 * connection pool; {@link #close()} releases it.
 */
public interface ProviderChatTemplate extends ChatTemplate, AutoCloseable {

	ProviderSettings settings();

	/**
	 * Name of the provider, as configured under {@code chat.providers}.
	 */
	default String name() {
		return settings().name();
	}

	/**
	 * Releases the provider's connections.
	 */
	@Override
	void close();

	/**
	 * A template with a plain {@code WebClient}.
	 */
	static ProviderChatTemplate create(ProviderSettings settings) {
		return builder(settings).build();
	}

	static Builder builder(ProviderSettings settings) {
		return new DefaultProviderChatTemplateBuilder(settings);
	}

	/**
	 * Builds a {@link ProviderChatTemplate}.
	 */
	interface Builder {

		/**
		 * The builder to start from, such as Spring Boot's, so that its customizers apply. It is cloned; its
		 * connector is replaced by one with this provider's own pool and timeouts.
		 */
		Builder webClientBuilder(WebClient.Builder webClientBuilder);

		ProviderChatTemplate build();

	}

}
