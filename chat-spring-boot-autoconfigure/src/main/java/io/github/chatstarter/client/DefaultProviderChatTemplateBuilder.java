package io.github.chatstarter.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import io.github.chatstarter.client.observation.ChatObservationConvention;
import io.github.chatstarter.model.ChatRequest;
import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelOption;
import org.jspecify.annotations.Nullable;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Builds a {@link DefaultProviderChatTemplate} with its own Reactor Netty connection
 * pool, so a slow or failing provider cannot starve the others of connections.
 */
final class DefaultProviderChatTemplateBuilder implements ProviderChatTemplate.Builder {

	private final ProviderSettings settings;

	private WebClient.Builder webClientBuilder = WebClient.builder();

	private final List<ExchangeFilterFunction> filters = new ArrayList<>();

	private final List<UnaryOperator<HttpClient>> httpClientCustomizers = new ArrayList<>();

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private @Nullable ChatObservationConvention observationConvention;

	private boolean observeContent;

	private final List<Consumer<ChatRequest>> requestChecks = new ArrayList<>();

	private CallAdmission admission = CallAdmission.NONE;

	DefaultProviderChatTemplateBuilder(ProviderSettings settings) {
		this.settings = Objects.requireNonNull(settings, "settings");
	}

	@Override
	public ProviderChatTemplate.Builder webClientBuilder(WebClient.Builder webClientBuilder) {
		this.webClientBuilder = Objects.requireNonNull(webClientBuilder, "webClientBuilder");
		return this;
	}

	@Override
	public ProviderSettings settings() {
		return this.settings;
	}

	@Override
	public ProviderChatTemplate.Builder filter(ExchangeFilterFunction filter) {
		this.filters.add(Objects.requireNonNull(filter, "filter"));
		return this;
	}

	@Override
	public ProviderChatTemplate.Builder httpClient(UnaryOperator<HttpClient> customizer) {
		this.httpClientCustomizers.add(Objects.requireNonNull(customizer, "customizer"));
		return this;
	}

	@Override
	public ProviderChatTemplate.Builder observationRegistry(ObservationRegistry observationRegistry) {
		this.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry");
		return this;
	}

	@Override
	public ProviderChatTemplate.Builder observationConvention(
			@Nullable ChatObservationConvention observationConvention) {
		this.observationConvention = observationConvention;
		return this;
	}

	@Override
	public ProviderChatTemplate.Builder observeContent(boolean observeContent) {
		this.observeContent = observeContent;
		return this;
	}

	@Override
	public ProviderChatTemplate.Builder requestCheck(Consumer<ChatRequest> check) {
		this.requestChecks.add(Objects.requireNonNull(check, "check"));
		return this;
	}

	@Override
	public ProviderChatTemplate.Builder admission(CallAdmission admission) {
		this.admission = Objects.requireNonNull(admission, "admission");
		return this;
	}

	/**
	 * The provider's proxy and SSL bundle, then the customizers, on top of the given
	 * client.
	 */
	private HttpClient customize(HttpClient httpClient) {
		HttpClient customized = ProviderConnections.configure(httpClient, this.settings);
		for (UnaryOperator<HttpClient> customizer : this.httpClientCustomizers) {
			customized = Objects.requireNonNull(customizer.apply(customized), "customized HttpClient");
		}
		return customized;
	}

	/**
	 * The filters, then body logging innermost, where it sees the request as sent.
	 */
	private WebClient.Builder filter(WebClient.Builder builder) {
		this.filters.forEach(builder::filter);
		if (this.settings.logBodies()) {
			builder.filter(new BodyLoggingFilter(this.settings));
		}
		return builder;
	}

	private ChatCallInstrumentation instrumentation() {
		return new ChatCallInstrumentation(this.settings, this.observationRegistry, this.observationConvention,
				this.observeContent);
	}

	@Override
	public ProviderChatTemplate build() {
		PoolMetrics metrics = new PoolMetrics();
		ConnectionProvider pool = connectionPool(this.settings.name(), this.settings.pool(), metrics);
		HttpClient httpClient = HttpClient.create(pool)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) this.settings.connectTimeout().toMillis())
			// Compressed streams are buffered by the decompressor: events would arrive
			// late and in bursts.
			.compress(false);
		WebClient webClient = filter(
				this.webClientBuilder.clone().clientConnector(new ReactorClientHttpConnector(customize(httpClient))))
			.build();
		return new DefaultProviderChatTemplate(this.settings, webClient, pool, metrics, instrumentation(),
				List.copyOf(this.requestChecks), this.admission);
	}

	private static ConnectionProvider connectionPool(String name, PoolSettings settings, PoolMetrics metrics) {
		ConnectionProvider.Builder pool = ConnectionProvider.builder("chat-" + name)
			.maxConnections(settings.maxConnections())
			.pendingAcquireMaxCount(settings.pendingAcquireMaxCount())
			.pendingAcquireTimeout(settings.pendingAcquireTimeout())
			.maxIdleTime(settings.maxIdleTime())
			// Idle connections are closed even when no request comes to notice them.
			.evictInBackground(settings.evictionInterval())
			.metrics(true, () -> metrics);
		if (settings.maxLifeTime() != null) {
			pool.maxLifeTime(settings.maxLifeTime());
		}
		return pool.build();
	}

}
