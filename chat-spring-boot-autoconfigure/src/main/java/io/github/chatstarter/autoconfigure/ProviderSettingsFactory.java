package io.github.chatstarter.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.chatstarter.autoconfigure.ChatProperties.Provider;
import io.github.chatstarter.client.PoolSettings;
import io.github.chatstarter.client.ProviderSettings;
import io.github.chatstarter.client.RetrySettings;
import io.github.chatstarter.error.ChatErrorMapping;
import io.github.chatstarter.routing.FailoverSettings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.http.HttpHeaders;

/**
 * Turns {@code chat.providers.<name>.*} into {@link ProviderSettings}, failing with the
 * name of the property that is wrong.
 */
final class ProviderSettingsFactory {

	private static final Log logger = LogFactory.getLog(ProviderSettingsFactory.class);

	/** The component a settings record's message starts with, such as maxAttempts. */
	private static final Pattern LEADING_COMPONENT = Pattern.compile("([a-z][A-Za-z]*) ");

	private static final Pattern CAMEL_HUMP = Pattern.compile("([A-Z])");

	private ProviderSettingsFactory() {
	}

	/**
	 * Settings of every enabled provider, in configuration order.
	 */
	static List<ProviderSettings> create(ChatProperties properties, @Nullable SslBundles sslBundles) {
		List<ProviderSettings> all = new ArrayList<>();
		properties.getProviders().forEach((name, provider) -> {
			if (provider.isEnabled()) {
				all.add(create(name, provider, properties, sslBundles));
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
		ChatProperties.Failover.CircuitBreaker breaker = failover.getCircuitBreaker();
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

	static ProviderSettings create(String name, Provider provider, ChatProperties properties,
			@Nullable SslBundles sslBundles) {
		String prefix = "chat.providers." + name + ".";
		String baseUrl = provider.getBaseUrl();
		if (baseUrl == null || baseUrl.isBlank()) {
			throw new InvalidChatPropertyException(prefix + "base-url", "missing",
					"set it to the provider's base URL including the version path, such as https://api.openai.com/v1");
		}
		List<String> keys = apiKeys(prefix, provider);
		if (keys.isEmpty() && !hasAuthorizationHeader(provider.getHeaders())) {
			throw new InvalidChatPropertyException(prefix + "api-key", "missing",
					"set the provider's API key (for example api-key: ${" + name.toUpperCase().replace('-', '_')
							+ "_API_KEY}), or an Authorization header under " + prefix + "headers");
		}
		validateHealth(prefix + "health.", provider.getHealth());
		ProviderSettings.Builder builder = ProviderSettings.builder(name);
		PropertyMapper map = PropertyMapper.get();
		set(prefix + "base-url", () -> builder.baseUrl(baseUrl),
				"give an absolute http(s) URL such as https://api.openai.com/v1");
		set(prefix + "chat-path", () -> map.from(provider::getChatPath).to(builder::chatPath),
				"give a path such as /chat/completions");
		builder.apiKeys(keys);
		map.from(provider::getDefaultModel).to(builder::defaultModel);
		map.from(provider::getModels).to(builder::models);
		map.from(provider::getHeaders).to(builder::headers);
		map.from(provider::getExtraBody).as(ExtraBodyValues::typed).to(builder::extraBody);
		map.from(provider::isStreamUsage).to(builder::streamUsage);
		map.from(provider::getErrorMapping).as(ChatErrorMapping::of).to(builder::errorMapping);
		set(prefix + "connect-timeout", () -> map.from(provider::getConnectTimeout).to(builder::connectTimeout),
				"give a positive duration such as 10s");
		set(prefix + "response-timeout", () -> map.from(provider::getResponseTimeout).to(builder::responseTimeout),
				"give a positive duration such as 60s");
		set(prefix + "stream-idle-timeout",
				() -> map.from(provider::getStreamIdleTimeout).to(builder::streamIdleTimeout),
				"give a positive duration such as 120s");
		set(prefix + "request-timeout", () -> map.from(provider::getRequestTimeout).to(builder::requestTimeout),
				"give a positive duration such as 10m, or leave it unset");
		// The key pool's cooldown is the failover cooldown unless the provider sets its
		// own.
		set((provider.getKeyCooldown() != null) ? prefix + "key-cooldown" : "chat.failover.cooldown",
				() -> map.from(provider::getKeyCooldown)
					.orFrom(properties.getFailover()::getCooldown)
					.to(builder::keyCooldown),
				"give a positive duration such as 60s");
		Provider.Retry retry = provider.getRetry();
		setGroup(prefix + "retry.",
				() -> builder
					.retry(new RetrySettings(retry.getMaxAttempts(), retry.getInitialBackoff(), retry.getMaxBackoff())),
				"give max-attempts of at least 1 and non-negative backoffs, initial-backoff not above max-backoff");
		Provider.Pool pool = provider.getPool();
		setGroup(prefix + "pool.",
				() -> builder.pool(new PoolSettings(pool.getMaxConnections(), pool.getPendingAcquireMaxCount(),
						pool.getPendingAcquireTimeout(), pool.getMaxIdleTime(), pool.getMaxLifeTime(),
						pool.getEvictionInterval())),
				"give positive limits and durations");
		ProviderConnectionSettings.configure(builder, prefix, provider, properties, sslBundles);
		ProviderSettings settings = builder.build();
		if (settings.isBaseUrlEndpoint()) {
			logger.warn("chat.providers." + name + ".base-url ends with " + settings.chatPath()
					+ ": it is used as the whole endpoint. Give the base URL without " + settings.chatPath()
					+ " (such as " + settings.endpoint().toString().replace(settings.chatPath(), "")
					+ ") to silence this warning.");
		}
		return settings;
	}

	private static void validateHealth(String prefix, Provider.Health health) {
		if (health.getPath() == null || health.getPath().isBlank()) {
			throw new InvalidChatPropertyException(prefix + "path", "blank",
					"give a path relative to the base URL that costs no tokens, such as /models, or set " + prefix
							+ "enabled=false");
		}
		if (health.getTimeout() == null || health.getTimeout().isNegative() || health.getTimeout().isZero()) {
			throw new InvalidChatPropertyException(prefix + "timeout", "must be positive",
					"give a positive duration such as 10s");
		}
		if (health.getCacheTtl() == null || health.getCacheTtl().isNegative()) {
			throw new InvalidChatPropertyException(prefix + "cache-ttl", "negative",
					"give a duration such as 30s, or 0s to probe on every health check");
		}
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

	/**
	 * Like {@link #set}, for a settings record built from a group of properties: its
	 * messages start with the component that is wrong, which names the property.
	 */
	private static void setGroup(String prefix, Runnable setter, String action) {
		try {
			setter.run();
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			String message = String.valueOf(ex.getMessage());
			Matcher component = LEADING_COMPONENT.matcher(message);
			String property = component.lookingAt() ? prefix + kebabCase(component.group(1))
					: prefix.substring(0, prefix.length() - 1);
			throw new InvalidChatPropertyException(property, message, action, ex);
		}
	}

	private static String kebabCase(String camelCase) {
		return CAMEL_HUMP.matcher(camelCase).replaceAll("-$1").toLowerCase(Locale.ROOT);
	}

}
