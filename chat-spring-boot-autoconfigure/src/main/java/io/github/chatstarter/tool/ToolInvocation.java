package io.github.chatstarter.tool;

import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * One call the model asked for: the tool's name and the arguments it wrote.
 */
public final class ToolInvocation {

	private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
	};

	private final @Nullable String id;

	private final String name;

	private final String arguments;

	ToolInvocation(@Nullable String id, String name, @Nullable String arguments) {
		this.id = id;
		this.name = Objects.requireNonNull(name, "name");
		this.arguments = (arguments != null) ? arguments : "";
	}

	/**
	 * Id of the tool call, or {@code null} for a legacy {@code function_call}.
	 */
	public @Nullable String id() {
		return this.id;
	}

	public String name() {
		return this.name;
	}

	/**
	 * The arguments as the JSON text the model wrote; models do not always write valid
	 * JSON.
	 */
	public String arguments() {
		return this.arguments;
	}

	/**
	 * The arguments parsed as a JSON object; no arguments give an empty map.
	 * @throws ToolCallingException if they are not a JSON object
	 */
	public Map<String, Object> argumentsAsMap() {
		if (this.arguments.isBlank()) {
			return Map.of();
		}
		try {
			Map<String, Object> parsed = JsonMapper.shared().readValue(this.arguments, JSON_OBJECT);
			return (parsed != null) ? parsed : Map.of();
		}
		catch (JacksonException ex) {
			throw new ToolCallingException("The model called tool '" + this.name
					+ "' with arguments that are not a JSON object: " + ex.getOriginalMessage(), this.name, ex);
		}
	}

	@Override
	public String toString() {
		return "ToolInvocation{id=" + this.id + ", name=" + this.name + ", arguments=" + this.arguments + "}";
	}

}
