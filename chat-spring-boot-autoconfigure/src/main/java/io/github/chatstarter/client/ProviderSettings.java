package io.github.chatstarter.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.github.chatstarter.error.internal.SecretRedactor;
import io.github.chatstarter.error.ChatErrorMapping;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.SslBundle;

/**
 * Everything one provider's template needs: where to send, with which keys, and its
 * limits. Immutable; built with {@link #builder(String)}.
 */
public final class ProviderSettings {

	/** Path appended to the base URL unless configured otherwise. */
	public static final String DEFAULT_CHAT_PATH = "/chat/completions";

	/**
	 * Longest wait for a connection, unless {@link Builder#connectTimeout} says
	 * otherwise.
	 */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Longest wait for the response headers, unless {@link Builder#responseTimeout} says
	 * otherwise.
	 */
	public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(60);

	/**
	 * Longest gap between two data events of a stream, unless
	 * {@link Builder#streamIdleTimeout} says otherwise.
	 */
	public static final Duration DEFAULT_STREAM_IDLE_TIMEOUT = Duration.ofSeconds(120);

	/**
	 * How long a rejected or exhausted API key is set aside, unless
	 * {@link Builder#keyCooldown} says otherwise.
	 */
	public static final Duration DEFAULT_KEY_COOLDOWN = Duration.ofSeconds(60);

	private final String name;

	private final URI baseUrl;

	private final String chatPath;

	private final URI endpoint;

	private final boolean baseUrlIsEndpoint;

	private final List<String> apiKeys;

	private final @Nullable String defaultModel;

	private final Set<String> models;

	private final Map<String, String> headers;

	private final Map<String, Object> extraBody;

	private final boolean streamUsage;

	private final ChatErrorMapping errorMapping;

	private final Duration connectTimeout;

	private final Duration responseTimeout;

	private final Duration streamIdleTimeout;

	private final @Nullable Duration requestTimeout;

	private final RetrySettings retry;

	private final PoolSettings pool;

	private final Duration keyCooldown;

	// Connection and logging settings of the Spring Boot integration.

	private final @Nullable ProxySettings proxy;

	private final @Nullable SslBundle sslBundle;

	private final boolean logBodies;

	private ProviderSettings(Builder builder) {
		this.name = builder.name;
		if (builder.baseUrl == null) {
			throw new IllegalArgumentException("Provider '" + this.name + "' needs a base URL");
		}
		this.baseUrl = builder.baseUrl;
		this.chatPath = normalizePath(builder.chatPath);
		String base = stripTrailingSlashes(this.baseUrl.toString());
		// A user who pasted the whole endpoint, as the relays' API documentation prints
		// it, gets it used as is.
		this.baseUrlIsEndpoint = !this.chatPath.isEmpty() && base.endsWith(this.chatPath);
		this.endpoint = URI.create(this.baseUrlIsEndpoint ? base : base + this.chatPath);
		this.apiKeys = List.copyOf(builder.apiKeys);
		this.defaultModel = builder.defaultModel;
		this.models = Collections.unmodifiableSet(new LinkedHashSet<>(builder.models));
		this.headers = Map.copyOf(builder.headers);
		this.extraBody = Map.copyOf(builder.extraBody);
		this.streamUsage = builder.streamUsage;
		this.errorMapping = builder.errorMapping;
		this.connectTimeout = builder.connectTimeout;
		this.responseTimeout = builder.responseTimeout;
		this.streamIdleTimeout = builder.streamIdleTimeout;
		this.requestTimeout = builder.requestTimeout;
		this.retry = builder.retry;
		this.pool = builder.pool;
		this.keyCooldown = builder.keyCooldown;
		this.proxy = builder.proxy;
		this.sslBundle = builder.sslBundle;
		this.logBodies = builder.logBodies;
	}

	public static Builder builder(String name) {
		return new Builder(name);
	}

	/**
	 * A builder that starts from these settings.
	 */
	public Builder mutate() {
		return new Builder(this);
	}

	/**
	 * Name of the provider, as configured under {@code chat.providers}.
	 */
	public String name() {
		return this.name;
	}

	public URI baseUrl() {
		return this.baseUrl;
	}

	public String chatPath() {
		return this.chatPath;
	}

	/**
	 * Where chat requests go: base URL plus chat path, or the base URL alone when it
	 * already ends with the chat path.
	 */
	public URI endpoint() {
		return this.endpoint;
	}

	/**
	 * Whether the base URL was given as the whole endpoint (it ends with the chat path).
	 */
	public boolean isBaseUrlEndpoint() {
		return this.baseUrlIsEndpoint;
	}

	/**
	 * Keys requests may use, in order; empty for a provider that needs none (a local
	 * relay).
	 */
	public List<String> apiKeys() {
		return this.apiKeys;
	}

	public @Nullable String defaultModel() {
		return this.defaultModel;
	}

	/**
	 * Models the provider serves, for routing; empty means it was not told.
	 */
	public Set<String> models() {
		return this.models;
	}

	public Map<String, String> headers() {
		return this.headers;
	}

	/**
	 * Fields merged into every request body where the request does not set them.
	 */
	public Map<String, Object> extraBody() {
		return this.extraBody;
	}

	/**
	 * Whether streamed requests ask for a final usage chunk
	 * ({@code stream_options.include_usage}).
	 */
	public boolean streamUsage() {
		return this.streamUsage;
	}

	/**
	 * What this provider's statuses and error codes mean where its documentation
	 * disagrees with the defaults.
	 * @return the overrides, empty by default
	 */
	public ChatErrorMapping errorMapping() {
		return this.errorMapping;
	}

	public Duration connectTimeout() {
		return this.connectTimeout;
	}

	/**
	 * Longest wait from sending the request until the response headers arrive.
	 */
	public Duration responseTimeout() {
		return this.responseTimeout;
	}

	/**
	 * Longest gap between two data events of a stream (heartbeat comments do not count),
	 * and between the headers and the body of a non-streamed reply.
	 */
	public Duration streamIdleTimeout() {
		return this.streamIdleTimeout;
	}

	/**
	 * Longest time a whole call may take, or {@code null} for no limit.
	 */
	public @Nullable Duration requestTimeout() {
		return this.requestTimeout;
	}

	/**
	 * How failed calls are retried.
	 */
	public RetrySettings retry() {
		return this.retry;
	}

	/**
	 * Limits of the provider's connection pool.
	 */
	public PoolSettings pool() {
		return this.pool;
	}

	/**
	 * How long a key the provider rejected, or whose quota ran out, is set aside before
	 * it is used again.
	 */
	public Duration keyCooldown() {
		return this.keyCooldown;
	}

	/**
	 * The proxy the provider is reached through, or {@code null} for a direct connection.
	 */
	public @Nullable ProxySettings proxy() {
		return this.proxy;
	}

	/**
	 * Trust material, client certificate and TLS options for the connection, or
	 * {@code null} for the JDK's defaults.
	 */
	public @Nullable SslBundle sslBundle() {
		return this.sslBundle;
	}

	/**
	 * Whether request and response bodies are logged at TRACE level (keys masked).
	 */
	public boolean logBodies() {
		return this.logBodies;
	}

	/**
	 * A path resolved against the base URL without the chat path, such as {@code /models}
	 * to {@code https://api.openai.com/v1/models}.
	 */
	public URI resolve(String path) {
		Objects.requireNonNull(path, "path");
		String base = this.endpoint.toString();
		base = base.substring(0, base.length() - this.chatPath.length());
		String normalized = normalizePath(path);
		if (normalized.isEmpty()) {
			throw new IllegalArgumentException("Provider '" + this.name + "': the path to resolve is blank");
		}
		return URI.create(base + normalized);
	}

	@Override
	public String toString() {
		return "ProviderSettings{name=" + this.name + ", endpoint=" + this.endpoint + ", apiKeys="
				+ this.apiKeys.stream().map(SecretRedactor::mask).toList() + ", defaultModel=" + this.defaultModel
				+ ", models=" + this.models + ((this.proxy != null) ? ", proxy=" + this.proxy : "") + "}";
	}

	private static URI parseBaseUrl(String name, String value) {
		try {
			URI uri = new URI(value.strip());
			String scheme = uri.getScheme();
			if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
					|| uri.getHost() == null) {
				throw new IllegalArgumentException("Provider '" + name + "' has base URL '" + value
						+ "', which is not an absolute http(s) URL such as https://api.openai.com/v1");
			}
			if (uri.getQuery() != null || uri.getFragment() != null) {
				throw new IllegalArgumentException("Provider '" + name + "' has base URL '" + value
						+ "' with a query or fragment; give only scheme, host and path");
			}
			return uri;
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException(
					"Provider '" + name + "' has base URL '" + value + "', which is not a valid URL: " + ex.getReason(),
					ex);
		}
	}

