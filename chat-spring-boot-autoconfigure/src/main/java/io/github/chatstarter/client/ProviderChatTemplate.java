package io.github.chatstarter.client;

import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import io.github.chatstarter.ChatTemplate;
import io.github.chatstarter.client.observation.ChatObservationConvention;
import io.github.chatstarter.model.ChatRequest;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * The template of one provider: sends every request to that provider and never fails
 * over. Owns its connection pool; {@link #close()} releases it.
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
	 * How many connections the provider's pool holds now.
	 */
	ConnectionStats connections();

	/**
	 * The provider's API keys as it uses them now: how many are configured and which are
	 * set aside (after being rejected or running out of quota) until when.
	 * @return the keys' status
	 */
	ApiKeyStatus apiKeyStatus();

	/**
	 * Releases the provider's connections.
	 */
	@Override
	void close();

	/**
	 * Fetches a path under the base URL with GET, through the provider's own connection,
	 * headers and key, and discards the body; for health checks that must not spend
	 * tokens, such as {@code /models}.
	 * @param path path relative to the base URL, such as {@code /models}
	 * @return the probe, or a {@link io.github.chatstarter.error.ChatException} as a call
	 * would fail with
	 */
	Mono<ProviderProbe> probe(String path);

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
		 * The builder to start from, such as Spring Boot's, so that its customizers
		 * apply. It is cloned; its connector is replaced by one with this provider's own
		 * pool and timeouts.
		 */
		Builder webClientBuilder(WebClient.Builder webClientBuilder);

		// Spring Boot integration: customisation and observation.

		/**
		 * The settings the template is built for, so that a customizer can tell providers
		 * apart.
		 */
		ProviderSettings settings();

		/**
		 * Adds a filter to the provider's {@code WebClient}, after those of the given
		 * builder.
		 */
		Builder filter(ExchangeFilterFunction filter);

		/**
		 * Adds a customisation of the Reactor Netty client, applied after the provider's
		 * own settings (pool, timeouts, proxy, SSL bundle).
		 */
		Builder httpClient(UnaryOperator<HttpClient> customizer);

		/**
		 * Registry that observes every call; none by default.
		 */
		Builder observationRegistry(ObservationRegistry observationRegistry);

		/**
		 * Convention that names and tags the observations, instead of the default one.
		 */
		Builder observationConvention(@Nullable ChatObservationConvention observationConvention);

		/**
		 * Whether observations record prompts and answers; off by default, as they may
		 * hold personal data.
		 */
		Builder observeContent(boolean observeContent);

		/**
		 * Adds a check of every request, run when the call is subscribed to, after the
		 * provider's default model is filled in and before anything is encoded or sent. A
		 * check refuses a request by throwing a
		 * {@link io.github.chatstarter.error.ChatException} (such as the context-window
		 * pre-flight's {@link io.github.chatstarter.error.ChatContextLengthException}),
		 * which the call then fails with; it must not block.
		 * @param check the check
		 * @return this builder
		 */
		Builder requestCheck(Consumer<ChatRequest> check);

		/**
		 * Admission of every attempt (rate limits, keys set aside by other instances),
		 * asked after the request checks and before anything is sent; none by default.
		 * @param admission the admission
		 * @return this builder
		 */
		Builder admission(CallAdmission admission);

		ProviderChatTemplate build();

	}

}
