package io.github.chatstarter.sample.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bodies the demo upstream sends, shaped like the examples in the relays' API
 * documentation: a {@code chat.completion} reply, the {@code chat.completion.chunk}
 * events of a stream, error objects and the model list.
 */
final class DemoReplies {

	private static final int MAX_QUOTED_QUESTION = 200;

	private final JsonMapper json = JsonMapper.shared();

	/**
	 * The demo's answer: it echoes the question, so a caller can tell its answer belongs
	 * to its question.
	 */
	String answerTo(DemoRequest request) {
		String question = request.lastQuestion().strip();
		if (question.length() > MAX_QUOTED_QUESTION) {
			question = question.substring(0, MAX_QUOTED_QUESTION) + "…";
		}
		String earlier = request.earlierQuestion();
		String recall = (earlier != null) ? " Before that you asked: “" + quote(earlier) + "”." : "";
		return "You asked: “" + question + "”." + recall + " I am the offline demo upstream of the chat sample, so I "
				+ "can only echo your question, but I stream my answer token by token just like a real provider. This "
				+ "is turn " + request.turn() + " of our conversation, answered by model " + request.model() + ".";
	}

	private static String quote(String text) {
		String stripped = text.strip();
		return (stripped.length() > MAX_QUOTED_QUESTION) ? stripped.substring(0, MAX_QUOTED_QUESTION) + "…" : stripped;
	}

	/**
	 * A whole {@code chat.completion} reply with usage, as xing-yun's API documentation
	 * shows it.
	 */
	String completion(DemoRequest request, String answer) {
		return completion(request, this.json.createObjectNode().put("role", "assistant").put("content", answer));
	}

	/**
	 * A whole {@code chat.completion} reply with the given assistant message, which may
	 * ask for tools.
	 */
	String completion(DemoRequest request, ObjectNode message) {
		String answer = message.path("content").asString("");
		ObjectNode reply = header(newId(), "chat.completion", request.model());
		ObjectNode choice = reply.putArray("choices").addObject();
		choice.put("index", 0);
		choice.set("message", message);
		choice.putNull("logprobs");
		choice.put("finish_reason", message.has("tool_calls") ? "tool_calls" : "stop");
		usage(reply, request, answer);
		reply.putNull("system_fingerprint");
		return this.json.writeValueAsString(reply);
	}

	/**
	 * The SSE events of a streamed answer: a role chunk, one chunk per token, a
	 * {@code finish_reason} chunk, a usage chunk with no choices, and {@code [DONE]}.
	 */
	List<String> streamEvents(DemoRequest request, String answer) {
		String id = newId();
		List<String> events = new ArrayList<>();
		events.add(event(chunk(id, request, "", "assistant", null)));
		for (String token : DemoTokens.split(answer)) {
			events.add(event(chunk(id, request, token, null, null)));
		}
		events.add(event(chunk(id, request, null, null, "stop")));
		ObjectNode usage = header(id, "chat.completion.chunk", request.model());
		usage.putArray("choices");
		usage(usage, request, answer);
		events.add(event(this.json.writeValueAsString(usage)));
		events.add("data: [DONE]\n\n");
		return events;
	}

	String error(DemoError error) {
		ObjectNode reply = this.json.createObjectNode();
		ObjectNode body = reply.putObject("error");
		body.put("message", error.message());
		body.put("type", error.type());
		body.putNull("param");
		if (error.code() != null) {
			body.put("code", error.code());
		}
		else {
			body.putNull("code");
		}
		return this.json.writeValueAsString(reply);
	}

	/**
	 * The {@code GET /models} list.
	 */
	String models(List<String> models) {
		ObjectNode reply = this.json.createObjectNode();
		reply.put("object", "list");
		ArrayNode data = reply.putArray("data");
		for (String model : models) {
			data.addObject().put("id", model).put("object", "model").put("created", 0).put("owned_by", "demo");
		}
		return this.json.writeValueAsString(reply);
	}

	private String chunk(String id, DemoRequest request, @Nullable String content, @Nullable String role,
			@Nullable String finishReason) {
		ObjectNode chunk = header(id, "chat.completion.chunk", request.model());
		ObjectNode choice = chunk.putArray("choices").addObject();
		choice.put("index", 0);
		ObjectNode delta = choice.putObject("delta");
		if (role != null) {
			delta.put("role", role);
		}
		if (content != null) {
			delta.put("content", content);
		}
		if (finishReason != null) {
			choice.put("finish_reason", finishReason);
		}
		else {
			choice.putNull("finish_reason");
		}
		return this.json.writeValueAsString(chunk);
	}

	private ObjectNode header(String id, String object, String model) {
		ObjectNode node = this.json.createObjectNode();
		node.put("id", id);
		node.put("object", object);
		node.put("created", Instant.now().getEpochSecond());
		node.put("model", model);
		return node;
	}

	private static void usage(ObjectNode reply, DemoRequest request, String answer) {
		int prompt = request.promptTokens();
		int completion = DemoTokens.count(answer);
		reply.putObject("usage")
			.put("prompt_tokens", prompt)
			.put("completion_tokens", completion)
			.put("total_tokens", prompt + completion);
	}

	private static String event(String data) {
		return "data: " + data + "\n\n";
	}

	// Not UUID.randomUUID(): it reads the OS's entropy source, a blocking call on the
	// event loop, and a
	// demo id needs no secure randomness.
	private static String newId() {
		return "chatcmpl-demo" + Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
	}

}
