package io.github.chatstarter.client;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.github.chatstarter.client.observation.ChatMetricsObservationHandler;
import io.github.chatstarter.client.observation.ChatObservationContext;
import io.github.chatstarter.client.observation.DefaultChatObservationConvention;
import io.github.chatstarter.error.ChatRateLimitException;
import io.github.chatstarter.model.ChatMessage;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.test.LocalUpstream;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

class ProviderChatTemplateObservationTests {

	private static final String NAME = DefaultChatObservationConvention.DEFAULT_NAME;

	private static final String STREAM_WITH_USAGE = """
			data: {"id":"c1","model":"gpt-4o-2024","choices":[{"index":0,"delta":{"content":"Hel"}}]}

			data: {"id":"c1","model":"gpt-4o-2024","choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":"stop"}]}

			data: {"id":"c1","model":"gpt-4o-2024","choices":[],"usage":{"prompt_tokens":7,"completion_tokens":2,"total_tokens":9}}

			data: [DONE]

			""";

	@RegisterExtension
	final LocalUpstream upstream = new LocalUpstream();

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private ProviderChatTemplate template;

	@Test
	void chatShouldBeObservedWithGenAiKeys() {
		stubReply();
		template(false)
			.chat(ChatRequest.builder()
				.model("gpt-3.5-turbo")
				.message(ChatMessage.user("hi"))
				.temperature(0.5)
				.maxTokens(64)
				.build())
			.block();
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasSingleObservationThat()
			.hasNameEqualTo(NAME)
			.hasContextualNameEqualTo("chat gpt-3.5-turbo")
			.hasBeenStarted()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("gen_ai.operation.name", "chat")
			.hasLowCardinalityKeyValue("gen_ai.provider.name", "xingyun")
			.hasLowCardinalityKeyValue("gen_ai.request.model", "gpt-3.5-turbo")
			.hasLowCardinalityKeyValue("gen_ai.response.model", "gpt-3.5-turbo-0613")
			.hasLowCardinalityKeyValue("server.address", "127.0.0.1")
			.hasLowCardinalityKeyValue("server.port", String.valueOf(this.upstream.server().port()))
			.hasLowCardinalityKeyValue("error.type", "none")
			.hasHighCardinalityKeyValue("gen_ai.response.id", "chatcmpl-8eD4KviOzJPZxTFF8Pze9PYvoaSaN")
			.hasHighCardinalityKeyValue("gen_ai.response.finish_reasons", "[\"stop\"]")
			.hasHighCardinalityKeyValue("gen_ai.usage.input_tokens", "406")
			.hasHighCardinalityKeyValue("gen_ai.usage.output_tokens", "21")
			.hasHighCardinalityKeyValue("gen_ai.request.temperature", "0.5")
			.hasHighCardinalityKeyValue("gen_ai.request.max_tokens", "64")
			.doesNotHaveHighCardinalityKeyValueWithKey("gen_ai.input.messages")
			.doesNotHaveHighCardinalityKeyValueWithKey("gen_ai.output.messages")
			.doesNotHaveHighCardinalityKeyValueWithKey("gen_ai.response.time_to_first_chunk");
	}

	@Test
	void requestWithoutModelShouldBeObservedWithTheDefaultModel() {
		stubReply();
		template(false).chat(ChatRequest.ofUserMessage("hi")).block();
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasSingleObservationThat()
			.hasLowCardinalityKeyValue("gen_ai.request.model", "gpt-3.5-turbo");
	}

	@Test
	void streamShouldBeObservedFromSubscriptionToTheEnd() {
		stubStream(STREAM_WITH_USAGE);
		StepVerifier.create(template(false).stream(ChatRequest.of("gpt-4o", ChatMessage.user("hi"))))
			.assertNext((chunk) -> TestObservationRegistryAssert.assertThat(this.registry)
				.hasSingleObservationThat()
				.hasBeenStarted()
				.isNotStopped())
			.expectNextCount(2)
			.verifyComplete();
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasSingleObservationThat()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("gen_ai.response.model", "gpt-4o-2024")
			.hasHighCardinalityKeyValue("gen_ai.response.finish_reasons", "[\"stop\"]")
			.hasHighCardinalityKeyValue("gen_ai.usage.input_tokens", "7")
			.hasHighCardinalityKeyValue("gen_ai.usage.output_tokens", "2")
			.hasHighCardinalityKeyValueWithKey("gen_ai.response.time_to_first_chunk");
		ChatObservationContext context = onlyContext();
		assertThat(context.isStreaming()).isTrue();
		assertThat(context.getTimeToFirstChunk()).isPositive().isLessThanOrEqualTo(context.getElapsed());
	}

	@Test
	void webSearchSignalShouldLeaveTheFinalFinishReason() {
		stubStream(Fixtures.text(Fixtures.SEED_002_WEB_SEARCH_STREAM));
		template(false).stream(ChatRequest.ofUserMessage("hi")).blockLast();
		assertThat(onlyContext().getFinishReasons()).containsExactly("stop");
	}

