package io.github.chatstarter.test;

import java.net.InetSocketAddress;
import java.net.Socket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The test support's own checks: the Redis tests stand on a server that really starts,
 * stops and comes back.
 */
class RedisServerTests {

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	@Test
	void serverWhenStartedShouldAnswerOnLoopbackAndForgetDataAcrossRestarts() {
		assertThat(redis.command("PING")).isEqualTo("+PONG");
		assertThat(redis.command("SET chat:test 1")).isEqualTo("+OK");
		redis.stop();
		assertThatException().isThrownBy(() -> {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(redis.host(), redis.port()), 500);
			}
		});
		redis.start();
		assertThat(redis.command("EXISTS chat:test")).isEqualTo(":0");
		assertThat(redis.url()).isEqualTo("redis://127.0.0.1:" + redis.port());
	}

}
