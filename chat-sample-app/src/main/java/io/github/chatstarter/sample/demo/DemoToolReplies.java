package io.github.chatstarter.sample.demo;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the demo answers to requests with tools or a JSON schema, so that typed answers
 * and annotated tools work offline: it calls the first tool once (every required string
 * argument being the user's last message), then answers with JSON that follows the
 * schema, its values taken from the tool results where a field has the same name.
 */
final class DemoToolReplies {

	private final JsonMapper json = JsonMapper.shared();

	/**
	 * The assistant message to answer with, or {@code null} when the request is a plain
	 * chat.
	 */
	@Nullable ObjectNode messageFor(String body, String lastQuestion) {
		JsonNode request = this.json.readTree(body);
		JsonNode tools = request.path("tools");
		boolean toolsAnswered = request.path("messages")
			.values()
			.stream()
			.anyMatch((message) -> "tool".equals(message.path("role").asString()));
		if (tools.isArray() && !tools.isEmpty() && !toolsAnswered) {
			return toolCall(tools.get(0).path("function"), lastQuestion);
		}
		JsonNode schema = request.path("response_format").path("json_schema").path("schema");
		if (schema.isMissingNode()) {
			return null;
		}
		ObjectNode message = this.json.createObjectNode().put("role", "assistant");
		message.put("content", this.json.writeValueAsString(valueOf(schema, toolResults(request))));
		return message;
	}

	private ObjectNode toolCall(JsonNode function, String lastQuestion) {
		ObjectNode arguments = this.json.createObjectNode();
		function.path("parameters")
			.path("required")
			.values()
			.forEach((name) -> arguments.put(name.asString(), lastQuestion));
		ObjectNode message = this.json.createObjectNode().put("role", "assistant");
		message.putNull("content");
		ObjectNode call = message.putArray("tool_calls").addObject().put("id", "call_demo_1").put("type", "function");
		call.putObject("function")
			.put("name", function.path("name").asString())
			.put("arguments", this.json.writeValueAsString(arguments));
		return message;
	}

	/** The fields of every tool result that is a JSON object. */
	private ObjectNode toolResults(JsonNode request) {
		ObjectNode fields = this.json.createObjectNode();
		for (JsonNode message : request.path("messages").values()) {
			if ("tool".equals(message.path("role").asString())) {
				JsonNode result = this.json.readTree(message.path("content").asString("{}"));
				if (result.isObject()) {
					fields.setAll((ObjectNode) result);
				}
			}
		}
		return fields;
	}

	private JsonNode valueOf(JsonNode schema, ObjectNode known) {
		if (schema.has("enum")) {
			return schema.get("enum").get(0);
		}
		String type = schema.path("type").isArray() ? schema.path("type").get(0).asString()
				: schema.path("type").asString();
		return switch (type) {
			case "object" -> {
				ObjectNode object = this.json.createObjectNode();
				for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
					JsonNode value = known.get(property.getKey());
					object.set(property.getKey(), (value != null) ? value : valueOf(property.getValue(), known));
				}
				yield object;
			}
			case "array" -> this.json.createArrayNode();
			case "integer", "number" -> this.json.getNodeFactory().numberNode(0);
			case "boolean" -> this.json.getNodeFactory().booleanNode(false);
			case "null" -> this.json.getNodeFactory().nullNode();
			default -> this.json.getNodeFactory().stringNode("(demo)");
		};
	}

}
