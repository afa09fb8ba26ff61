package io.github.chatstarter.sample.weather;

import io.github.chatstarter.sample.OfflineSampleTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The typed answer and the annotated tool of the sample against the demo upstream.
 */
@OfflineSampleTest
@AutoConfigureWebTestClient(timeout = "PT20S")
class WeatherApiTests {

	@Autowired
	private WebTestClient client;

	@Test
	void weatherShouldAnswerWithATypedReportMadeFromTheToolsResult() {
		this.client.get()
			.uri("/api/weather?city={city}", "杭州")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.city")
			.isEqualTo("杭州")
			.jsonPath("$.sky")
			.isEqualTo("多云")
			.jsonPath("$.temperatureC")
			.isEqualTo(18)
			.jsonPath("$.advice")
			.isNotEmpty();
	}

}
