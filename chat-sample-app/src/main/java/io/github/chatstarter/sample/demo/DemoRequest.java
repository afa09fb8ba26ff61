package io.github.chatstarter.sample.demo;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The parts of a chat-completions request the demo upstream looks at.
 *
 * @param model requested model
 * @param stream whether the answer is streamed
 * @param messages the conversation, oldest first
 */
record DemoRequest(String model, boolean stream, List<Message> messages) {

	/**
	 * Reads a request body.
	 * @throws IllegalArgumentException naming what is missing or malformed, as a real
	 * upstream's 400 would
	 */
	static DemoRequest parse(String body) {
		JsonNode root;
		try {
			root = JsonMapper.shared().readTree(body);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("The request body is not valid JSON: " + ex.getOriginalMessage());
		}
		if (root == null || !root.isObject()) {
			throw new IllegalArgumentException("The request body must be a JSON object");
		}
		JsonNode model = root.path("model");
		if (!model.isString() || model.stringValue().isBlank()) {
			throw new IllegalArgumentException("'model' is required");
		}
		JsonNode messages = root.path("messages");
		if (!messages.isArray() || messages.isEmpty()) {
			throw new IllegalArgumentException("'messages' must be a non-empty array");
		}
		List<Message> parsed = new ArrayList<>();
		for (JsonNode message : messages.values()) {
			JsonNode role = message.path("role");
			if (!role.isString()) {
				throw new IllegalArgumentException("messages[" + parsed.size() + "].role is required");
			}
			parsed.add(new Message(role.stringValue(), text(message.path("content"))));
		}
		return new DemoRequest(model.stringValue(), root.path("stream").asBoolean(false), List.copyOf(parsed));
	}

	/**
	 * The text of the conversation's last user message, or "" when there is none.
	 */
	String lastQuestion() {
		for (int i = this.messages.size() - 1; i >= 0; i--) {
			if ("user".equals(this.messages.get(i).role())) {
				return this.messages.get(i).content();
			}
		}
		return "";
	}

	/**
	 * The user message before the last one, or {@code null} when this is the first turn.
	 */
	@Nullable String earlierQuestion() {
		boolean last = true;
		for (int i = this.messages.size() - 1; i >= 0; i--) {
			if ("user".equals(this.messages.get(i).role())) {
				if (!last) {
					return this.messages.get(i).content();
				}
				last = false;
			}
		}
		return null;
	}

	/**
	 * How many user messages the conversation has, this one included.
	 */
	int turn() {
		return (int) this.messages.stream().filter((message) -> "user".equals(message.role())).count();
	}

	/**
	 * Tokens of all messages, the demo's stand-in for prompt tokens.
	 */
	int promptTokens() {
		return this.messages.stream().mapToInt((message) -> DemoTokens.count(message.content()) + 1).sum();
	}

	// A string, or the text parts of a multimodal content array joined.
	private static String text(JsonNode content) {
		if (content.isString()) {
			return content.stringValue();
		}
		StringBuilder text = new StringBuilder();
		if (content.isArray()) {
			for (JsonNode part : content.values()) {
				if (part.path("text").isString()) {
					text.append(part.path("text").stringValue());
				}
			}
		}
		return text.toString();
	}

	/**
	 * One message of the conversation.
	 *
	 * @param role its role
	 * @param content its text ("" when it has none)
	 */
	record Message(String role, String content) {
	}

}
