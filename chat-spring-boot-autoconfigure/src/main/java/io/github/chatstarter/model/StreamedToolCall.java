package io.github.chatstarter.model;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One tool call of a streamed choice, merged from its fragments. Not thread-safe.
 */
final class StreamedToolCall {

	private @Nullable String id;

	private @Nullable String type;

	private final StreamedFunctionCall function = new StreamedFunctionCall();

	private final Map<String, Object> extra = new LinkedHashMap<>();

	StreamedToolCall(@Nullable String id) {
		this.id = id;
	}

	void add(ToolCall fragment) {
		if (this.id == null && hasText(fragment.id())) {
			this.id = fragment.id();
		}
		if (this.type == null && hasText(fragment.type())) {
			this.type = fragment.type();
		}
		this.function.add(fragment.function());
		this.extra.putAll(fragment.extra());
	}

	/**
	 * Whether an id or type is really there: continuations of some relays carry
	 * {@code ""}.
	 */
	static boolean hasText(@Nullable String value) {
		return value != null && !value.isEmpty();
	}

	@Nullable String id() {
		return this.id;
	}

	ToolCall toToolCall() {
		ToolCall call = ToolCall.fragment(null, this.id, (this.type != null) ? this.type : "function",
				this.function.toFunctionCall());
		return this.extra.isEmpty() ? call : call.withExtra(this.extra);
	}

}
