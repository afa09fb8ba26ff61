package io.github.chatstarter.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.chatstarter.test.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documented profile {@code cluster}: two instances of the sample, offline (each with
 * its demo upstream), against one real redis-server, share the demo provider's 20
 * requests a minute.
 */
class ClusterProfileTests {

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	@AfterEach
	void stop() {
		this.instances.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void twoInstancesWithTheClusterProfileShouldShareTheProvidersLimit() {
		WebClient first = start();
		WebClient second = start();
		long start = System.nanoTime();
		// The first instance takes the whole minute's 20 requests ...
		for (int i = 0; i < 20; i++) {
			assertThat(ask(first)).isEqualTo(HttpStatusCode.valueOf(200));
		}
		// ... and the second finds them gone, but for what refilled meanwhile (one every
		// 3 s).
		int answered = 0;
		for (int i = 0; i < 5; i++) {
			if (ask(second).is2xxSuccessful()) {
				answered++;
			}
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		assertThat(answered).isLessThanOrEqualTo((int) (seconds / 3) + 1).isLessThan(5);
		assertThat(redis.command("EXISTS chat-sample:bucket:{demo}:rpm")).isEqualTo(":1");
	}

	private WebClient start() {
		ConfigurableApplicationContext instance = new SpringApplicationBuilder(ChatSampleApplication.class)
			.profiles("cluster")
			.run("--server.port=0", "--XINGYUN_API_KEY=", "--AIGC2D_API_KEY=", "--AIGS_API_KEY=",
					"--REDIS_HOST=" + redis.host(), "--REDIS_PORT=" + redis.port(),
					// Refused at once rather than after a wait, so the test sees it.
					"--sample.demo.rate-limit.max-wait=0s");
		this.instances.add(instance);
		int port = ((WebServerApplicationContext) instance).getWebServer().getPort();
		return WebClient.create("http://127.0.0.1:" + port);
	}

	private static HttpStatusCode ask(WebClient client) {
		return client.post()
			.uri("/api/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}")
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode()))
			.block(Duration.ofSeconds(20));
	}

}
