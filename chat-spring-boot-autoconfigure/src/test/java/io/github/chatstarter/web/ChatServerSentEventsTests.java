package io.github.chatstarter.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.chatstarter.error.ChatQuotaExceededException;
import io.github.chatstarter.error.UpstreamError;
import io.github.chatstarter.model.ChatChunk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A chat stream as a browser receives it from a WebFlux endpoint that uses the adapter.
 */
@ExtendWith(OutputCaptureExtension.class)
class ChatServerSentEventsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String KEY = "sk-sse-secret-key-0123456789";

	@Test
	void answerShouldBecomeTextEventsThenDoneWithFinishReasonAndUsage() {
		List<ServerSentEvent<String>> events = receive(Flux.just(chunk(
				"{\"id\":\"c\",\"model\":\"qwen\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}"),
				chunk("{\"id\":\"c\",\"model\":\"qwen\",\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"想一想\"}}]}"),
				chunk("{\"id\":\"c\",\"model\":\"qwen\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"你好\\n世界\"}}]}"),
				chunk("{\"id\":\"c\",\"model\":\"qwen\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}"),
				chunk("{\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":3,\"total_tokens\":8}}")));
		assertThat(events).extracting(ServerSentEvent::event).containsExactly("reasoning", "text", "done");
		assertThat(data(events.get(0))).containsEntry("text", "想一想");
		assertThat(data(events.get(1))).containsEntry("text", "你好\n世界");
		assertThat(data(events.get(2))).containsEntry("model", "qwen")
			.containsEntry("finishReason", "stop")
			.containsEntry("usage", Map.of("promptTokens", 5, "completionTokens", 3, "totalTokens", 8));
	}

	@Test
	void webSearchSignalsShouldBecomeStartedAndFinishedEvents() {
		ChatChunk started = chunk(
				"{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"function_call\":{\"name\":\"web_search\",\"arguments\":\"\"}}}]}");
		ChatChunk finished = chunk("{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"function_call\"}]}")
			.asWebSearchFinished();
		List<ServerSentEvent<String>> events = receive(Flux.just(started, finished,
				chunk("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"晴\"},\"finish_reason\":\"stop\"}]}")));
		assertThat(events).extracting(ServerSentEvent::event)
			.containsExactly("web-search", "web-search", "text", "done");
		assertThat(data(events.get(0))).containsEntry("status", "started");
		assertThat(data(events.get(1))).containsEntry("status", "finished");
		assertThat(data(events.get(3))).containsEntry("finishReason", "stop");
	}

	@Test
	void failureMidStreamShouldEndWithAnErrorEventCarryingTheProblemDetail(CapturedOutput output) {
		ChatQuotaExceededException quota = new ChatQuotaExceededException(
				"Provider 'aigs': quota exhausted for key " + KEY,
				new UpstreamError("aigs", 402, null, "insufficient_quota", "key " + KEY + " has no quota", null), null);
		List<ServerSentEvent<String>> events = receive(
				Flux.just(chunk("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"半\"}}]}"))
					.concatWith(Flux.error(quota)));
		assertThat(events).extracting(ServerSentEvent::event).containsExactly("text", "error");
		assertThat(data(events.get(1))).containsEntry("status", 503)
			.containsEntry("title", "Service Unavailable")
			.containsKey("detail");
		assertThat(events.get(1).data()).doesNotContain("sk-sse");
		assertThat(output).doesNotContain("already committed").doesNotContain(KEY);
	}

	@Test
	void otherFailureShouldEndWithAGenericErrorEventThatTellsNothingOfIt() {
		List<ServerSentEvent<String>> events = receive(Flux.error(new IllegalStateException("internal detail 42")));
		assertThat(events).extracting(ServerSentEvent::event).containsExactly("error");
		assertThat(data(events.get(0))).containsEntry("status", 500);
		assertThat(events.get(0).data()).doesNotContain("internal detail 42");
	}

	private static ChatChunk chunk(String json) {
		return JSON.readValue(json, ChatChunk.class);
	}

	private static Map<String, Object> data(ServerSentEvent<String> event) {
		return JSON.readValue(event.data(), Map.class);
	}

	private static List<ServerSentEvent<String>> receive(Flux<ChatChunk> chunks) {
		WebTestClient client = WebTestClient.bindToController(new StreamController(chunks)).build();
		return client.get()
			.uri("/stream")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
			})
			.getResponseBody()
			.collectList()
			.block(Duration.ofSeconds(10));
	}

	@RestController
	static class StreamController {

		private final Flux<ChatChunk> chunks;

		StreamController(Flux<ChatChunk> chunks) {
			this.chunks = chunks;
		}

		@GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
		Flux<ServerSentEvent<Object>> stream() {
			return ChatServerSentEvents.of(this.chunks);
		}

	}

}
