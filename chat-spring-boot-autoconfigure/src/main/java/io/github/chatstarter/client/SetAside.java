package io.github.chatstarter.client;

import java.time.Instant;
import java.util.Objects;

import io.github.chatstarter.error.ChatErrorKind;
import org.jspecify.annotations.Nullable;

/**
 * Something routing does not use until a given time: one API key of a provider, or the
 * whole provider, after it was rejected, ran out of quota or kept failing. Health shows
 * these so that what routing knows is visible.
 *
 * @param subject what is set aside: a masked API key, or the provider's name
 * @param until when it is used again
 * @param reason why, as the failure's message with any key masked
 * @param kind the kind of failure that set it aside, or {@code null} when it is not an
 * upstream answer of a known kind
 */
public record SetAside(String subject, Instant until, String reason, @Nullable ChatErrorKind kind) {

	public SetAside {
		Objects.requireNonNull(subject, "subject");
		Objects.requireNonNull(until, "until");
		Objects.requireNonNull(reason, "reason");
	}

}
