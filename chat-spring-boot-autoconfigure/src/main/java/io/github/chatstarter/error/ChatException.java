package io.github.chatstarter.error;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.core.NestedRuntimeException;

/**
 * Root of every failure a chat call reports: what went wrong, at which provider, and what the provider
 * said. Subclasses tell the kind; {@link #isRetryable()} whether trying again may help.
 */
public class ChatException extends NestedRuntimeException {

	private final UpstreamError upstream;

	public ChatException(String message) {
		this(message, UpstreamError.of(null), null);
	}

	public ChatException(String message, @Nullable Throwable cause) {
		this(message, UpstreamError.of(null), cause);
	}

	public ChatException(String message, UpstreamError upstream, @Nullable Throwable cause) {
		super(message, cause);
		this.upstream = Objects.requireNonNull(upstream, "upstream");
	}

	/**
	 * Everything the provider said, in one value.
	 */
	public UpstreamError getUpstream() {
		return this.upstream;
	}

	/**
	 * Name of the configured provider that failed, or {@code null} when none was reached.
	 */
	public @Nullable String getProvider() {
		return this.upstream.provider();
	}

	/**
	 * HTTP status of the failed reply, or 0 when there was none.
	 */
	public int getStatusCode() {
		return this.upstream.statusCode();
	}

	/**
	 * Upstream error type, such as {@code invalid_request_error}, or {@code null}.
	 */
	public @Nullable String getErrorType() {
		return this.upstream.type();
	}

	/**
	 * Upstream error code, such as {@code insufficient_quota}, or {@code null}.
	 */
	public @Nullable String getErrorCode() {
		return this.upstream.code();
	}

	/**
	 * Upstream message (keys masked, cut to a sane length), or {@code null}.
	 */
	public @Nullable String getUpstreamMessage() {
		return this.upstream.message();
	}

	/**
	 * How long the provider asked to wait before the next try, or {@code null}.
	 */
	public @Nullable Duration getRetryAfter() {
		return this.upstream.retryAfter();
	}

	/**
	 * Whether the same request may succeed if tried again (at this provider, after a while).
	 */
	public boolean isRetryable() {
		return false;
	}

}
