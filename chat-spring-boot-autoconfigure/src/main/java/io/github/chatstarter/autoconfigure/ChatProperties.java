package io.github.chatstarter.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.chatstarter.client.PoolSettings;
import io.github.chatstarter.client.ProviderSettings;
import io.github.chatstarter.client.ProxySettings;
import io.github.chatstarter.client.RetrySettings;
import io.github.chatstarter.error.ChatErrorKind;
import io.github.chatstarter.limit.RateLimitSettings;
import io.github.chatstarter.memory.OnStoreFailure;
import io.github.chatstarter.prompt.StructuredOutputMode;
import io.github.chatstarter.prompt.StructuredOutputSettings;
import io.github.chatstarter.routing.FailoverSettings;
import io.github.chatstarter.state.ClusterSettings;
import io.github.chatstarter.state.ClusterStore;
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
	 * Provider that gets requests whose model no provider lists; the first provider when
	 * unset.
	 */
	private @Nullable String defaultProvider;

	/**
	 * Providers by name, in the order they are tried.
	 */
	private Map<String, Provider> providers = new LinkedHashMap<>();

	/**
	 * How the primary template moves from one provider to the next.
	 */
	private final Failover failover = new Failover();

	/**
	 * Typed answers of the prompt API.
	 */
	private final StructuredOutput structuredOutput = new StructuredOutput();

	/**
	 * Logging of chat calls of every provider.
	 */
	private final Logging logging = new Logging();

	/**
	 * Micrometer observations of chat calls of every provider.
	 */
	private final Observations observations = new Observations();

	/**
	 * Answers of web applications to chat failures.
	 */
	private final ProblemDetails problemDetails = new ProblemDetails();

	/**
	 * Token counting and context windows.
	 */
	private final Tokens tokens = new Tokens();

	/**
	 * Conversation memory.
	 */
	private final Memory memory = new Memory();

	/**
	 * Rate limits and provider state shared by the instances of the application.
	 */
	private final Cluster cluster = new Cluster();

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

	public Failover getFailover() {
		return this.failover;
	}

	public StructuredOutput getStructuredOutput() {
		return this.structuredOutput;
	}

	public Logging getLogging() {
		return this.logging;
	}

	public Observations getObservations() {
		return this.observations;
	}

	public ProblemDetails getProblemDetails() {
		return this.problemDetails;
	}

	public Tokens getTokens() {
		return this.tokens;
	}

	public Memory getMemory() {
		return this.memory;
	}

	public Cluster getCluster() {
		return this.cluster;
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
		 * Whether streamed requests ask for a final usage chunk
		 * (stream_options.include_usage).
		 */
		private boolean streamUsage;

		/**
		 * Kinds of failure that this provider's HTTP statuses or error codes mean, where
		 * its documentation disagrees with the defaults (for example 402: server-error).
		 */
		private Map<String, ChatErrorKind> errorMapping = new LinkedHashMap<>();

		/**
		 * Longest wait for a connection to the provider.
		 */
		private Duration connectTimeout = ProviderSettings.DEFAULT_CONNECT_TIMEOUT;

		/**
		 * Longest wait from sending a request until the response headers arrive.
		 */
		private Duration responseTimeout = ProviderSettings.DEFAULT_RESPONSE_TIMEOUT;

		/**
		 * Longest gap between two data events of a stream; heartbeat comments do not
		 * reset it.
		 */
		private Duration streamIdleTimeout = ProviderSettings.DEFAULT_STREAM_IDLE_TIMEOUT;

		/**
		 * Longest time a whole call may take; no limit when unset.
		 */
		private @Nullable Duration requestTimeout;

		/**
		 * How long an API key that was rejected or ran out of quota is set aside while
		 * the provider's other keys carry on; chat.failover.cooldown when unset.
		 */
		private @Nullable Duration keyCooldown;

		/**
		 * Retries of failed calls to this provider.
		 */
		private final Retry retry = new Retry();

		/**
		 * Connection pool of this provider.
		 */
		private final Pool pool = new Pool();

		/**
		 * Client-side rate limits of the whole provider, checked before a call is sent.
		 */
		private final RateLimit rateLimit = new RateLimit();

		/**
		 * Client-side rate limits of each of the provider's API keys.
		 */
		private final KeyRateLimit keyRateLimit = new KeyRateLimit();

		/**
		 * How typed answers send their JSON schema to this provider: json-schema,
		 * json-object, prompt, or auto (json-schema first, falling back when the provider
		 * rejects response_format).
		 */
		private StructuredOutputMode structuredOutput = StructuredOutputMode.AUTO;

		/**
		 * Context window and output limit of models at this provider, by model name,
		 * where they differ from the defaults or the model has none.
		 */
		private Map<String, ModelLimit> modelLimits = new LinkedHashMap<>();

		/**
		 * Whether request and response bodies of this provider are logged at TRACE level;
		 * chat.logging.bodies when unset.
		 */
		private @Nullable Boolean logBodies;

		/**
		 * Proxy this provider is reached through.
		 */
		private final Proxy proxy = new Proxy();

		/**
		 * TLS of the connection to this provider.
		 */
		private final Ssl ssl = new Ssl();

		/**
		 * Health probe of this provider.
		 */
		private final Health health = new Health();

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

		public Map<String, ChatErrorKind> getErrorMapping() {
			return this.errorMapping;
		}

		public void setErrorMapping(Map<String, ChatErrorKind> errorMapping) {
			this.errorMapping = errorMapping;
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

		public @Nullable Duration getKeyCooldown() {
			return this.keyCooldown;
		}

		public void setKeyCooldown(@Nullable Duration keyCooldown) {
			this.keyCooldown = keyCooldown;
		}

		public Retry getRetry() {
			return this.retry;
		}

		public Pool getPool() {
			return this.pool;
		}

		public RateLimit getRateLimit() {
			return this.rateLimit;
		}

		public KeyRateLimit getKeyRateLimit() {
			return this.keyRateLimit;
		}

		public Map<String, ModelLimit> getModelLimits() {
			return this.modelLimits;
		}

		public void setModelLimits(Map<String, ModelLimit> modelLimits) {
			this.modelLimits = modelLimits;
		}

		public StructuredOutputMode getStructuredOutput() {
			return this.structuredOutput;
		}

		public void setStructuredOutput(StructuredOutputMode structuredOutput) {
			this.structuredOutput = structuredOutput;
		}

		public @Nullable Boolean getLogBodies() {
			return this.logBodies;
		}

		public void setLogBodies(@Nullable Boolean logBodies) {
			this.logBodies = logBodies;
		}

		public Proxy getProxy() {
			return this.proxy;
		}

		public Ssl getSsl() {
			return this.ssl;
		}

		public Health getHealth() {
			return this.health;
		}

		@Override
		public String toString() {
			return "Provider{baseUrl=" + this.baseUrl + ", apiKey=" + ((this.apiKey != null) ? "******" : null)
					+ ", apiKeys=" + this.apiKeys.size() + ", defaultModel=" + this.defaultModel + ", models="
					+ this.models + "}";
		}

		/**
		 * Proxy the provider is reached through ({@code chat.providers.<name>.proxy.*});
		 * none unless a host is set.
		 */
		public static class Proxy {

			/**
			 * Kind of proxy.
			 */
			private ProxySettings.Type type = ProxySettings.Type.HTTP;

			/**
			 * Proxy host; requests go direct when unset.
			 */
			private @Nullable String host;

			/**
			 * Proxy port.
			 */
			private @Nullable Integer port;

			/**
			 * User for proxy authentication.
			 */
			private @Nullable String username;

			/**
			 * Password for proxy authentication.
			 */
			private @Nullable String password;

			/**
			 * Hosts reached without the proxy: names or patterns with '*', such as
			 * *.internal.example.
			 */
			private List<String> nonProxyHosts = new ArrayList<>();

			public ProxySettings.Type getType() {
				return this.type;
			}

			public void setType(ProxySettings.Type type) {
				this.type = type;
			}

			public @Nullable String getHost() {
				return this.host;
			}

			public void setHost(@Nullable String host) {
				this.host = host;
			}

			public @Nullable Integer getPort() {
				return this.port;
			}

			public void setPort(@Nullable Integer port) {
				this.port = port;
			}

			public @Nullable String getUsername() {
				return this.username;
			}

			public void setUsername(@Nullable String username) {
				this.username = username;
			}

			public @Nullable String getPassword() {
				return this.password;
			}

			public void setPassword(@Nullable String password) {
				this.password = password;
			}

			public List<String> getNonProxyHosts() {
				return this.nonProxyHosts;
			}

			public void setNonProxyHosts(List<String> nonProxyHosts) {
				this.nonProxyHosts = nonProxyHosts;
			}

		}

		/**
		 * TLS of the connection to the provider ({@code chat.providers.<name>.ssl.*}).
		 */
		public static class Ssl {

			/**
			 * SSL bundle (spring.ssl.bundle.*) with the trust material, client
			 * certificate and TLS options; the JDK's defaults when unset.
			 */
			private @Nullable String bundle;

			public @Nullable String getBundle() {
				return this.bundle;
			}

			public void setBundle(@Nullable String bundle) {
				this.bundle = bundle;
			}

		}

		/**
		 * Health probe of the provider ({@code chat.providers.<name>.health.*}).
		 */
		public static class Health {

			/**
			 * Whether the provider is probed for the chat health indicator.
			 */
			private boolean enabled = true;

			/**
			 * Path probed with GET, relative to the base URL; must cost no tokens.
			 */
			private String path = "/models";

			/**
			 * How long a probe's result is reused before the provider is probed again.
			 */
			private Duration cacheTtl = Duration.ofSeconds(30);

			/**
			 * Longest wait for the probe's response.
			 */
			private Duration timeout = Duration.ofSeconds(10);

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

			public String getPath() {
				return this.path;
			}

			public void setPath(String path) {
				this.path = path;
			}

			public Duration getCacheTtl() {
				return this.cacheTtl;
			}

			public void setCacheTtl(Duration cacheTtl) {
				this.cacheTtl = cacheTtl;
			}

			public Duration getTimeout() {
				return this.timeout;
			}

			public void setTimeout(Duration timeout) {
				this.timeout = timeout;
			}

		}

		/**
		 * Limits of one model at one provider
		 * ({@code chat.providers.<name>.model-limits.<model>.*}).
		 */
		public static class ModelLimit {

			/**
			 * Tokens of prompt and answer together; the default limit's when unset.
			 */
			private @Nullable Integer contextWindow;

			/**
			 * Most tokens of one answer; the default limit's when unset.
			 */
			private @Nullable Integer maxOutputTokens;

			public @Nullable Integer getContextWindow() {
				return this.contextWindow;
			}

			public void setContextWindow(@Nullable Integer contextWindow) {
				this.contextWindow = contextWindow;
			}

			public @Nullable Integer getMaxOutputTokens() {
				return this.maxOutputTokens;
			}

			public void setMaxOutputTokens(@Nullable Integer maxOutputTokens) {
				this.maxOutputTokens = maxOutputTokens;
			}

		}

		/**
		 * Client-side rate limits of one provider
		 * ({@code chat.providers.<name>.rate-limit.*}).
		 */
		public static class RateLimit {

			/**
			 * Requests per minute to the provider, of all instances together when the
			 * cluster store is shared; no limit when unset.
			 */
			private @Nullable Integer requestsPerMinute;

			/**
			 * Tokens per minute (prompt estimate plus max_tokens, settled by the reply's
			 * usage); no limit when unset.
			 */
			private @Nullable Integer tokensPerMinute;

			/**
			 * Calls in flight to the provider on this instance; no limit when unset.
			 */
			private @Nullable Integer maxConcurrentRequests;

			/**
			 * Longest a call waits for capacity before it fails with a
			 * ChatCapacityException.
			 */
			private Duration maxWait = RateLimitSettings.DEFAULT_MAX_WAIT;

			/**
			 * Tokens counted for the answer of a request without max_tokens, until its
			 * usage arrives.
			 */
			private int defaultCompletionTokens = RateLimitSettings.DEFAULT_COMPLETION_TOKENS;

			public @Nullable Integer getRequestsPerMinute() {
				return this.requestsPerMinute;
			}

			public void setRequestsPerMinute(@Nullable Integer requestsPerMinute) {
				this.requestsPerMinute = requestsPerMinute;
			}

			public @Nullable Integer getTokensPerMinute() {
				return this.tokensPerMinute;
			}

			public void setTokensPerMinute(@Nullable Integer tokensPerMinute) {
				this.tokensPerMinute = tokensPerMinute;
			}

			public @Nullable Integer getMaxConcurrentRequests() {
				return this.maxConcurrentRequests;
			}

			public void setMaxConcurrentRequests(@Nullable Integer maxConcurrentRequests) {
				this.maxConcurrentRequests = maxConcurrentRequests;
			}

			public Duration getMaxWait() {
				return this.maxWait;
			}

			public void setMaxWait(Duration maxWait) {
				this.maxWait = maxWait;
			}

			public int getDefaultCompletionTokens() {
				return this.defaultCompletionTokens;
			}

			public void setDefaultCompletionTokens(int defaultCompletionTokens) {
				this.defaultCompletionTokens = defaultCompletionTokens;
			}

		}

		/**
		 * Client-side rate limits of each API key of one provider
		 * ({@code chat.providers.<name>.key-rate-limit.*}).
		 */
		public static class KeyRateLimit {

			/**
			 * Requests per minute with one API key; no limit when unset.
			 */
			private @Nullable Integer requestsPerMinute;

			/**
			 * Tokens per minute with one API key; no limit when unset.
			 */
			private @Nullable Integer tokensPerMinute;

			public @Nullable Integer getRequestsPerMinute() {
				return this.requestsPerMinute;
			}

			public void setRequestsPerMinute(@Nullable Integer requestsPerMinute) {
				this.requestsPerMinute = requestsPerMinute;
			}

			public @Nullable Integer getTokensPerMinute() {
				return this.tokensPerMinute;
			}

			public void setTokensPerMinute(@Nullable Integer tokensPerMinute) {
				this.tokensPerMinute = tokensPerMinute;
			}

		}

		/**
		 * Retries of one provider ({@code chat.providers.<name>.retry.*}).
		 */
		public static class Retry {

			/**
			 * Attempts in total, the first included; 1 switches retries off.
			 */
			private int maxAttempts = RetrySettings.DEFAULT.maxAttempts();

			/**
			 * Wait before the second attempt; doubled for each further one.
			 */
			private Duration initialBackoff = RetrySettings.DEFAULT.initialBackoff();

			/**
			 * Longest wait between attempts, also for waits the provider asks for with
			 * Retry-After.
			 */
			private Duration maxBackoff = RetrySettings.DEFAULT.maxBackoff();

			public int getMaxAttempts() {
				return this.maxAttempts;
			}

			public void setMaxAttempts(int maxAttempts) {
				this.maxAttempts = maxAttempts;
			}

			public Duration getInitialBackoff() {
				return this.initialBackoff;
			}

			public void setInitialBackoff(Duration initialBackoff) {
				this.initialBackoff = initialBackoff;
			}

			public Duration getMaxBackoff() {
				return this.maxBackoff;
			}

			public void setMaxBackoff(Duration maxBackoff) {
				this.maxBackoff = maxBackoff;
			}

		}

		/**
		 * Connection pool of one provider ({@code chat.providers.<name>.pool.*}).
		 */
		public static class Pool {

			/**
			 * Most connections open at once.
			 */
			private int maxConnections = PoolSettings.DEFAULT.maxConnections();

			/**
			 * Most requests waiting for a connection; -1 for no limit.
			 */
			private int pendingAcquireMaxCount = PoolSettings.DEFAULT.pendingAcquireMaxCount();

			/**
			 * Longest wait for a free connection.
			 */
			private Duration pendingAcquireTimeout = PoolSettings.DEFAULT.pendingAcquireTimeout();

			/**
			 * How long an unused connection is kept; below the idle timeouts of common
			 * load balancers.
			 */
			private Duration maxIdleTime = PoolSettings.DEFAULT.maxIdleTime();

			/**
			 * Longest time a connection is used; no limit when unset.
			 */
			private @Nullable Duration maxLifeTime = PoolSettings.DEFAULT.maxLifeTime();

			/**
			 * How often idle and expired connections are closed in the background.
			 */
			private Duration evictionInterval = PoolSettings.DEFAULT.evictionInterval();

			public int getMaxConnections() {
				return this.maxConnections;
			}

			public void setMaxConnections(int maxConnections) {
				this.maxConnections = maxConnections;
			}

			public int getPendingAcquireMaxCount() {
				return this.pendingAcquireMaxCount;
			}

			public void setPendingAcquireMaxCount(int pendingAcquireMaxCount) {
				this.pendingAcquireMaxCount = pendingAcquireMaxCount;
			}

			public Duration getPendingAcquireTimeout() {
				return this.pendingAcquireTimeout;
			}

			public void setPendingAcquireTimeout(Duration pendingAcquireTimeout) {
				this.pendingAcquireTimeout = pendingAcquireTimeout;
			}

			public Duration getMaxIdleTime() {
				return this.maxIdleTime;
			}

			public void setMaxIdleTime(Duration maxIdleTime) {
				this.maxIdleTime = maxIdleTime;
			}

			public @Nullable Duration getMaxLifeTime() {
				return this.maxLifeTime;
			}

			public void setMaxLifeTime(@Nullable Duration maxLifeTime) {
				this.maxLifeTime = maxLifeTime;
			}

			public Duration getEvictionInterval() {
				return this.evictionInterval;
			}

			public void setEvictionInterval(Duration evictionInterval) {
				this.evictionInterval = evictionInterval;
			}

		}

	}

	/**
	 * Failover between providers ({@code chat.failover.*}).
	 */
	public static class Failover {

		/**
		 * Whether to try the next provider that serves the model when one fails.
		 */
		private boolean enabled = FailoverSettings.DEFAULT.enabled();

		/**
		 * Provider names in the order they are tried; the default provider first, then
		 * configuration order, when unset.
		 */
		private List<String> order = new ArrayList<>();

		/**
		 * How long a provider whose key was rejected or whose quota ran out is skipped,
		 * and how long an open circuit stays open.
		 */
		private Duration cooldown = FailoverSettings.DEFAULT.cooldown();

		/**
		 * Circuit breaker that skips providers with repeated outages.
		 */
		private final CircuitBreaker circuitBreaker = new CircuitBreaker();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public List<String> getOrder() {
			return this.order;
		}

		public void setOrder(List<String> order) {
			this.order = order;
		}

		public Duration getCooldown() {
			return this.cooldown;
		}

		public void setCooldown(Duration cooldown) {
			this.cooldown = cooldown;
		}

		public CircuitBreaker getCircuitBreaker() {
			return this.circuitBreaker;
		}

		/**
		 * Circuit breaker of each provider ({@code chat.failover.circuit-breaker.*}).
		 */
		public static class CircuitBreaker {

			/**
			 * Percentage of server, connection and timeout failures among recent calls at
			 * which a provider is skipped.
			 */
			private float failureRateThreshold = FailoverSettings.DEFAULT.failureRateThreshold();

			/**
			 * Number of recent calls the failure rate is taken over.
			 */
			private int slidingWindowSize = FailoverSettings.DEFAULT.slidingWindowSize();

			/**
			 * Number of calls needed before the failure rate counts.
			 */
			private int minimumNumberOfCalls = FailoverSettings.DEFAULT.minimumNumberOfCalls();

			public float getFailureRateThreshold() {
				return this.failureRateThreshold;
			}

			public void setFailureRateThreshold(float failureRateThreshold) {
				this.failureRateThreshold = failureRateThreshold;
			}

			public int getSlidingWindowSize() {
				return this.slidingWindowSize;
			}

			public void setSlidingWindowSize(int slidingWindowSize) {
				this.slidingWindowSize = slidingWindowSize;
			}

			public int getMinimumNumberOfCalls() {
				return this.minimumNumberOfCalls;
			}

			public void setMinimumNumberOfCalls(int minimumNumberOfCalls) {
				this.minimumNumberOfCalls = minimumNumberOfCalls;
			}

		}

	}

	/**
	 * Typed answers of the prompt API ({@code chat.structured-output.*}).
	 */
	public static class StructuredOutput {

		/**
		 * How many times an answer that does not follow the schema is sent back with its
		 * errors; 0 switches repairs off.
		 */
		private int maxRepairs = StructuredOutputSettings.DEFAULT_MAX_REPAIRS;

		public int getMaxRepairs() {
			return this.maxRepairs;
		}

		public void setMaxRepairs(int maxRepairs) {
			this.maxRepairs = maxRepairs;
		}

	}

	/**
	 * Logging of chat calls ({@code chat.logging.*}).
	 */
	public static class Logging {

		/**
		 * Whether request and response bodies are logged at TRACE level (keys masked) for
		 * every provider; prompts and answers then end up in the log.
		 */
		private boolean bodies;

		public boolean isBodies() {
			return this.bodies;
		}

		public void setBodies(boolean bodies) {
			this.bodies = bodies;
		}

	}

	/**
	 * Micrometer observations of chat calls ({@code chat.observations.*}).
	 */
	public static class Observations {

		/**
		 * Whether prompts and answers are recorded on observations
		 * (gen_ai.input.messages, gen_ai.output.messages); they may hold personal data.
		 */
		private boolean includeContent;

		public boolean isIncludeContent() {
			return this.includeContent;
		}

		public void setIncludeContent(boolean includeContent) {
			this.includeContent = includeContent;
		}

	}

	/**
	 * Answers of web applications to chat failures ({@code chat.problem-details.*}).
	 */
	public static class ProblemDetails {

		/**
		 * Whether a ChatException that escapes a web controller is answered with a
		 * ProblemDetail (400, 429, 502, 503 or 504) instead of a bare 500.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Token counting and context windows ({@code chat.tokens.*}).
	 */
	public static class Tokens {

		/**
		 * Whether a request whose prompt and requested output cannot fit its model's
		 * context window fails before it is sent, with a ChatContextLengthException.
		 */
		private boolean preflight = true;

		public boolean isPreflight() {
			return this.preflight;
		}

		public void setPreflight(boolean preflight) {
			this.preflight = preflight;
		}

	}

	/**
	 * Conversation memory ({@code chat.memory.*}).
	 */
	public static class Memory {

		/**
		 * Where conversations are kept: in-memory (this instance only) or redis (shared
		 * by every instance, through the application's Spring Data Redis reactive
		 * connection).
		 */
		private MemoryStore store = MemoryStore.IN_MEMORY;

		/**
		 * Most conversations kept in memory; the one appended to longest ago goes first.
		 */
		private int maxConversations = 10000;

		/**
		 * Most messages kept per conversation; the oldest go first.
		 */
		private int maxMessages = 200;

		/**
		 * How long a conversation without a new message is kept.
		 */
		private Duration timeToLive = Duration.ofHours(24);

		/**
		 * What a call does when the store fails: fail, or continue without history
		 * (warning once).
		 */
		private OnStoreFailure onStoreFailure = OnStoreFailure.FAIL;

		/**
		 * Prefix of the Redis keys of conversations.
		 */
		private String keyPrefix = "chat:memory:";

		/**
		 * Longest wait for one Redis command, so a Redis that is down fails a call
		 * quickly.
		 */
		private Duration timeout = Duration.ofSeconds(2);

		public MemoryStore getStore() {
			return this.store;
		}

		public void setStore(MemoryStore store) {
			this.store = store;
		}

		public int getMaxConversations() {
			return this.maxConversations;
		}

		public void setMaxConversations(int maxConversations) {
			this.maxConversations = maxConversations;
		}

		public int getMaxMessages() {
			return this.maxMessages;
		}

		public void setMaxMessages(int maxMessages) {
			this.maxMessages = maxMessages;
		}

		public Duration getTimeToLive() {
			return this.timeToLive;
		}

		public void setTimeToLive(Duration timeToLive) {
			this.timeToLive = timeToLive;
		}

		public OnStoreFailure getOnStoreFailure() {
			return this.onStoreFailure;
		}

		public void setOnStoreFailure(OnStoreFailure onStoreFailure) {
			this.onStoreFailure = onStoreFailure;
		}

		public String getKeyPrefix() {
			return this.keyPrefix;
		}

		public void setKeyPrefix(String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	/**
	 * Where conversations are kept.
	 */
	public enum MemoryStore {

		/**
		 * In this instance's memory.
		 */
		IN_MEMORY,

		/**
		 * In Redis, shared by every instance.
		 */
		REDIS

	}

	/**
	 * Rate limits and provider state shared by many instances ({@code chat.cluster.*}).
	 */
	public static class Cluster {

		/**
		 * Where rate limits and provider state live: none (this instance only) or redis
		 * (shared through the application's spring.data.redis connection).
		 */
		private ClusterStore store = ClusterStore.NONE;

		/**
		 * Namespace of every Redis key the starter writes.
		 */
		private String keyPrefix = ClusterSettings.DEFAULT_KEY_PREFIX;

		/**
		 * Longest wait for one Redis command before this instance uses its own limits and
		 * state until Redis answers again.
		 */
		private Duration commandTimeout = ClusterSettings.DEFAULT_COMMAND_TIMEOUT;

		/**
		 * How often keys and providers set aside by other instances are read from Redis.
		 */
		private Duration refreshInterval = ClusterSettings.DEFAULT_REFRESH_INTERVAL;

		/**
		 * Share of each configured limit this instance admits on its own while Redis does
		 * not answer, above 0 and at most 1 (such as 0.25 for four instances).
		 */
		private double localShare = ClusterSettings.DEFAULT_LOCAL_SHARE;

		public ClusterStore getStore() {
			return this.store;
		}

		public void setStore(ClusterStore store) {
			this.store = store;
		}

		public String getKeyPrefix() {
			return this.keyPrefix;
		}

		public void setKeyPrefix(String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

		public Duration getCommandTimeout() {
			return this.commandTimeout;
		}

		public void setCommandTimeout(Duration commandTimeout) {
			this.commandTimeout = commandTimeout;
		}

		public Duration getRefreshInterval() {
			return this.refreshInterval;
		}

		public void setRefreshInterval(Duration refreshInterval) {
			this.refreshInterval = refreshInterval;
		}

		public double getLocalShare() {
			return this.localShare;
		}

		public void setLocalShare(double localShare) {
			this.localShare = localShare;
		}

	}

}