	private static String normalizePath(String path) {
		String stripped = stripTrailingSlashes(path.strip());
		return (stripped.isEmpty() || stripped.startsWith("/")) ? stripped : "/" + stripped;
	}

	private static String stripTrailingSlashes(String text) {
		int end = text.length();
		while (end > 0 && text.charAt(end - 1) == '/') {
			end--;
		}
		return text.substring(0, end);
	}

	/**
	 * The duration when positive; the message names the builder method, which is how a
	 * programmatic user set it (the auto-configuration adds the property's name).
	 */
	private static Duration positive(Duration duration, String method) {
		Objects.requireNonNull(duration, method);
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(method + " is " + duration + "; it must be positive");
		}
		return duration;
	}

	/**
	 * Builds {@link ProviderSettings}; only the base URL is required.
	 */
	public static final class Builder {

		private final String name;

		private @Nullable URI baseUrl;

		private String chatPath = DEFAULT_CHAT_PATH;

		private final List<String> apiKeys = new ArrayList<>();

		private @Nullable String defaultModel;

		private final List<String> models = new ArrayList<>();

		private final Map<String, String> headers = new LinkedHashMap<>();

		private final Map<String, Object> extraBody = new LinkedHashMap<>();

		private boolean streamUsage;

		private ChatErrorMapping errorMapping = ChatErrorMapping.none();

		private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

		private Duration responseTimeout = DEFAULT_RESPONSE_TIMEOUT;

		private Duration streamIdleTimeout = DEFAULT_STREAM_IDLE_TIMEOUT;

		private @Nullable Duration requestTimeout;

		private RetrySettings retry = RetrySettings.DEFAULT;

		private PoolSettings pool = PoolSettings.DEFAULT;

		private Duration keyCooldown = DEFAULT_KEY_COOLDOWN;

		private @Nullable ProxySettings proxy;

		private @Nullable SslBundle sslBundle;

		private boolean logBodies;

		private Builder(String name) {
			Objects.requireNonNull(name, "name");
			if (name.isBlank()) {
				throw new IllegalArgumentException("A provider needs a non-blank name");
			}
			this.name = name;
		}

		private Builder(ProviderSettings settings) {
			this.name = settings.name;
			this.baseUrl = settings.baseUrl;
			this.chatPath = settings.chatPath;
			this.apiKeys.addAll(settings.apiKeys);
			this.defaultModel = settings.defaultModel;
			this.models.addAll(settings.models);
			this.headers.putAll(settings.headers);
			this.extraBody.putAll(settings.extraBody);
			this.streamUsage = settings.streamUsage;
			this.errorMapping = settings.errorMapping;
			this.connectTimeout = settings.connectTimeout;
			this.responseTimeout = settings.responseTimeout;
			this.streamIdleTimeout = settings.streamIdleTimeout;
			this.requestTimeout = settings.requestTimeout;
			this.retry = settings.retry;
			this.pool = settings.pool;
			this.keyCooldown = settings.keyCooldown;
			this.proxy = settings.proxy;
			this.sslBundle = settings.sslBundle;
			this.logBodies = settings.logBodies;
		}

		/**
		 * Base URL including the version path, such as {@code https://api.openai.com/v1}.
		 */
		public Builder baseUrl(String baseUrl) {
			this.baseUrl = parseBaseUrl(this.name, Objects.requireNonNull(baseUrl, "baseUrl"));
			return this;
		}

		public Builder chatPath(String chatPath) {
			this.chatPath = Objects.requireNonNull(chatPath, "chatPath");
			return this;
		}

		/**
		 * Adds a key; blank keys are refused.
		 */
		public Builder apiKey(String apiKey) {
			Objects.requireNonNull(apiKey, "apiKey");
			if (apiKey.isBlank()) {
				throw new IllegalArgumentException("apiKey is blank; give the provider's API key");
			}
			this.apiKeys.add(apiKey.strip());
			return this;
		}

		public Builder apiKeys(List<String> apiKeys) {
			apiKeys.forEach(this::apiKey);
			return this;
		}

		public Builder defaultModel(@Nullable String defaultModel) {
			this.defaultModel = (defaultModel != null && !defaultModel.isBlank()) ? defaultModel.strip() : null;
			return this;
		}

		public Builder models(List<String> models) {
			models.forEach((model) -> this.models.add(Objects.requireNonNull(model, "model").strip()));
			return this;
		}

		public Builder header(String name, String value) {
			this.headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
			return this;
		}

		public Builder headers(Map<String, String> headers) {
			headers.forEach(this::header);
			return this;
		}

		public Builder extraBody(String name, Object value) {
			this.extraBody.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
			return this;
		}

		public Builder extraBody(Map<String, ?> extraBody) {
			extraBody.forEach(this::extraBody);
			return this;
		}

		public Builder streamUsage(boolean streamUsage) {
			this.streamUsage = streamUsage;
			return this;
		}

		/**
		 * Maps statuses or error codes of this provider to kinds of failure, where its
		 * documentation disagrees with the defaults.
		 * @param errorMapping the overrides
		 * @return this builder
		 */
		public Builder errorMapping(ChatErrorMapping errorMapping) {
			this.errorMapping = Objects.requireNonNull(errorMapping, "errorMapping");
			return this;
		}

		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = positive(connectTimeout, "connectTimeout");
			return this;
		}

		public Builder responseTimeout(Duration responseTimeout) {
			this.responseTimeout = positive(responseTimeout, "responseTimeout");
			return this;
		}

		public Builder streamIdleTimeout(Duration streamIdleTimeout) {
			this.streamIdleTimeout = positive(streamIdleTimeout, "streamIdleTimeout");
			return this;
		}

		public Builder requestTimeout(@Nullable Duration requestTimeout) {
			this.requestTimeout = (requestTimeout != null) ? positive(requestTimeout, "requestTimeout") : null;
			return this;
		}

		public Builder retry(RetrySettings retry) {
			this.retry = Objects.requireNonNull(retry, "retry");
			return this;
		}

		public Builder pool(PoolSettings pool) {
			this.pool = Objects.requireNonNull(pool, "pool");
			return this;
		}

		public Builder keyCooldown(Duration keyCooldown) {
			this.keyCooldown = positive(keyCooldown, "keyCooldown");
			return this;
		}

		public Builder proxy(@Nullable ProxySettings proxy) {
			this.proxy = proxy;
			return this;
		}

		public Builder sslBundle(@Nullable SslBundle sslBundle) {
			this.sslBundle = sslBundle;
			return this;
		}

		public Builder logBodies(boolean logBodies) {
			this.logBodies = logBodies;
			return this;
		}

		public ProviderSettings build() {
			return new ProviderSettings(this);
		}

	}

}
