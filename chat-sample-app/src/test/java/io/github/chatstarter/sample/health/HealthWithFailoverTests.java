package io.github.chatstarter.sample.health;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import io.github.chatstarter.sample.demo.DemoUpstream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Two relays serve the same model and one of them is down: the application stays healthy
 * (HTTP 200) and so does a readiness group that includes the chat health, while the down
 * relay's own component says it is failed over and to whom.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "XINGYUN_API_KEY=sk-xingyun-test-key-0123456789", "AIGC2D_API_KEY=",
				"AIGS_API_KEY=" + DemoUpstream.API_KEY, "chat.default-provider=aigs",
				"chat.providers.aigs.default-model=demo-chat", "chat.providers.aigs.models=demo-chat",
				"chat.providers.xingyun.models=demo-chat", "management.endpoint.health.probes.enabled=true",
				"management.endpoint.health.group.readiness.include=readinessState,chat" })
@AutoConfigureWebTestClient(timeout = "PT20S")
class HealthWithFailoverTests {

	private static final DemoUpstream aigs = DemoUpstream.start(Duration.ZERO);

	@Autowired
	private WebTestClient client;

	@DynamicPropertySource
	static void upstreams(DynamicPropertyRegistry registry) throws IOException {
		registry.add("chat.providers.aigs.base-url", aigs::baseUrl);
		int closedPort = closedLoopbackPort();
		registry.add("chat.providers.xingyun.base-url", () -> "http://127.0.0.1:" + closedPort + "/v1");
	}

	@AfterAll
	static void stopUpstream() {
		aigs.close();
	}

	@Test
	void oneRelayDownWhileAnotherServesItsModelsShouldKeepTheApplicationUp() {
		this.client.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.components.chat.components.aigs.status")
			.isEqualTo("UP")
			.jsonPath("$.components.chat.components.xingyun.status")
			.isEqualTo("FAILED_OVER")
			.jsonPath("$.components.chat.components.xingyun.details.statusWithoutFailover")
			.isEqualTo("DOWN")
			.jsonPath("$.components.chat.components.xingyun.details.modelsServedBy[0]")
			.isEqualTo("aigs");
	}

	@Test
	void readinessGroupWithTheChatHealthShouldStayReady() {
		this.client.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.components.chat.components.xingyun.status")
			.isEqualTo("FAILED_OVER");
	}

	/** A loopback port nothing listens on, so connecting to it is refused at once. */
	private static int closedLoopbackPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
