package io.github.chatstarter.client;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.http.Fault;
import io.github.chatstarter.error.ChatAuthenticationException;
import io.github.chatstarter.error.ChatBadRequestException;
import io.github.chatstarter.error.ChatContextLengthException;
import io.github.chatstarter.error.ChatConnectionException;
import io.github.chatstarter.error.ChatContentFilterException;
import io.github.chatstarter.error.ChatException;
import java.util.Map;
import io.github.chatstarter.error.ChatErrorMapping;
import io.github.chatstarter.error.ChatErrorKind;
import io.github.chatstarter.error.ChatModelNotFoundException;
import io.github.chatstarter.error.ChatPermissionDeniedException;
import io.github.chatstarter.error.ChatProtocolException;
import io.github.chatstarter.error.ChatQuotaExceededException;
import io.github.chatstarter.error.ChatRateLimitException;
import io.github.chatstarter.error.ChatServerException;
import io.github.chatstarter.error.ChatTimeoutException;
import io.github.chatstarter.model.ChatChunk;
import io.github.chatstarter.model.ChatMessage;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.model.ChatResponse;
import io.github.chatstarter.test.LocalUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ProviderChatTemplateTests {

	private static final String KEY = "test-key-0123456789abcdef";

	@RegisterExtension
	final LocalUpstream upstream = new LocalUpstream();

	private ProviderChatTemplate template;

	@Test
	void chatShouldPostJsonWithBearerKeyAndDecodeSeedReply() {
		stubJson(200, Fixtures.text(Fixtures.SEED_000_REPLY));
		ChatResponse response = template()
			.chat(ChatRequest.builder()
				.message(ChatMessage.system("你叫小芸"))
				.message(ChatMessage.user("我上面问的你什么问题?"))
				.temperature(0.5)
				.topP(1.0)
				.build())
			.block();
		assertThat(response.content()).isEqualTo("你上面问的问题是:简单说一下你会做什么?");
		assertThat(response.provider()).isEqualTo("xingyun");
		assertThat(response.model()).isEqualTo("gpt-3.5-turbo-0613");
		assertThat(response.usage().totalTokens()).isEqualTo(427);
		this.upstream.server()
			.verify(postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH))
				.withHeader("Authorization", equalTo("Bearer " + KEY))
				.withHeader("Content-Type", equalTo("application/json"))
				.withHeader("Accept", equalTo("application/json"))
				.withRequestBody(equalToJson("""
						{"model":"gpt-3.5-turbo","messages":[{"role":"system","content":"你叫小芸"},
						{"role":"user","content":"我上面问的你什么问题?"}],"temperature":0.5,"top_p":1.0}""")));
	}

	@Test
	void streamShouldPostStreamTrueAndDecodeSeedTranscript() {
		stubStream(Fixtures.text(Fixtures.SEED_002_STREAM));
		StepVerifier
			.create(template().stream(ChatRequest.ofUserMessage("你好")).map(ChatChunk::content).reduce(String::concat))
			.expectNext(Fixtures.SEED_002_ANSWER)
			.verifyComplete();
		this.upstream.server()
			.verify(postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH))
				.withHeader("Accept", equalTo("text/event-stream, application/json"))
				.withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
				.withRequestBody(matchingJsonPath("$.stream_options", absent())));
	}

	@Test
	void streamWithStreamUsageShouldAskForUsage() {
		stubStream(Fixtures.text(Fixtures.SEED_002_STREAM));
		this.template = this.upstream.closeAfterTest(ProviderChatTemplate.create(settings().streamUsage(true).build()));
		this.template.stream(ChatRequest.ofUserMessage("hi")).blockLast();
		this.upstream.server()
			.verify(postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH))
				.withRequestBody(matchingJsonPath("$.stream_options.include_usage", equalTo("true"))));
	}

	@Test
	void chatShouldNeverSendStreamOptions() {
		stubJson(200, Fixtures.text(Fixtures.SEED_000_REPLY));
		template().chat(ChatRequest.builder().message(ChatMessage.user("hi")).stream(true).build()).block();
		this.upstream.server()
			.verify(postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH))
				.withRequestBody(matchingJsonPath("$.stream", absent()))
				.withRequestBody(matchingJsonPath("$.stream_options", absent())));
	}

	@Test
	void requestModelShouldWinOverDefaultModel() {
		stubJson(200, Fixtures.text(Fixtures.SEED_000_REPLY));
		template().chat(ChatRequest.of("gpt-4", ChatMessage.user("hi"))).block();
		this.upstream.server()
			.verify(postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH))
				.withRequestBody(matchingJsonPath("$.model", equalTo("gpt-4"))));
	}

	@Test
	void extraBodyShouldBeMergedUnlessRequestSetsTheField() {
		stubJson(200, Fixtures.text(Fixtures.SEED_000_REPLY));
		this.template = this.upstream.closeAfterTest(ProviderChatTemplate
			.create(settings().extraBody("online", true).extraBody("temperature", 0.1).extraBody("user", "x").build()));
		this.template
			.chat(ChatRequest.builder().message(ChatMessage.user("hi")).temperature(0.7).extra("user", "me").build())
			.block();
		this.upstream.server()
			.verify(postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)).withRequestBody(equalToJson(
					"""
							{"model":"gpt-3.5-turbo","messages":[{"role":"user","content":"hi"}],"temperature":0.7,"user":"me","online":true}""")));
	}

	@Test
	void customHeadersShouldBeSent() {
		stubJson(200, Fixtures.text(Fixtures.SEED_000_REPLY));
		this.template = this.upstream
			.closeAfterTest(ProviderChatTemplate.create(settings().header("X-Team", "demo").build()));
		this.template.chat(ChatRequest.ofUserMessage("hi")).block();
		this.upstream.server()
			.verify(postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)).withHeader("X-Team", equalTo("demo")));
	}

	@Test
	void baseUrlWithTrailingSlashOrWholeEndpointShouldPostToTheEndpoint() {
		stubJson(200, Fixtures.text(Fixtures.SEED_000_REPLY));
		for (String baseUrl : List.of(this.upstream.baseUrl() + "/", this.upstream.baseUrl() + "/chat/completions",
				this.upstream.baseUrl() + "/chat/completions/")) {
			ProviderSettings settings = settings().baseUrl(baseUrl).build();
			try (ProviderChatTemplate each = ProviderChatTemplate.create(settings)) {
				assertThat(each.chat(ChatRequest.ofUserMessage("hi")).block().content()).isNotEmpty();
			}
		}
		this.upstream.server().verify(3, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)));
	}

	@Test
	void chatWhenReplyHasLeadingWhitespaceShouldDecode() {
		stubJson(200, "\n\n   " + Fixtures.text(Fixtures.SEED_002_REPLY));
		assertThat(template().chat(ChatRequest.ofUserMessage("hi")).block().content()).startsWith("红杏出墙春意浓");
	}

	@Test
	void chatWhenReplyStartsWithByteOrderMarkShouldDecode() {
		stubJson(200, "\uFEFF" + Fixtures.text(Fixtures.SEED_002_REPLY));
		assertThat(template().chat(ChatRequest.ofUserMessage("hi")).block().content()).startsWith("红杏出墙春意浓");
	}

	@Test
	void chatWhenOkReplyIsAnErrorShouldFail() {
		stubJson(200, "{\"error\":{\"message\":\"当前分组上游负载已饱和\",\"type\":\"new_api_error\",\"code\":\"\"}}");
		StepVerifier.create(template().chat(ChatRequest.ofUserMessage("hi")))
			.expectErrorSatisfies(
					(ex) -> assertThat(ex).isInstanceOf(ChatServerException.class).hasMessageContaining("当前分组上游负载已饱和"))
			.verify();
	}

	@Test
	void chatWhenOkReplyHasNoChoicesShouldFail() {
		stubJson(200, "{\"id\":\"x\",\"object\":\"chat.completion\"}");
		StepVerifier.create(template().chat(ChatRequest.ofUserMessage("hi")))
			.expectError(ChatProtocolException.class)
			.verify();
	}

	@Test
	void chatWhenReplyIsNotJsonShouldFail() {
		this.upstream.server()
			.stubFor(post(LocalUpstream.CHAT_PATH).willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "text/html")
				.withBody("<html>maintenance</html>")));
		StepVerifier.create(template().chat(ChatRequest.ofUserMessage("hi")))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(ChatProtocolException.class)
				.hasMessageContaining("maintenance"))
			.verify();
	}

	@Test
	void streamWhenRelayIgnoresStreamShouldEmitTheReplyAsOneChunk() {
		stubJson(200, Fixtures.text(Fixtures.SEED_000_REPLY));
		StepVerifier.create(template().stream(ChatRequest.ofUserMessage("hi"))).assertNext((chunk) -> {
			assertThat(chunk.content()).isEqualTo("你上面问的问题是:简单说一下你会做什么?");
			assertThat(chunk.provider()).isEqualTo("xingyun");
		}).verifyComplete();
	}

	@Test
	void chatWhenRelayStreamsAnywayShouldAggregateTheEvents() {
		this.upstream.server()
			.stubFor(post(LocalUpstream.CHAT_PATH).willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "text/event-stream")
				.withBody(Fixtures.text(Fixtures.SEED_002_STREAM))));
		ChatResponse response = template().chat(ChatRequest.ofUserMessage("hi")).block();
		assertThat(response.content()).isEqualTo(Fixtures.SEED_002_ANSWER);
		assertThat(response.finishReason()).isEqualTo("stop");
		assertThat(response.provider()).isEqualTo("xingyun");
	}

	@Test
	void chatWhenRelayStreamsAnywayWithoutAnyChunkShouldFailWithProtocolException() {
		this.upstream.server()
			.stubFor(post(LocalUpstream.CHAT_PATH).willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "text/event-stream")
				.withBody(": keep-alive\n\ndata: [DONE]\n\n")));
		StepVerifier.create(template().chat(ChatRequest.ofUserMessage("hi")))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(ChatProtocolException.class)
				.hasMessageContaining("without any chunk"))
			.verify();
	}

	@Test
	void streamCutOffWithoutFinishShouldFail() {
		stubStream("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"half\"}}]}\n\n");
		StepVerifier.create(template().stream(ChatRequest.ofUserMessage("hi")))
			.expectNextMatches((chunk) -> chunk.content().equals("half"))
			.expectError(ChatProtocolException.class)
			.verify();
	}

	@Test
	void streamWithErrorEventShouldFailWithMappedException() {
		stubStream("data: {\"error\":{\"message\":\"quota\",\"code\":\"insufficient_quota\"}}\n\n");
		StepVerifier.create(template().stream(ChatRequest.ofUserMessage("hi")))
			.expectError(ChatQuotaExceededException.class)
			.verify();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("numericCodesInsideSuccessfulReplies")
	void streamWithNumericErrorCodeShouldReadItAsThatStatus(int code, Class<? extends ChatException> expected) {
		stubStream("data: {\"error\":{\"message\":\"upstream said no\",\"code\":" + code + "}}\n\n");
		RetrySettings threeQuickAttempts = new RetrySettings(3, Duration.ofMillis(1), Duration.ofMillis(5));
		this.template = this.upstream
			.closeAfterTest(ProviderChatTemplate.create(settings().retry(threeQuickAttempts).build()));
		StepVerifier.create(template().stream(ChatRequest.ofUserMessage("hi"))).expectErrorSatisfies((ex) -> {
			assertThat(ex).isExactlyInstanceOf(expected);
			assertThat(((ChatException) ex).getUpstreamStatusCode()).isEqualTo(code);
		}).verify();
		int attempts = (code == 400) ? 1 : threeQuickAttempts.maxAttempts();
		this.upstream.server().verify(attempts, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("numericCodesInsideSuccessfulReplies")
	void chatWithNumericErrorCodeInA200BodyShouldReadItAsThatStatus(int code, Class<? extends ChatException> expected) {
		stubJson(200, "{\"error\":{\"message\":\"upstream said no\",\"code\":" + code + "}}");
		StepVerifier.create(template().chat(ChatRequest.ofUserMessage("hi")))
			.expectErrorSatisfies((ex) -> assertThat(ex).isExactlyInstanceOf(expected))
			.verify();
	}

	@Test
	void streamWithContentAndErrorInOneReadShouldDeliverTheContentThenFail() {
		stubStream("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"你好\"}}]}\n\n"
				+ "data: {\"error\":{\"message\":\"quota\",\"code\":\"insufficient_quota\"}}\n\n");
		StepVerifier.create(template().stream(ChatRequest.ofUserMessage("hi")).map(ChatChunk::content))
			.expectNext("你好")
			.expectError(ChatQuotaExceededException.class)
			.verify();
	}

	@Test
	void streamPrintedWithOneNewlineBetweenDataLinesShouldGiveTheWholeAnswer() {
		stubStream(Fixtures.text(Fixtures.SEED_002_STREAM_SINGLE_NEWLINES));
		StepVerifier.create(template().stream(ChatRequest.ofUserMessage("hi")).map(ChatChunk::content).collectList())
			.assertNext((texts) -> assertThat(String.join("", texts)).isEqualTo(Fixtures.SEED_002_ANSWER))
			.verifyComplete();
		StepVerifier.create(template().chat(ChatRequest.ofUserMessage("hi")).map(ChatResponse::content))
			.expectNext(Fixtures.SEED_002_ANSWER)
			.verifyComplete();
	}

	@Test
	void webSearchStreamCutAfterTheSearchFinishedShouldFailInStreamAndChat() {
		stubStream("data: " + ChatStreamDecoderTests.WEB_SEARCH_STARTED + "\n\ndata: "
				+ ChatStreamDecoderTests.WEB_SEARCH_FINISHED + "\n\n");
		StepVerifier.create(template().stream(ChatRequest.ofUserMessage("杭州天气")))
			.expectNextMatches(ChatChunk::isWebSearch)
			.expectNextMatches(ChatChunk::isWebSearchFinished)
			.expectError(ChatProtocolException.class)
			.verify();
		StepVerifier.create(template().chat(ChatRequest.ofUserMessage("杭州天气")))
			.expectError(ChatProtocolException.class)
			.verify();
	}

	static Stream<Arguments> numericCodesInsideSuccessfulReplies() {
		return Stream.of(Arguments.of(400, ChatBadRequestException.class),
				Arguments.of(429, ChatRateLimitException.class), Arguments.of(503, ChatServerException.class));
	}

	@Test
	void errorMappingShouldOverrideTheDefaultsByStatusAndByCode() {
		this.template = this.upstream.closeAfterTest(ProviderChatTemplate.create(settings()
			.errorMapping(ChatErrorMapping
				.of(Map.of("402", ChatErrorKind.SERVER_ERROR, "Balance_Empty", ChatErrorKind.QUOTA_EXCEEDED)))
			.build()));
		stubJson(402, "{\"error\":{\"message\":\"其它异常错误。\"}}");
		StepVerifier.create(template().chat(ChatRequest.ofUserMessage("hi")))
			.expectError(ChatServerException.class)
			.verify();
		stubStream("data: {\"error\":{\"message\":\"no money\",\"code\":\"balance_empty\"}}\n\n");
		StepVerifier.create(template().stream(ChatRequest.ofUserMessage("hi")))
			.expectError(ChatQuotaExceededException.class)
			.verify();
	}

	static Stream<Arguments> upstreamErrors() {
		return Stream.of(Arguments.of(401,
				"{\"error\":{\"message\":\"没有apikey。\",\"type\":\"invalid_request_error\",\"code\":\"no_api_key\"}}",
				ChatAuthenticationException.class),
				Arguments.of(401,
						"{\"error\":{\"message\":\"api key不合法。\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}",
						ChatAuthenticationException.class),
				Arguments.of(401,
						"{\"error\":{\"message\":\"输入不正确。\",\"type\":\"invalid_request_error\",\"code\":null}}",
						ChatAuthenticationException.class),
				Arguments.of(401,
						"{\"error\":{\"message\":\"该令牌额度已用尽 (request id: 2024)\",\"type\":\"one_api_error\"}}",
						ChatQuotaExceededException.class),
				Arguments.of(402, "{\"error\":{\"message\":\"其它异常错误。\"}}", ChatQuotaExceededException.class),
				Arguments.of(403,
						"{\"error\":{\"message\":\"余额不足。\",\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}",
						ChatQuotaExceededException.class),
				Arguments.of(403, "{\"error\":{\"message\":\"请求不合法。\",\"type\":\"invalid_request_errorr\"}}",
						ChatBadRequestException.class),
				Arguments.of(403, "{\"error\":{\"message\":\"请求不合法。\",\"type\":\"invalid_request_error\"}}",
						ChatBadRequestException.class),
				Arguments.of(401,
						"{\"error\":{\"code\":\"401\",\"message\":\"Access denied due to Virtual Network/Firewall rules.\"}}",
						ChatPermissionDeniedException.class),
				Arguments.of(403,
						"{\"error\":{\"code\":\"403\",\"message\":\"Access denied due to Virtual Network/Firewall rules.\"}}",
						ChatPermissionDeniedException.class),
				Arguments.of(400,
						"{\"error\":{\"message\":\"The server had an error while processing your request. Sorry about that!\",\"type\":\"invalid_request_error\"}}",
						ChatServerException.class),
				Arguments.of(400, "{\"error\":{\"message\":\"too long\",\"code\":\"CONTEXT_LENGTH_EXCEEDED\"}}",
						ChatContextLengthException.class),
				Arguments.of(429, "{\"error\":{\"message\":\"quota\",\"code\":\"INSUFFICIENT_QUOTA\"}}",
						ChatQuotaExceededException.class),
				Arguments.of(403, "{\"error\":{\"message\":\"模型未发现。\",\"code\":\"model_not_found\"}}",
						ChatModelNotFoundException.class),
				Arguments.of(404,
						"{\"error\":{\"message\":\"The model `gpt-5` does not exist\",\"type\":\"invalid_request_error\",\"code\":\"model_not_found\"}}",
						ChatModelNotFoundException.class),
				Arguments.of(503,
						"{\"error\":{\"message\":\"当前分组 default 下对于模型 gpt-4 无可用渠道\",\"type\":\"new_api_error\"}}",
						ChatModelNotFoundException.class),
				Arguments.of(400,
						"{\"error\":{\"message\":\"This model's maximum context length is 4097 tokens\",\"type\":\"invalid_request_error\",\"code\":\"context_length_exceeded\"}}",
						ChatContextLengthException.class),
				Arguments.of(422, "{\"detail\":\"bad\"}", ChatBadRequestException.class),
				Arguments.of(400,
						"{\"error\":{\"message\":\"Input data may contain inappropriate content.\",\"type\":\"data_inspection_failed\",\"code\":\"data_inspection_failed\"}}",
						ChatContentFilterException.class),
				Arguments.of(400, "{\"error\":{\"code\":\"1301\",\"message\":\"系统检测到输入或生成内容可能包含不安全或敏感内容\"}}",
						ChatContentFilterException.class),
				Arguments.of(429, "{\"error\":{\"code\":\"1113\",\"message\":\"您的账户已欠费\"}}",
						ChatQuotaExceededException.class),
				Arguments.of(400,
						"{\"code\":\"Arrearage\",\"message\":\"Access denied, please make sure your account is in good standing.\",\"request_id\":\"x\"}",
						ChatQuotaExceededException.class),
				Arguments.of(429,
						"{\"error\":{\"message\":\"Your account is not active\",\"type\":\"exceeded_current_quota_error\"}}",
						ChatQuotaExceededException.class),
				Arguments.of(429,
						"{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}",
						ChatRateLimitException.class),
				Arguments.of(429,
						"{\"error\":{\"message\":\"You exceeded your current quota\",\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}",
						ChatQuotaExceededException.class),
				Arguments.of(403, "{\"error\":{\"message\":\"forbidden\"}}", ChatPermissionDeniedException.class),
				Arguments.of(501, "", ChatServerException.class),
				Arguments.of(502, "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
						ChatServerException.class),
				Arguments.of(503, "Service Unavailable", ChatServerException.class),
				Arguments.of(500, "{\"error\":{\"message\":\"boom\",\"type\":\"upstream_error\",\"code\":500}}",
						ChatServerException.class));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("upstreamErrors")
	void chatShouldMapUpstreamErrors(int status, String body, Class<? extends ChatException> expected) {
		stubJson(status, body);
		StepVerifier.create(template().chat(ChatRequest.ofUserMessage("hi"))).expectErrorSatisfies((ex) -> {
			assertThat(ex).isExactlyInstanceOf(expected);
			ChatException chat = (ChatException) ex;
			assertThat(chat.getProvider()).isEqualTo("xingyun");
			assertThat(chat.getUpstreamStatusCode()).isEqualTo(status);
			assertThat(chat.getMessage()).contains("xingyun").contains(String.valueOf(status));
		}).verify();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("upstreamErrors")
	void streamShouldMapUpstreamErrorsTheSameWay(int status, String body, Class<? extends ChatException> expected) {
		stubJson(status, body);
		StepVerifier.create(template().stream(ChatRequest.ofUserMessage("hi"))).expectError(expected).verify();
	}

	@Test
	void errorShouldKeepUpstreamDetailsAndRetryAfter() {
		this.upstream.server()
			.stubFor(post(LocalUpstream.CHAT_PATH).willReturn(aResponse().withStatus(429)
				.withHeader("Content-Type", "application/json")
				.withHeader("Retry-After", "7")
				.withBody(
						"{\"error\":{\"message\":\"slow down\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}")));
		StepVerifier.create(template().chat(ChatRequest.ofUserMessage("hi"))).expectErrorSatisfies((ex) -> {
			ChatRateLimitException limit = (ChatRateLimitException) ex;
			assertThat(limit.getRetryAfter()).isEqualTo(Duration.ofSeconds(7));
			assertThat(limit.getErrorCode()).isEqualTo("rate_limit_exceeded");
			assertThat(limit.getErrorType()).isEqualTo("requests");
			assertThat(limit.getUpstreamMessage()).isEqualTo("slow down");
			assertThat(limit.isRetryable()).isTrue();
		}).verify();
	}

	@Test
	void errorEchoingTheKeyShouldNotRevealIt() {
		stubJson(401,
				"{\"error\":{\"message\":\"Incorrect API key provided: sk-FAKE-test-key-000111. Bearer sk-FAKE-bearer-0001\",\"code\":\"invalid_api_key\"}}");
		StepVerifier.create(template().chat(ChatRequest.ofUserMessage("hi")))
			.expectErrorSatisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("FAKE-test-key")
				.doesNotContain("FAKE-bearer")
				.contains("sk-******"))
			.verify();
	}

	@Test
	void htmlErrorPageShouldGiveReadableMessage() {
		stubJson(502, "<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>");
		StepVerifier.create(template().chat(ChatRequest.ofUserMessage("hi")))
			.expectErrorSatisfies((ex) -> assertThat(ex).hasMessageEndingWith("(HTTP 502): 502 Bad Gateway"))
			.verify();
	}

	@Test
	void refusedConnectionShouldFailWithConnectionException() {
		ProviderChatTemplate template = template();
		this.upstream.server().stop();
		StepVerifier.create(template.chat(ChatRequest.ofUserMessage("hi")))
			.expectErrorSatisfies(
					(ex) -> assertThat(ex).isInstanceOf(ChatConnectionException.class).hasMessageContaining("refused"))
			.verify();
	}

	@Test
	void resetConnectionShouldFailWithConnectionException() {
		this.upstream.server()
			.stubFor(post(LocalUpstream.CHAT_PATH).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		StepVerifier.create(template().stream(ChatRequest.ofUserMessage("hi")))
			.expectError(ChatConnectionException.class)
			.verify();
	}

	@Test
	void slowHeadersShouldFailWithResponseTimeout() {
		this.upstream.server()
			.stubFor(post(LocalUpstream.CHAT_PATH).willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody(Fixtures.text(Fixtures.SEED_000_REPLY))
				.withFixedDelay(3000)));
		this.template = this.upstream
			.closeAfterTest(ProviderChatTemplate.create(settings().responseTimeout(Duration.ofMillis(300)).build()));
		StepVerifier.create(this.template.chat(ChatRequest.ofUserMessage("hi")))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(ChatTimeoutException.class)
				.hasMessageContaining("response-timeout 300ms")
				.hasMessageContaining("chat.providers.xingyun.response-timeout"))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void stalledStreamShouldFailWithStreamIdleTimeout() {
		this.upstream.server()
			.stubFor(post(LocalUpstream.CHAT_PATH).willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "text/event-stream")
				.withBody(Fixtures.text(Fixtures.SEED_002_STREAM))
				.withChunkedDribbleDelay(2, 4000)));
		this.template = this.upstream
			.closeAfterTest(ProviderChatTemplate.create(settings().streamIdleTimeout(Duration.ofMillis(500)).build()));
		StepVerifier.create(this.template.stream(ChatRequest.ofUserMessage("hi")))
			.thenConsumeWhile((chunk) -> true)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(ChatTimeoutException.class)
				.hasMessageContaining("stream-idle-timeout"))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void callAfterCloseShouldFailSayingTheTemplateIsClosed() {
		ProviderChatTemplate template = ProviderChatTemplate.create(settings().build());
		template.close();
		template.close();

		StepVerifier.create(template.chat(ChatRequest.ofUserMessage("hi")))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalStateException.class)
				.hasMessage("Provider 'xingyun': its template is closed"))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void requestTimeoutShouldEndALongCall() {
		this.upstream.server()
			.stubFor(post(LocalUpstream.CHAT_PATH).willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "text/event-stream")
				.withBody(Fixtures.text(Fixtures.SEED_002_STREAM))
				.withChunkedDribbleDelay(17, 3400)));
		this.template = this.upstream
			.closeAfterTest(ProviderChatTemplate.create(settings().requestTimeout(Duration.ofMillis(700)).build()));
		StepVerifier.create(this.template.stream(ChatRequest.ofUserMessage("hi")))
			.thenConsumeWhile((chunk) -> true)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(ChatTimeoutException.class)
				.hasMessageContaining("request-timeout 700ms"))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void requestWithoutModelAndWithoutDefaultModelShouldFailBeforeSending() {
		this.template = this.upstream
			.closeAfterTest(ProviderChatTemplate.create(settings().defaultModel(null).build()));
		assertThatExceptionOfType(ChatBadRequestException.class)
			.isThrownBy(() -> this.template.chat(ChatRequest.ofUserMessage("hi")).block())
			.withMessageContaining("chat.providers.xingyun.default-model");
		this.upstream.server().verify(0, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)));
	}

	@Test
	void toStringShouldNotRevealTheKey() {
		assertThat(template().toString()).doesNotContain(KEY).contains("tes******ef");
		assertThat(settings().build().toString()).doesNotContain(KEY);
	}

	private ProviderChatTemplate template() {
		if (this.template == null) {
			this.template = this.upstream.closeAfterTest(ProviderChatTemplate.create(settings().build()));
		}
		return this.template;
	}

	private ProviderSettings.Builder settings() {
		return ProviderSettings.builder("xingyun")
			.baseUrl(this.upstream.baseUrl())
			.apiKey(KEY)
			.defaultModel("gpt-3.5-turbo")
			.retry(RetrySettings.NONE);
	}

	private void stubJson(int status, String body) {
		this.upstream.server()
			.stubFor(post(LocalUpstream.CHAT_PATH).willReturn(
					aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
	}

	private void stubStream(String body) {
		this.upstream.server()
			.stubFor(post(LocalUpstream.CHAT_PATH).willReturn(
					aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body)));
	}

}
