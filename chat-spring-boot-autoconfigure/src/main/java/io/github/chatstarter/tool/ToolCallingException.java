package io.github.chatstarter.tool;

import io.github.chatstarter.error.ChatException;
import org.jspecify.annotations.Nullable;

/**
 * The tool-calling loop could not go on: the model asked for a tool that has no handler,
 * a handler failed or gave no result, or the model still asked for tools after the last
 * allowed round.
 */
public class ToolCallingException extends ChatException {

	private final @Nullable String toolName;

	public ToolCallingException(String message, @Nullable String toolName, @Nullable Throwable cause) {
		super(message, cause);
		this.toolName = toolName;
	}

	/**
	 * Name of the tool concerned, or {@code null} when the failure concerns no single
	 * tool.
	 */
	public @Nullable String getToolName() {
		return this.toolName;
	}

}
