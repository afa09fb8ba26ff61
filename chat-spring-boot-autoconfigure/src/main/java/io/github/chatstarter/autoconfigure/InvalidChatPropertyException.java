package io.github.chatstarter.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * A {@code chat.*} property is missing or wrong; reported at startup by
 * {@link InvalidChatPropertyFailureAnalyzer}.
 */
public class InvalidChatPropertyException extends IllegalStateException {

	private final String property;

	private final String action;

	public InvalidChatPropertyException(String property, String problem, String action) {
		this(property, problem, action, null);
	}

	public InvalidChatPropertyException(String property, String problem, String action, @Nullable Throwable cause) {
		super("Invalid chat configuration: " + property + ": " + problem, cause);
		this.property = property;
		this.action = action;
	}

	/**
	 * The full name of the property, such as {@code chat.providers.xingyun.base-url}.
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * What to do about it.
	 */
	public String getAction() {
		return this.action;
	}

}
