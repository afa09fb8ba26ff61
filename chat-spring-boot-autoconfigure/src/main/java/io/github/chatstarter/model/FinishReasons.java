package io.github.chatstarter.model;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Well-known {@code finish_reason} values.
 */
public final class FinishReasons {

	/** The model finished its answer. */
	public static final String STOP = "stop";

	/** The answer was cut at {@code max_tokens}. */
	public static final String LENGTH = "length";

	/** The model asked for tool calls. */
	public static final String TOOL_CALLS = "tool_calls";

	/** The model asked for a legacy function call (or ai-gs finished a web search). */
	public static final String FUNCTION_CALL = "function_call";

	/** The provider's content review cut the answer. */
	public static final String CONTENT_FILTER = "content_filter";

	/** Relays' name for a content-review cut (ERNIE, Zhipu behind one-api). */
	public static final String SENSITIVE = "sensitive";

	private static final Set<String> FILTERED = Set.of(CONTENT_FILTER, SENSITIVE);

	private FinishReasons() {
	}

	/**
	 * Whether the reason says a content review cut the answer short.
	 */
	public static boolean isContentFiltered(@Nullable String finishReason) {
		return finishReason != null && FILTERED.contains(finishReason);
	}

}
