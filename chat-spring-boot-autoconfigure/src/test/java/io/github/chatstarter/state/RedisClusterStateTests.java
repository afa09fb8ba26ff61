package io.github.chatstarter.state;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.github.chatstarter.test.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Marks shared through a real Redis by instances with connections of their own: the later
 * end wins, a late instance reads them before its first call.
 */
class RedisClusterStateTests {

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	private static final String SCOPE = "key:xingyun";

	private final List<LettuceConnectionFactory> connections = new ArrayList<>();

	private final List<RedisClusterState> states = new ArrayList<>();

	private final String prefix = "state-" + UUID.randomUUID();

	@AfterEach
	void close() {
		this.states.forEach(RedisClusterState::close);
		this.connections.forEach(LettuceConnectionFactory::destroy);
	}

	@Test
	void aMarkThatEndsEarlierShouldNotShortenOneThatEndsLater() {
		RedisClusterState first = instance();
		RedisClusterState second = instance();
		Instant later = Instant.now().plus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
		first.setAside(SCOPE, "fingerprint", new Mark(later, "rejected"));
		awaitStored("fingerprint");
		second.setAside(SCOPE, "fingerprint", new Mark(Instant.now().plusSeconds(30), "paused"));
		// The second write is refused by the script: its mark stays this instance's own.
		second.setAside(SCOPE, "other", new Mark(later, "rejected"));
		awaitStored("other");
		RedisClusterState reader = instance();
		reader.watch(SCOPE);
		assertThat(reader.setAside(SCOPE, "fingerprint")).isEqualTo(new Mark(later, "rejected"));
	}

	@Test
	void anInstanceThatStartsLateShouldKnowTheMarksWhenItHasStarted() {
		Instant until = Instant.now().plus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
		instance().setAside(SCOPE, "fingerprint", new Mark(until, "rejected"));
		awaitStored("fingerprint");
		RedisClusterState late = instance();
		late.watch(SCOPE);
		// No wait: watching read the marks before it returned.
		assertThat(late.setAside(SCOPE, "fingerprint")).isEqualTo(new Mark(until, "rejected"));
	}

	private void awaitStored(String member) {
		await().atMost(Duration.ofSeconds(5))
			.until(() -> redis.command("HEXISTS " + markKey() + " " + member).equals(":1"));
	}

	private String markKey() {
		return this.prefix + ":aside:" + SCOPE;
	}

	private RedisClusterState instance() {
		LettuceConnectionFactory factory = redis.newConnectionFactory();
		this.connections.add(factory);
		RedisClusterState state = new RedisClusterState(new ReactiveStringRedisTemplate(factory), new ClusterSettings(
				this.prefix, Duration.ofSeconds(2), Duration.ofMinutes(1), ClusterSettings.DEFAULT_LOCAL_SHARE));
		this.states.add(state);
		return state;
	}

}
