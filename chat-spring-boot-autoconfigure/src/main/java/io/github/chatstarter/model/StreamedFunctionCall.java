package io.github.chatstarter.model;

import org.jspecify.annotations.Nullable;

/**
 * The function part of a streamed tool call or legacy {@code function_call}, merged
 * fragment by fragment. Not thread-safe.
 */
final class StreamedFunctionCall {

	private @Nullable String name;

	private @Nullable StringBuilder arguments;

	void add(@Nullable FunctionCall fragment) {
		if (fragment == null) {
			return;
		}
		addName(fragment.name());
		if (fragment.arguments() != null) {
			if (this.arguments == null) {
				this.arguments = new StringBuilder();
			}
			this.arguments.append(fragment.arguments());
		}
	}

	/**
	 * Most providers send the name once; some repeat it on every fragment (which must not
	 * become {@code foofoo}) or send it growing; anything else continues a split name.
	 */
	private void addName(@Nullable String fragment) {
		if (fragment == null || fragment.isEmpty()) {
			return;
		}
		if (this.name == null || fragment.startsWith(this.name)) {
			this.name = fragment;
		}
		else {
			this.name = this.name + fragment;
		}
	}

	@Nullable String name() {
		return this.name;
	}

	FunctionCall toFunctionCall() {
		return FunctionCall.fragment(this.name, (this.arguments != null) ? this.arguments.toString() : "");
	}

}
