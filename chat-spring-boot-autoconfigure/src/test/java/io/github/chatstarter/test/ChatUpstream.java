package io.github.chatstarter.test;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A provider on 127.0.0.1 that answers with the replies queued by the test, in order, and
 * keeps the bodies it received.
 */
public final class ChatUpstream implements AutoCloseable {

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
	public ChatUpstream answer(String content, int promptTokens, int completionTokens) {
		String message = JsonMapper.shared().writeValueAsString(content);
		return reply(200,
				"{\"id\":\"r\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,"
						+ "\"message\":{\"role\":\"assistant\",\"content\":" + message
						+ "},\"finish_reason\":\"stop\"}]," + "\"usage\":{\"prompt_tokens\":" + promptTokens
						+ ",\"completion_tokens\":" + completionTokens + ",\"total_tokens\":"
						+ (promptTokens + completionTokens) + "}}");
	}

	/**
	 * Queues an answer that asks for the tool with the given JSON arguments.
	 */
	public ChatUpstream toolCall(String id, String name, String arguments) {
		String quoted = JsonMapper.shared().writeValueAsString(arguments);
		return reply(200,
				"{\"id\":\"t\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,"
						+ "\"tool_calls\":[{\"id\":\"" + id + "\",\"type\":\"function\",\"function\":{\"name\":\""
						+ name + "\",\"arguments\":" + quoted + "}}]},\"finish_reason\":\"tool_calls\"}]}");
	}

	/**
	 * Queues an answer that asks for the legacy function with the given JSON arguments.
	 */
	public ChatUpstream functionCall(String name, String arguments) {
		String quoted = JsonMapper.shared().writeValueAsString(arguments);
		return reply(200,
				"{\"id\":\"f\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,"
						+ "\"function_call\":{\"name\":\"" + name + "\",\"arguments\":" + quoted
						+ "}},\"finish_reason\":\"function_call\"}]}");
	}

	public ChatUpstream reply(int status, String body) {
		this.replies.add(new Reply(status, body));
		return this;
	}

	public List<JsonNode> requests() {
		return this.requests;
	}

	public String baseUrl() {
		return this.server.baseUrl();
	}

	@Override
	public void close() {
		this.server.close();
	}

	private record Reply(int status, String body) {
	}

}
