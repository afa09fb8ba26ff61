package io.github.chatstarter.client;

import java.util.Objects;

import io.netty.channel.ChannelOption;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Builds a {@link DefaultProviderChatTemplate} with its own Reactor Netty connection pool, so a slow or
 * failing provider cannot starve the others of connections.
 */
final class DefaultProviderChatTemplateBuilder implements ProviderChatTemplate.Builder {

	private final ProviderSettings settings;

	private WebClient.Builder webClientBuilder = WebClient.builder();

	DefaultProviderChatTemplateBuilder(ProviderSettings settings) {
		this.settings = Objects.requireNonNull(settings, "settings");
	}

	@Override
	public ProviderChatTemplate.Builder webClientBuilder(WebClient.Builder webClientBuilder) {
		this.webClientBuilder = Objects.requireNonNull(webClientBuilder, "webClientBuilder");
		return this;
	}

	@Override
	public ProviderChatTemplate build() {
		ConnectionProvider pool = ConnectionProvider.builder("chat-" + this.settings.name()).build();
		HttpClient httpClient = HttpClient.create(pool)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) this.settings.connectTimeout().toMillis())
			// Compressed streams are buffered by the decompressor: events would arrive late and in bursts.
			.compress(false);
		WebClient webClient = this.webClientBuilder.clone()
			.clientConnector(new ReactorClientHttpConnector(httpClient))
			.build();
		return new DefaultProviderChatTemplate(this.settings, webClient, pool);
	}

}
