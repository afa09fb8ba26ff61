package io.github.chatstarter.memory;

/**
 * What a call does when the conversation store fails
 * ({@code chat.memory.on-store-failure}).
 */
public enum OnStoreFailure {

	/** The call fails with a {@link ChatMemoryException}. */
	FAIL,

	/**
	 * The call goes on without history, and its answer is not stored; the first such
	 * failure is logged as a warning, the next ones at DEBUG.
	 */
	CONTINUE

}
