package io.github.chatstarter.client;

import io.github.chatstarter.error.ChatAuthenticationException;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.test.LocalUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class ChatCallLogTests {

	private static final String KEY = "logged-key-0123456789abcdef";

	private static final String LOGGER = ProviderChatTemplate.class.getName();

	@RegisterExtension
	final LocalUpstream upstream = new LocalUpstream();

	private final LoggingSystem loggingSystem = LoggingSystem.get(getClass().getClassLoader());

	private ProviderChatTemplate template;

	@AfterEach
	void close() {
		this.loggingSystem.setLogLevel(LOGGER, null);
	}

	@Test
	void debugShouldLogOneLinePerCallWithProviderModelStatusLatencyAndTokens(CapturedOutput output) {
		this.loggingSystem.setLogLevel(LOGGER, LogLevel.DEBUG);
		stubReply();
		this.template = this.upstream.closeAfterTest(ProviderChatTemplate.create(settings(false)));
		this.template.chat(ChatRequest.ofUserMessage("hi")).block();
		assertThat(output)
			.containsPattern("Chat provider=xingyun model=gpt-3.5-turbo response-model=gpt-3.5-turbo-0613 "
					+ "status=ok latency=\\d+ms tokens=406\\+21=427 finish=stop");
		assertThat(output).doesNotContain("我上面问的", "<<<");
	}

	@Test
	void streamLineShouldHaveTimeToFirstChunk(CapturedOutput output) {
		this.loggingSystem.setLogLevel(LOGGER, LogLevel.DEBUG);
		this.upstream.server()
			.stubFor(
					post(LocalUpstream.CHAT_PATH).willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
						.withBody(Fixtures.text(Fixtures.SEED_002_STREAM))));
		this.template = this.upstream.closeAfterTest(ProviderChatTemplate.create(settings(false)));
		this.template.stream(ChatRequest.ofUserMessage("hi")).blockLast();
		assertThat(output)
			.containsPattern("Stream provider=xingyun model=gpt-3.5-turbo response-model=gpt-3.5-turbo-1106 "
					+ "status=ok latency=\\d+ms first-chunk=\\d+ms finish=stop");
	}

	@Test
	void failedCallShouldLogStatusAndErrorWithTheKeyMasked(CapturedOutput output) {
		this.loggingSystem.setLogLevel(LOGGER, LogLevel.DEBUG);
		this.upstream.server()
			.stubFor(post(LocalUpstream.CHAT_PATH).willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":{\"message\":\"key " + KEY + " is not valid\",\"code\":\"invalid_api_key\"}}")));
		this.template = this.upstream.closeAfterTest(ProviderChatTemplate.create(settings(false)));
		StepVerifier.create(this.template.chat(ChatRequest.ofUserMessage("hi")))
			.expectError(ChatAuthenticationException.class)
			.verify();
		assertThat(output).contains("status=401").contains("error=ChatAuthenticationException").doesNotContain(KEY);
	}

	@Test
	void traceShouldLogBodiesOnlyWhenOptedInAndMaskKeys(CapturedOutput output) {
		this.loggingSystem.setLogLevel(LOGGER, LogLevel.TRACE);
		this.upstream.server()
			.stubFor(post(LocalUpstream.CHAT_PATH).willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(Fixtures.text(Fixtures.SEED_000_REPLY).replace("你上面问的问题是", "echo " + KEY))));
		this.template = this.upstream.closeAfterTest(ProviderChatTemplate.create(settings(false)));
		this.template.chat(ChatRequest.ofUserMessage("secret prompt")).block();
		assertThat(output).doesNotContain("secret prompt").doesNotContain(">>>");
		this.template.close();
		this.template = this.upstream.closeAfterTest(ProviderChatTemplate.create(settings(true)));
		this.template.chat(ChatRequest.ofUserMessage("secret prompt")).block();
		assertThat(output).contains("xingyun >>> POST " + this.upstream.baseUrl() + "/chat/completions")
			.contains("\"content\":\"secret prompt\"")
			.contains("xingyun <<< 200 ")
			.contains("echo log******ef")
			.doesNotContain(KEY);
	}

	@Test
	void bodiesShouldNotBeLoggedBelowTrace(CapturedOutput output) {
		this.loggingSystem.setLogLevel(LOGGER, LogLevel.DEBUG);
		stubReply();
		this.template = this.upstream.closeAfterTest(ProviderChatTemplate.create(settings(true)));
		this.template.chat(ChatRequest.ofUserMessage("secret prompt")).block();
		assertThat(output).contains("Chat provider=xingyun").doesNotContain("secret prompt");
	}

	private ProviderSettings settings(boolean logBodies) {
		return ProviderSettings.builder("xingyun")
			.baseUrl(this.upstream.baseUrl())
			.apiKey(KEY)
			.defaultModel("gpt-3.5-turbo")
			.logBodies(logBodies)
			.build();
	}

	private void stubReply() {
		this.upstream.server()
			.stubFor(post(LocalUpstream.CHAT_PATH).willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(Fixtures.text(Fixtures.SEED_000_REPLY))));
	}

}