	@Test
	void failedCallShouldRecordTheErrorType() {
		this.upstream.server()
			.stubFor(post(LocalUpstream.CHAT_PATH).willReturn(aResponse().withStatus(429)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":{\"message\":\"slow down\",\"code\":\"rate_limit_exceeded\"}}")));
		StepVerifier.create(template(false).chat(ChatRequest.ofUserMessage("hi")))
			.expectError(ChatRateLimitException.class)
			.verify();
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasSingleObservationThat()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("error.type", ChatRateLimitException.class.getName())
			.hasLowCardinalityKeyValue("gen_ai.response.model", "none")
			.assertThatError()
			.isInstanceOf(ChatRateLimitException.class);
	}

	@Test
	void cancelledStreamShouldStopItsObservation() {
		stubStream(STREAM_WITH_USAGE);
		StepVerifier.create(template(false).stream(ChatRequest.ofUserMessage("hi")).take(1))
			.expectNextCount(1)
			.verifyComplete();
		TestObservationRegistryAssert.assertThat(this.registry).hasSingleObservationThat().hasBeenStopped();
		assertThat(onlyContext().isCancelled()).isTrue();
		assertThat(onlyContext().getError()).isNull();
	}

	@Test
	void contentShouldBeRecordedOnlyWhenOptedIn() {
		stubStream(STREAM_WITH_USAGE);
		template(true).stream(
				ChatRequest.builder().message(ChatMessage.system("be brief")).message(ChatMessage.user("hi")).build())
			.blockLast();
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasSingleObservationThat()
			.hasHighCardinalityKeyValue("gen_ai.input.messages",
					"[{\"role\":\"system\",\"parts\":[{\"type\":\"text\",\"content\":\"be brief\"}]},"
							+ "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"hi\"}]}]")
			.hasHighCardinalityKeyValue("gen_ai.output.messages",
					"[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"Hello\"}],\"finish_reason\":\"stop\"}]");
	}

	@Test
	void observationInTheReactorContextShouldBeTheParent() {
		stubReply();
		Observation parent = Observation.start("app.request", this.registry);
		template(false).chat(ChatRequest.ofUserMessage("hi"))
			.contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, parent))
			.block();
		parent.stop();
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo(NAME)
			.that()
			.hasParentObservationEqualTo(parent);
	}

	@Test
	void metricsShouldHaveDurationTokenUsageAndTimeToFirstChunk() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig()
			.observationHandler(new DefaultMeterObservationHandler(meters))
			.observationHandler(new ChatMetricsObservationHandler(meters));
		stubReply();
		this.template = this.upstream
			.closeAfterTest(ProviderChatTemplate.builder(settings()).observationRegistry(observations).build());
		this.template.chat(ChatRequest.ofUserMessage("hi")).block();
		Timer duration = meters.get(NAME)
			.tag("gen_ai.operation.name", "chat")
			.tag("gen_ai.provider.name", "xingyun")
			.tag("gen_ai.request.model", "gpt-3.5-turbo")
			.tag("gen_ai.response.model", "gpt-3.5-turbo-0613")
			.tag("error.type", "none")
			.timer();
		assertThat(duration.count()).isOne();
		DistributionSummary input = meters.get(ChatMetricsObservationHandler.TOKEN_USAGE)
			.tag("gen_ai.token.type", "input")
			.summary();
		DistributionSummary output = meters.get(ChatMetricsObservationHandler.TOKEN_USAGE)
			.tag("gen_ai.token.type", "output")
			.summary();
		assertThat(input.totalAmount()).isEqualTo(406);
		assertThat(output.totalAmount()).isEqualTo(21);
		assertThat(input.getId().getTag("gen_ai.provider.name")).isEqualTo("xingyun");
		assertThat(input.getId().getTag("error.type")).isNull();
		assertThat(meters.find(ChatMetricsObservationHandler.TIME_TO_FIRST_CHUNK).timer()).isNull();
		this.upstream.server().resetAll();
		stubStream(STREAM_WITH_USAGE);
		this.template.stream(ChatRequest.ofUserMessage("hi")).blockLast();
		Timer firstChunk = meters.get(ChatMetricsObservationHandler.TIME_TO_FIRST_CHUNK).timer();
		assertThat(firstChunk.count()).isOne();
		assertThat(firstChunk.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
		assertThat(meters.get(ChatMetricsObservationHandler.TOKEN_USAGE).tag("gen_ai.token.type", "input").summaries())
			.extracting(DistributionSummary::totalAmount)
			.containsExactlyInAnyOrder(406.0, 7.0);
	}

	@Test
	void withoutRegistryNothingShouldBeObserved() {
		stubReply();
		this.template = this.upstream.closeAfterTest(ProviderChatTemplate.create(settings()));
		assertThat(this.template.chat(ChatRequest.ofUserMessage("hi")).block(Duration.ofSeconds(10)).content())
			.isNotEmpty();
		TestObservationRegistryAssert.assertThat(this.registry).doesNotHaveAnyObservation();
	}

	private ChatObservationContext onlyContext() {
		AtomicReference<Observation.ContextView> context = new AtomicReference<>();
		TestObservationRegistryAssert.assertThat(this.registry).hasSingleObservationThat().satisfies(context::set);
		return (ChatObservationContext) context.get();
	}

	private ProviderChatTemplate template(boolean includeContent) {
		this.template = this.upstream.closeAfterTest(ProviderChatTemplate.builder(settings())
			.observationRegistry(this.registry)
			.observeContent(includeContent)
			.build());
		return this.template;
	}

	private ProviderSettings settings() {
		return ProviderSettings.builder("xingyun")
			.baseUrl(this.upstream.baseUrl())
			.apiKey("observed-key-000000000")
			.defaultModel("gpt-3.5-turbo")
			.build();
	}

	private void stubReply() {
		this.upstream.server()
			.stubFor(post(LocalUpstream.CHAT_PATH).willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(Fixtures.text(Fixtures.SEED_000_REPLY))));
	}

	private void stubStream(String body) {
		this.upstream.server()
			.stubFor(post(LocalUpstream.CHAT_PATH)
				.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(body)));
	}

}
