package io.github.chatstarter.autoconfigure;

import io.github.chatstarter.ChatTemplate;
import io.github.chatstarter.client.ProviderChatTemplate;
import io.github.chatstarter.memory.ChatMemory;
import io.github.chatstarter.memory.ConversationMemory;
import io.github.chatstarter.memory.ConversationObserver;
import io.github.chatstarter.memory.ModelResolver;
import io.github.chatstarter.memory.RedisChatMemory;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.routing.RoutingChatTemplate;
import io.github.chatstarter.tokens.ModelLimitsRegistry;
import io.github.chatstarter.tokens.TokenEstimator;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

/**
 * Auto-configuration of conversation memory ({@code chat.memory.*}): the
 * {@link ChatMemory} store (in memory, or Redis through the application's reactive
 * connection), the {@link ConversationMemory} that the primary template's and the
 * {@code ChatPrompt} bean's {@code conversation(id)} use, and its metrics.
 */
@AutoConfiguration(after = ChatTokensAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration")
@ConditionalOnBooleanProperty(name = "chat.enabled", matchIfMissing = true)
@Conditional(OnChatProvidersCondition.class)
@EnableConfigurationProperties(ChatProperties.class)
public final class ChatMemoryAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ConversationMemory chatConversationMemory(ChatMemory chatMemory, ChatProperties properties,
			TokenEstimator chatTokenEstimator, ModelLimitsRegistry chatModelLimits,
			ObjectProvider<ChatTemplate> chatTemplate, ObjectProvider<ConversationObserver> observers) {
		return ConversationMemory.builder(chatMemory)
			.estimator(chatTokenEstimator)
			.limits(chatModelLimits)
			.resolver((request) -> resolve(request, chatTemplate.getIfAvailable()))
			.onStoreFailure(properties.getMemory().getOnStoreFailure())
			.observer(observers.getIfAvailable(() -> ConversationObserver.NONE))
			.build();
	}

	/**
	 * The provider the primary template routes the request to, and the model it gets
	 * there.
	 */
	private static ModelResolver.Target resolve(ChatRequest request, @Nullable ChatTemplate chatTemplate) {
		if (chatTemplate instanceof RoutingChatTemplate routing) {
			ProviderChatTemplate provider = routing.route(request).get(0);
			String model = (request.model() != null && !request.model().isBlank()) ? request.model()
					: provider.settings().defaultModel();
			return new ModelResolver.Target(provider.name(), model);
		}
		return new ModelResolver.Target(null, request.model());
	}

	static void checkBounds(ChatProperties.Memory memory) {
		if (memory.getMaxMessages() < 1) {
			throw new InvalidChatPropertyException("chat.memory.max-messages",
					"is " + memory.getMaxMessages() + ", but must be at least 1",
					"give the most messages kept per conversation, such as 200");
		}
		if (memory.getTimeToLive().toMillis() < 1) {
			throw new InvalidChatPropertyException("chat.memory.time-to-live",
					"is " + memory.getTimeToLive() + ", but must be at least 1ms",
					"give a positive duration such as 24h");
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "chat.memory.store", havingValue = "in-memory", matchIfMissing = true)
	static class InMemoryStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ChatMemory chatMemory(ChatProperties properties) {
			ChatProperties.Memory memory = properties.getMemory();
			checkBounds(memory);
			if (memory.getMaxConversations() < 1) {
				throw new InvalidChatPropertyException("chat.memory.max-conversations",
						"is " + memory.getMaxConversations() + ", but must be at least 1",
						"give the most conversations kept in memory, such as 10000");
			}
			return ChatMemory.inMemory(memory.getMaxConversations(), memory.getMaxMessages(), memory.getTimeToLive());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "chat.memory.store", havingValue = "redis")
	@ConditionalOnClass(ReactiveRedisConnectionFactory.class)
	static class RedisStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ChatMemory chatMemory(ChatProperties properties, ObjectProvider<ReactiveRedisConnectionFactory> redis) {
			ChatProperties.Memory memory = properties.getMemory();
			checkBounds(memory);
			ReactiveRedisConnectionFactory connectionFactory = redis.getIfAvailable();
			if (connectionFactory == null) {
				throw new InvalidChatPropertyException("chat.memory.store",
						"is redis, but the application has no reactive Redis connection (spring-boot-starter-data-redis-reactive and spring.data.redis.*)",
						"add spring-boot-starter-data-redis-reactive and configure spring.data.redis.*");
			}
			if (memory.getTimeout().isNegative() || memory.getTimeout().isZero()) {
				throw new InvalidChatPropertyException("chat.memory.timeout",
						"is " + memory.getTimeout() + ", but must be positive", "give a positive duration such as 2s");
			}
			return new RedisChatMemory(connectionFactory, memory.getKeyPrefix(), memory.getMaxMessages(),
					memory.getTimeToLive(), memory.getTimeout());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "chat.memory.store", havingValue = "redis")
	@ConditionalOnMissingClass("org.springframework.data.redis.connection.ReactiveRedisConnectionFactory")
	static class MissingRedisConfiguration {

		@Bean
		ChatMemory chatMemory() {
			throw new InvalidChatPropertyException("chat.memory.store",
					"is redis, but Spring Data Redis is not on the class path (add spring-boot-starter-data-redis-reactive)",
					"add spring-boot-starter-data-redis-reactive and configure spring.data.redis.*");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ConversationObserver chatConversationMetrics(ObjectProvider<MeterRegistry> meterRegistry) {
			MeterRegistry registry = meterRegistry.getIfAvailable();
			return (registry != null) ? new ConversationMetrics(registry) : ConversationObserver.NONE;
		}

	}

}
