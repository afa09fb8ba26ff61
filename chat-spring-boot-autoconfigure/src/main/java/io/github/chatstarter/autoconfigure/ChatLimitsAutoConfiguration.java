package io.github.chatstarter.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.github.chatstarter.limit.LimitListener;
import io.github.chatstarter.limit.ProviderRateLimiter;
import io.github.chatstarter.limit.RateLimit;
import io.github.chatstarter.limit.RateLimitSettings;
import io.github.chatstarter.state.ClusterSettings;
import io.github.chatstarter.state.ClusterState;
import io.github.chatstarter.state.ClusterStore;
import io.github.chatstarter.state.RedisClusterState;
import io.github.chatstarter.tokens.TokenEstimator;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Auto-configuration of client-side rate limits
 * ({@code chat.providers.<name>.rate-limit.*} and {@code key-rate-limit.*}) and of the
 * state instances share ({@code chat.cluster.*}): the {@link ClusterState} (this
 * instance's, or Redis's over the application's reactive connection), and a
 * {@link ProviderRateLimiter} as the admission of every provider that has limits or
 * shares state.
 */
@AutoConfiguration(after = ChatTokensAutoConfiguration.class, before = ChatAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration")
@ConditionalOnBooleanProperty(name = "chat.enabled", matchIfMissing = true)
@Conditional(OnChatProvidersCondition.class)
@EnableConfigurationProperties(ChatProperties.class)
public final class ChatLimitsAutoConfiguration {

	private static final String STORE = "chat.cluster.store";

	@Bean
	@ConditionalOnMissingBean
	ClusterState chatClusterState(ChatProperties properties) {
		if (properties.getCluster().getStore() == ClusterStore.REDIS) {
			throw new InvalidChatPropertyException(STORE, "is redis, but Spring Data Redis is not on the classpath",
					"add org.springframework.boot:spring-boot-starter-data-redis-reactive and configure "
							+ "spring.data.redis.*, or set it to none");
		}
		return ClusterState.local();
	}

	@Bean
	@ConditionalOnMissingBean(name = "chatRateLimits")
	ProviderChatTemplateCustomizer chatRateLimits(ChatProperties properties, ClusterState chatClusterState,
			TokenEstimator chatTokenEstimator, ObjectProvider<LimitListener> listener) {
		Map<String, RateLimitSettings> all = new LinkedHashMap<>();
		properties.getProviders().forEach((name, provider) -> all.put(name, settings(name, provider)));
		boolean shared = properties.getCluster().getStore() == ClusterStore.REDIS;
		LimitListener limitListener = listener.getIfAvailable(() -> LimitListener.NONE);
		return (builder) -> {
			String name = builder.settings().name();
			RateLimitSettings settings = all.getOrDefault(name, RateLimitSettings.NONE);
			if (settings.isLimited() || shared) {
				builder.admission(
						new ProviderRateLimiter(name, settings, chatClusterState, chatTokenEstimator, limitListener));
			}
		};
	}

	/**
	 * One provider's limits, or a failure naming the property.
	 */
	static RateLimitSettings settings(String name, ChatProperties.Provider provider) {
		String prefix = "chat.providers." + name + ".";
		ChatProperties.Provider.RateLimit limit = provider.getRateLimit();
		ChatProperties.Provider.KeyRateLimit key = provider.getKeyRateLimit();
		Integer rpm = positive(prefix + "rate-limit.requests-per-minute", limit.getRequestsPerMinute());
		Integer tpm = positive(prefix + "rate-limit.tokens-per-minute", limit.getTokensPerMinute());
		Integer concurrent = positive(prefix + "rate-limit.max-concurrent-requests", limit.getMaxConcurrentRequests());
		Integer keyRpm = positive(prefix + "key-rate-limit.requests-per-minute", key.getRequestsPerMinute());
		Integer keyTpm = positive(prefix + "key-rate-limit.tokens-per-minute", key.getTokensPerMinute());
		Duration maxWait = limit.getMaxWait();
		if (maxWait.isNegative()) {
			throw new InvalidChatPropertyException(prefix + "rate-limit.max-wait",
					"is " + maxWait + ", but must not be negative",
					"set it to 0s to fail at once, or to how long " + "a call may wait for capacity, such as 10s");
		}
		Duration requestTimeout = provider.getRequestTimeout();
		if (requestTimeout != null && maxWait.compareTo(requestTimeout) > 0) {
			throw new InvalidChatPropertyException(prefix + "rate-limit.max-wait",
					"is " + maxWait + ", longer than " + prefix + "request-timeout (" + requestTimeout + ")",
					"make it shorter than the request timeout: a call that waits that long would time out anyway");
		}
		if (limit.getDefaultCompletionTokens() < 0) {
			throw new InvalidChatPropertyException(prefix + "rate-limit.default-completion-tokens",
					"is " + limit.getDefaultCompletionTokens() + ", but must not be negative",
					"give the tokens an answer is counted for until its usage arrives, such as 1024");
		}
		return new RateLimitSettings(new RateLimit(rpm, tpm), new RateLimit(keyRpm, keyTpm), concurrent, maxWait,
				limit.getDefaultCompletionTokens());
	}

	private static @Nullable Integer positive(String property, @Nullable Integer value) {
		if (value != null && value <= 0) {
			throw new InvalidChatPropertyException(property, "is " + value + ", but must be positive",
					"leave it unset for no limit, or give a positive number");
		}
		return value;
	}

	static ClusterSettings clusterSettings(ChatProperties.Cluster cluster) {
		if (cluster.getKeyPrefix().isBlank()) {
			throw new InvalidChatPropertyException("chat.cluster.key-prefix", "is blank",
					"give the namespace of the starter's Redis keys, such as chat");
		}
		if (cluster.getCommandTimeout().isNegative() || cluster.getCommandTimeout().isZero()) {
			throw new InvalidChatPropertyException("chat.cluster.command-timeout",
					"is " + cluster.getCommandTimeout() + ", but must be positive", "such as 250ms");
		}
		if (cluster.getRefreshInterval().isNegative() || cluster.getRefreshInterval().isZero()) {
			throw new InvalidChatPropertyException("chat.cluster.refresh-interval",
					"is " + cluster.getRefreshInterval() + ", but must be positive", "such as 500ms");
		}
		if (!(cluster.getLocalShare() > 0 && cluster.getLocalShare() <= 1)) {
			throw new InvalidChatPropertyException("chat.cluster.local-share",
					"is " + cluster.getLocalShare() + ", but must be above 0 and at most 1",
					"such as 0.25 when four instances share the limits");
		}
		return new ClusterSettings(cluster.getKeyPrefix(), cluster.getCommandTimeout(), cluster.getRefreshInterval(),
				cluster.getLocalShare());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ReactiveStringRedisTemplate.class)
	@ConditionalOnProperty(name = STORE, havingValue = "redis")
	static class RedisClusterStateConfiguration {

		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean
		ClusterState chatClusterState(ChatProperties properties, Optional<ReactiveStringRedisTemplate> redis) {
			// Optional rather than ObjectProvider: the template is then a dependency, so
			// the state is destroyed before Redis's connection factory; its refresher
			// stops earlier still (ClusterStateLifecycle).
			ReactiveStringRedisTemplate template = redis.orElse(null);
			if (template == null) {
				throw new InvalidChatPropertyException(STORE,
						"is redis, but the application has no ReactiveStringRedisTemplate",
						"add org.springframework.boot:spring-boot-starter-data-redis-reactive and configure "
								+ "spring.data.redis.*, or set it to none");
			}
			return new RedisClusterState(template, clusterSettings(properties.getCluster()));
		}

		@Bean
		@ConditionalOnMissingBean(name = "chatClusterStateLifecycle")
		SmartLifecycle chatClusterStateLifecycle(ClusterState chatClusterState) {
			return new ClusterStateLifecycle(chatClusterState);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class LimitMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		LimitListener chatLimitListener(ObjectProvider<MeterRegistry> meterRegistry) {
			return new MicrometerLimitListener(meterRegistry);
		}

	}

}
