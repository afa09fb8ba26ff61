package io.github.chatstarter.prompt;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.chatstarter.test.ScriptedUpstream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A provider on 127.0.0.1 that answers with the replies queued by the test, in order, and keeps the
 * bodies it received.
 */
final class ChatUpstream implements AutoCloseable {

	private final Queue<Reply> replies = new ConcurrentLinkedQueue<>();

	private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

	private final ScriptedUpstream server = new ScriptedUpstream((body, response) -> {
		this.requests.add(JsonMapper.shared().readTree(body));
		Reply reply = this.replies.poll();
		if (reply == null) {
			return ScriptedUpstream.status(response, 500, "{\"error\":{\"message\":\"no reply queued\"}}");
		}
		return ScriptedUpstream.status(response, reply.status(), reply.body());
	});

	/**
	 * Queues an assistant answer with the given text and usage.
	 */
	ChatUpstream answer(String content, int promptTokens, int completionTokens) {
		String message = JsonMapper.shared().writeValueAsString(content);
		return reply(200, "{\"id\":\"r\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,"
				+ "\"message\":{\"role\":\"assistant\",\"content\":" + message + "},\"finish_reason\":\"stop\"}],"
				+ "\"usage\":{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":" + completionTokens
				+ ",\"total_tokens\":" + (promptTokens + completionTokens) + "}}");
	}

	ChatUpstream reply(int status, String body) {
		this.replies.add(new Reply(status, body));
		return this;
	}

	List<JsonNode> requests() {
		return this.requests;
	}

	String baseUrl() {
		return this.server.baseUrl();
	}

	@Override
	public void close() {
		this.server.close();
	}

	private record Reply(int status, String body) {
	}


}
