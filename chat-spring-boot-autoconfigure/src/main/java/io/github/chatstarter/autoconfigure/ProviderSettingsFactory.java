package io.github.chatstarter.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.chatstarter.autoconfigure.ChatProperties.Provider;
import io.github.chatstarter.client.PoolSettings;
import io.github.chatstarter.client.ProviderSettings;
import io.github.chatstarter.client.RetrySettings;
import io.github.chatstarter.error.ChatErrorMapping;
import io.github.chatstarter.routing.FailoverSettings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.http.HttpHeaders;

/**
 * Turns {@code chat.providers.<name>.*} into {@link ProviderSettings}, failing with the
 * name of the property that is wrong.
 */
final class ProviderSettingsFactory {

	private static final Log logger = LogFactory.getLog(ProviderSettingsFactory.class);

	private ProviderSettingsFactory() {
	}

	/**
	 * Settings of every enabled provider, in configuration order.
	 */
	static List<ProviderSettings> create(ChatProperties properties, @Nullable SslBundles sslBundles) {
		List<ProviderSettings> all = new ArrayList<>();
		properties.getProviders().forEach((name, provider) -> {
			if (provider.isEnabled()) {
				all.add(ProviderConnectionSettings.apply(create(name, provider, properties.getFailover().getCooldown()),
						provider, properties, sslBundles));
			}
		});
		if (all.isEmpty()) {
			throw new InvalidChatPropertyException("chat.providers", "no provider is enabled",
					"configure at least one provider under chat.providers, or set chat.enabled=false");
		}
		String defaultProvider = properties.getDefaultProvider();
		if (defaultProvider != null && all.stream().noneMatch((settings) -> settings.name().equals(defaultProvider))) {
			throw new InvalidChatPropertyException("chat.default-provider",
					"'" + defaultProvider + "' is not an enabled provider",
					"set it to one of " + all.stream().map(ProviderSettings::name).toList()
							+ " or configure chat.providers." + defaultProvider);
		}
		return all;
	}

	/**
	 * The failover settings, checked against the enabled providers.
	 */
	static FailoverSettings failover(ChatProperties properties, List<ProviderSettings> providers) {
		ChatProperties.Failover failover = properties.getFailover();
		List<String> names = providers.stream().map(ProviderSettings::name).toList();
		for (int i = 0; i < failover.getOrder().size(); i++) {
			String name = failover.getOrder().get(i);
			if (!names.contains(name)) {
				throw new InvalidChatPropertyException("chat.failover.order[" + i + "]",
						"'" + name + "' is not an enabled provider", "list only providers of " + names);
			}
		}
		ChatProperties.CircuitBreaker breaker = failover.getCircuitBreaker();
		try {
			return new FailoverSettings(failover.isEnabled(), failover.getOrder(), failover.getCooldown(),
					breaker.getFailureRateThreshold(), breaker.getSlidingWindowSize(),
					breaker.getMinimumNumberOfCalls());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidChatPropertyException("chat.failover", String.valueOf(ex.getMessage()),
					"correct the value", ex);
		}
	}

