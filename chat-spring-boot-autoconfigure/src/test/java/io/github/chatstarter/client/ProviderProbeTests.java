package io.github.chatstarter.client;

import io.github.chatstarter.error.ChatAuthenticationException;
import io.github.chatstarter.error.ChatConnectionException;
import io.github.chatstarter.error.ChatQuotaExceededException;
import io.github.chatstarter.test.LocalUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class ProviderProbeTests {

	private static final String KEY = "probe-key-0123456789abcdef";

	@RegisterExtension
	final LocalUpstream upstream = new LocalUpstream();

	private ProviderChatTemplate template;

	@Test
	void probeShouldGetPathUnderBaseUrlWithKeyAndHeadersAndNoBody() {
		this.upstream.server()
			.stubFor(get("/v1/models").willReturn(aResponse().withStatus(200).withBody("{\"data\":[]}")));
		this.template = this.upstream
			.closeAfterTest(ProviderChatTemplate.create(settings().header("X-Team", "demo").build()));
		StepVerifier.create(this.template.probe("/models")).assertNext((probe) -> {
			assertThat(probe.statusCode()).isEqualTo(200);
			assertThat(probe.uri()).hasToString(this.upstream.baseUrl() + "/models");
			assertThat(probe.latency()).isPositive();
		}).verifyComplete();
		this.upstream.server()
			.verify(getRequestedFor(urlEqualTo("/v1/models")).withHeader("Authorization", equalTo("Bearer " + KEY))
				.withHeader("X-Team", equalTo("demo"))
				.withHeader("Content-Type", absent()));
		this.upstream.server().verify(0, postRequestedFor(anyUrl()));
	}

	@Test
	void probeWhenBaseUrlIsTheWholeEndpointShouldResolveAgainstItsBase() {
		this.upstream.server().stubFor(get("/v1/models").willReturn(aResponse().withStatus(200)));
		this.template = this.upstream.closeAfterTest(
				ProviderChatTemplate.create(settings().baseUrl(this.upstream.baseUrl() + "/chat/completions").build()));
		StepVerifier.create(this.template.probe("models")).expectNextCount(1).verifyComplete();
		this.upstream.server().verify(getRequestedFor(urlEqualTo("/v1/models")));
	}

	@Test
	void probeWhenKeyIsRejectedShouldFailWithTheMappedException() {
		this.upstream.server()
			.stubFor(get("/v1/models").willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":{\"message\":\"Incorrect API key provided: " + KEY
						+ "\",\"code\":\"invalid_api_key\"}}")));
		this.template = this.upstream.closeAfterTest(ProviderChatTemplate.create(settings().build()));
		StepVerifier.create(this.template.probe("/models"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(ChatAuthenticationException.class)
				.hasFieldOrPropertyWithValue("upstreamStatusCode", 401)
				.satisfies((failure) -> assertThat(failure.getMessage()).doesNotContain(KEY))
				.hasFieldOrPropertyWithValue("errorCode", "invalid_api_key"))
			.verify();
	}

	@Test
	void probeWhenQuotaIsGoneShouldFailWithQuotaExceeded() {
		this.upstream.server()
			.stubFor(get("/v1/models").willReturn(aResponse().withStatus(429)
				.withHeader("Content-Type", "application/json")
				.withBody(
						"{\"error\":{\"message\":\"You exceeded your current quota\",\"code\":\"insufficient_quota\"}}")));
		this.template = this.upstream.closeAfterTest(ProviderChatTemplate.create(settings().build()));
		StepVerifier.create(this.template.probe("/models")).expectError(ChatQuotaExceededException.class).verify();
	}

	@Test
	void probeWhenHostIsUnreachableShouldFailWithConnectionException() {
		ProviderSettings settings = settings().build();
		this.upstream.server().stop();
		this.template = this.upstream.closeAfterTest(ProviderChatTemplate.create(settings));
		StepVerifier.create(this.template.probe("/models")).expectError(ChatConnectionException.class).verify();
	}

	@Test
	void probeOfBlankPathShouldBeRefused() {
		this.template = this.upstream.closeAfterTest(ProviderChatTemplate.create(settings().build()));
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.probe(" "))
			.withMessageContaining("blank");
		this.upstream.server().verify(0, anyRequestedFor(anyUrl()));
	}

	private ProviderSettings.Builder settings() {
		return ProviderSettings.builder("xingyun")
			.baseUrl(this.upstream.baseUrl())
			.apiKey(KEY)
			.defaultModel("gpt-3.5-turbo");
	}

}
