package io.github.chatstarter.state;

import java.time.Instant;
import java.util.Objects;

/**
 * Something set aside (an API key, a provider) until a time, and why.
 *
 * @param until when it is usable again
 * @param reason why, such as {@code AUTHENTICATION}; never a key or a message with one
 */
public record Mark(Instant until, String reason) {

	/**
	 * Checks the mark.
	 * @param until when it is usable again
	 * @param reason why
	 */
	public Mark {
		Objects.requireNonNull(until, "until");
		Objects.requireNonNull(reason, "reason");
	}

}
