package io.github.chatstarter.memory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.github.chatstarter.model.ChatMessage;
import io.github.chatstarter.state.internal.LuaScript;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link ChatMemory} in Redis, through the application's reactive connection (Spring Data
 * Redis, Lettuce): each conversation is a list of JSON messages under
 * {@code keyPrefix + id}. One call's messages are appended, the list cut to the most
 * recent {@code maxMessages} and its time-to-live set anew in one Lua script, so appends
 * of several instances to one conversation never interleave and a conversation never
 * outlives its time-to-live. Every command is bounded by the timeout, so a Redis that is
 * down fails the call quickly instead of queueing until Lettuce reconnects.
 */
public final class RedisChatMemory implements ChatMemory {

	private static final RedisScript<Long> APPEND = LuaScript.of("""
			for i = 3, #ARGV do
			  redis.call('RPUSH', KEYS[1], ARGV[i])
			end
			redis.call('LTRIM', KEYS[1], -tonumber(ARGV[1]), -1)
			redis.call('PEXPIRE', KEYS[1], ARGV[2])
			return redis.call('LLEN', KEYS[1])
			""", Long.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Log logger = LogFactory.getLog(RedisChatMemory.class);

	private final ReactiveStringRedisTemplate redis;

	private final String keyPrefix;

	private final int maxMessages;

	private final Duration timeToLive;

	private final Duration timeout;

	/**
	 * Makes the store.
	 * @param connectionFactory the application's reactive Redis connection
	 * @param keyPrefix prefix of the keys, such as {@code chat:memory:}
	 * @param maxMessages most messages kept per conversation
	 * @param timeToLive how long a conversation without new message is kept
	 * @param timeout longest wait for one Redis command
	 */
	public RedisChatMemory(ReactiveRedisConnectionFactory connectionFactory, String keyPrefix, int maxMessages,
			Duration timeToLive, Duration timeout) {
		this.redis = new ReactiveStringRedisTemplate(Objects.requireNonNull(connectionFactory, "connectionFactory"));
		this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
		if (maxMessages < 1) {
			throw new IllegalArgumentException("max-messages must be at least 1, but is " + maxMessages);
		}
		if (timeToLive.toMillis() < 1) {
			throw new IllegalArgumentException("time-to-live must be at least 1ms, but is " + timeToLive);
		}
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("timeout must be positive, but is " + timeout);
		}
		this.maxMessages = maxMessages;
		this.timeToLive = timeToLive;
		this.timeout = timeout;
		connect(connectionFactory);
	}

	/**
	 * Opens the connection now, on the thread that makes the store (at startup): Lettuce
	 * opens its shared connection with a blocking call, which must not happen on a
	 * network thread at the first call. A Redis that is down now is reported, not fatal:
	 * Lettuce connects when it is back.
	 */
	private static void connect(ReactiveRedisConnectionFactory connectionFactory) {
		try {
			connectionFactory.getReactiveConnection().close();
		}
		catch (RuntimeException ex) {
			logger.warn("Conversation memory: Redis is not reachable now (" + ex
					+ "); calls with a conversation fail or go on without history until it is");
		}
	}

	@Override
	public Mono<List<ChatMessage>> read(String conversationId) {
		Objects.requireNonNull(conversationId, "conversationId");
		return this.redis.opsForList()
			.range(key(conversationId), 0, -1)
			.map(RedisChatMemory::decode)
			.collectList()
			.timeout(this.timeout)
			.onErrorMap((ex) -> !(ex instanceof ChatMemoryException),
					(ex) -> failure("read conversation '" + conversationId + "'", ex));
	}

	@Override
	public Mono<Void> append(String conversationId, List<ChatMessage> messages) {
		Objects.requireNonNull(conversationId, "conversationId");
		if (messages.isEmpty()) {
			return Mono.empty();
		}
		List<String> args = new ArrayList<>(messages.size() + 2);
		args.add(String.valueOf(this.maxMessages));
		args.add(String.valueOf(this.timeToLive.toMillis()));
		messages.forEach((message) -> args.add(JSON.writeValueAsString(message)));
		return this.redis.execute(APPEND, List.of(key(conversationId)), args)
			.then()
			.timeout(this.timeout)
			.onErrorMap((ex) -> failure("append to conversation '" + conversationId + "'", ex));
	}

	@Override
	public Mono<Void> clear(String conversationId) {
		Objects.requireNonNull(conversationId, "conversationId");
		return this.redis.delete(key(conversationId))
			.then()
			.timeout(this.timeout)
			.onErrorMap((ex) -> failure("clear conversation '" + conversationId + "'", ex));
	}

	@Override
	public Flux<String> conversations() {
		ScanOptions scan = ScanOptions.scanOptions().match(escapeGlob(this.keyPrefix) + "*").count(500).build();
		return this.redis.scan(scan)
			.map((key) -> key.substring(this.keyPrefix.length()))
			.timeout(this.timeout)
			.onErrorMap((ex) -> failure("list the conversations", ex));
	}

	private String key(String conversationId) {
		return this.keyPrefix + conversationId;
	}

	private static ChatMessage decode(String json) {
		try {
			return JSON.readValue(json, ChatMessage.class);
		}
		catch (JacksonException ex) {
			throw new ChatMemoryException("A stored message is not a chat message: " + ex.getOriginalMessage(), ex);
		}
	}

	private static ChatMemoryException failure(String what, Throwable cause) {
		return new ChatMemoryException("The conversation store (Redis) could not " + what + ": " + cause, cause);
	}

	private static String escapeGlob(String text) {
		return text.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
	}

	@Override
	public String toString() {
		return "RedisChatMemory{keyPrefix=" + this.keyPrefix + ", maxMessages=" + this.maxMessages + ", timeToLive="
				+ this.timeToLive + "}";
	}

}
