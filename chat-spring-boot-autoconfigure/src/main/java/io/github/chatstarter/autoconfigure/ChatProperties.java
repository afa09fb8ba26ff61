package io.github.chatstarter.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.chatstarter.client.ProviderSettings;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the chat providers ({@code chat.*}).
 */
@ConfigurationProperties("chat")
public class ChatProperties {

	/**
	 * Whether to auto-configure the chat templates.
	 */
	private boolean enabled = true;

	/**
	 * Provider that gets requests whose model no provider lists; the first provider when unset.
	 */
	private @Nullable String defaultProvider;

	/**
	 * Providers by name, in the order they are tried.
	 */
	private Map<String, Provider> providers = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getDefaultProvider() {
		return this.defaultProvider;
	}

	public void setDefaultProvider(@Nullable String defaultProvider) {
		this.defaultProvider = defaultProvider;
	}

	public Map<String, Provider> getProviders() {
		return this.providers;
	}

	public void setProviders(Map<String, Provider> providers) {
		this.providers = providers;
	}

	/**
	 * One OpenAI-compatible provider ({@code chat.providers.<name>.*}).
	 */
	public static class Provider {

		/**
		 * Whether this provider is used.
		 */
		private boolean enabled = true;

		/**
		 * Base URL including the version path, such as https://api.openai.com/v1.
		 */
		private @Nullable String baseUrl;

		/**
		 * Path appended to the base URL for chat completions.
		 */
		private String chatPath = ProviderSettings.DEFAULT_CHAT_PATH;

		/**
		 * API key sent as a bearer token.
		 */
		private @Nullable String apiKey;

		/**
		 * Further API keys of the same account or relay, used in turn with api-key.
		 */
		private List<String> apiKeys = new ArrayList<>();

		/**
		 * Model used when a request names none.
		 */
		private @Nullable String defaultModel;

		/**
		 * Models this provider serves, for routing requests by model.
		 */
		private List<String> models = new ArrayList<>();

		/**
		 * Extra HTTP headers sent with every request.
		 */
		private Map<String, String> headers = new LinkedHashMap<>();

		/**
		 * Fields merged into every request body where the request does not set them.
		 */
		private Map<String, Object> extraBody = new LinkedHashMap<>();

		/**
		 * Whether streamed requests ask for a final usage chunk (stream_options.include_usage).
		 */
		private boolean streamUsage;

		/**
		 * Longest wait for a connection to the provider.
		 */
		private Duration connectTimeout = Duration.ofSeconds(10);

		/**
		 * Longest wait from sending a request until the response headers arrive.
		 */
		private Duration responseTimeout = Duration.ofSeconds(60);

		/**
		 * Longest gap between two data events of a stream; heartbeat comments do not reset it.
		 */
		private Duration streamIdleTimeout = Duration.ofSeconds(120);

		/**
		 * Longest time a whole call may take; no limit when unset.
		 */
		private @Nullable Duration requestTimeout;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getBaseUrl() {
			return this.baseUrl;
		}

		public void setBaseUrl(@Nullable String baseUrl) {
			this.baseUrl = baseUrl;
		}

		public String getChatPath() {
			return this.chatPath;
		}

		public void setChatPath(String chatPath) {
			this.chatPath = chatPath;
		}

		public @Nullable String getApiKey() {
			return this.apiKey;
		}

		public void setApiKey(@Nullable String apiKey) {
			this.apiKey = apiKey;
		}

		public List<String> getApiKeys() {
			return this.apiKeys;
		}

		public void setApiKeys(List<String> apiKeys) {
			this.apiKeys = apiKeys;
		}

		public @Nullable String getDefaultModel() {
			return this.defaultModel;
		}

		public void setDefaultModel(@Nullable String defaultModel) {
			this.defaultModel = defaultModel;
		}

		public List<String> getModels() {
			return this.models;
		}

		public void setModels(List<String> models) {
			this.models = models;
		}

		public Map<String, String> getHeaders() {
			return this.headers;
		}

		public void setHeaders(Map<String, String> headers) {
			this.headers = headers;
		}

		public Map<String, Object> getExtraBody() {
			return this.extraBody;
		}

		public void setExtraBody(Map<String, Object> extraBody) {
			this.extraBody = extraBody;
		}

		public boolean isStreamUsage() {
			return this.streamUsage;
		}

		public void setStreamUsage(boolean streamUsage) {
			this.streamUsage = streamUsage;
		}

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getResponseTimeout() {
			return this.responseTimeout;
		}

		public void setResponseTimeout(Duration responseTimeout) {
			this.responseTimeout = responseTimeout;
		}

		public Duration getStreamIdleTimeout() {
			return this.streamIdleTimeout;
		}

		public void setStreamIdleTimeout(Duration streamIdleTimeout) {
			this.streamIdleTimeout = streamIdleTimeout;
		}

		public @Nullable Duration getRequestTimeout() {
			return this.requestTimeout;
		}

		public void setRequestTimeout(@Nullable Duration requestTimeout) {
			this.requestTimeout = requestTimeout;
		}

		@Override
		public String toString() {
			return "Provider{baseUrl=" + this.baseUrl + ", apiKey=" + ((this.apiKey != null) ? "******" : null)
					+ ", apiKeys=" + this.apiKeys.size() + ", defaultModel=" + this.defaultModel + ", models="
					+ this.models + "}";
		}

	}

}