	static ProviderSettings create(String name, Provider provider, Duration cooldown) {
		String prefix = "chat.providers." + name + ".";
		String baseUrl = provider.getBaseUrl();
		if (baseUrl == null || baseUrl.isBlank()) {
			throw new InvalidChatPropertyException(prefix + "base-url", "missing",
					"set it to the provider's base URL including the version path, such as https://api.openai.com/v1");
		}
		ProviderSettings.Builder builder = ProviderSettings.builder(name);
		set(prefix + "base-url", () -> builder.baseUrl(baseUrl),
				"give an absolute http(s) URL such as https://api.openai.com/v1");
		set(prefix + "chat-path", () -> builder.chatPath(provider.getChatPath()),
				"give a path such as /chat/completions");
		List<String> keys = apiKeys(prefix, provider);
		if (keys.isEmpty() && !hasAuthorizationHeader(provider.getHeaders())) {
			throw new InvalidChatPropertyException(prefix + "api-key", "missing",
					"set the provider's API key (for example api-key: ${" + name.toUpperCase().replace('-', '_')
							+ "_API_KEY}), or an Authorization header under " + prefix + "headers");
		}
		builder.apiKeys(keys)
			.defaultModel(provider.getDefaultModel())
			.models(provider.getModels())
			.headers(provider.getHeaders())
			.extraBody(ExtraBodyValues.typed(provider.getExtraBody()))
			.streamUsage(provider.isStreamUsage())
			.errorMapping(ChatErrorMapping.of(provider.getErrorMapping()));
		set(prefix + "connect-timeout", () -> builder.connectTimeout(provider.getConnectTimeout()),
				"give a positive duration such as 10s");
		set(prefix + "response-timeout", () -> builder.responseTimeout(provider.getResponseTimeout()),
				"give a positive duration such as 60s");
		set(prefix + "stream-idle-timeout", () -> builder.streamIdleTimeout(provider.getStreamIdleTimeout()),
				"give a positive duration such as 120s");
		Duration requestTimeout = provider.getRequestTimeout();
		set(prefix + "request-timeout", () -> builder.requestTimeout(requestTimeout),
				"give a positive duration such as 10m, or leave it unset");
		ChatProperties.Retry retry = provider.getRetry();
		set(prefix + "retry",
				() -> builder
					.retry(new RetrySettings(retry.getMaxAttempts(), retry.getInitialBackoff(), retry.getMaxBackoff())),
				"give max-attempts of at least 1 and non-negative backoffs, initial-backoff not above max-backoff");
		ChatProperties.Pool pool = provider.getPool();
		set(prefix + "pool",
				() -> builder.pool(new PoolSettings(pool.getMaxConnections(), pool.getPendingAcquireMaxCount(),
						pool.getPendingAcquireTimeout(), pool.getMaxIdleTime(), pool.getMaxLifeTime(),
						pool.getEvictionInterval())),
				"give positive limits and durations");
		set("chat.failover.cooldown", () -> builder.keyCooldown(cooldown), "give a positive duration such as 60s");
		ProviderSettings settings = builder.build();
		if (settings.isBaseUrlEndpoint()) {
			logger.warn("chat.providers." + name + ".base-url ends with " + settings.chatPath()
					+ ": it is used as the whole endpoint. Give the base URL without " + settings.chatPath()
					+ " (such as " + settings.endpoint().toString().replace(settings.chatPath(), "")
					+ ") to silence this warning.");
		}
		return settings;
	}

	private static List<String> apiKeys(String prefix, Provider provider) {
		List<String> keys = new ArrayList<>();
		if (provider.getApiKey() != null) {
			if (provider.getApiKey().isBlank()) {
				throw new InvalidChatPropertyException(prefix + "api-key", "blank (is its environment variable set?)",
						"give the provider's API key, or remove the property if the provider needs none and set an Authorization header");
			}
			keys.add(provider.getApiKey());
		}
		for (int i = 0; i < provider.getApiKeys().size(); i++) {
			String key = provider.getApiKeys().get(i);
			if (key == null || key.isBlank()) {
				throw new InvalidChatPropertyException(prefix + "api-keys[" + i + "]", "blank",
						"give an API key or remove the entry");
			}
			if (!keys.contains(key)) {
				keys.add(key);
			}
		}
		return keys;
	}

	private static boolean hasAuthorizationHeader(Map<String, String> headers) {
		return headers.keySet()
			.stream()
			.anyMatch((header) -> header.equalsIgnoreCase(HttpHeaders.AUTHORIZATION)
					|| header.equalsIgnoreCase("api-key") || header.equalsIgnoreCase("x-api-key"));
	}

	private static void set(String property, Runnable setter, String action) {
		try {
			setter.run();
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new InvalidChatPropertyException(property, String.valueOf(ex.getMessage()), action, ex);
		}
	}

}
