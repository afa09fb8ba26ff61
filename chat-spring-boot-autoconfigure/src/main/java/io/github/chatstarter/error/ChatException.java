package io.github.chatstarter.error;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.core.NestedRuntimeException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;

/**
 * Root of every failure a chat call reports: what went wrong, at which provider, and what
 * the provider said. Subclasses tell the kind; {@link #isRetryable()} whether trying
 * again may help. As a Spring {@link ErrorResponse} it tells a web application what to
 * answer its own caller.
 */
public class ChatException extends NestedRuntimeException implements ErrorResponse {

	private final UpstreamError upstream;

	/** What a web application answers for this failure; made when first asked for. */
	private transient volatile @Nullable ChatErrorResponse errorResponse;

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
	 * HTTP status of the provider's failed reply, or 0 when there was none. Not what a
	 * web application answers its own caller: see {@link #getStatusCode()}.
	 */
	public int getUpstreamStatusCode() {
		return this.upstream.statusCode();
	}

	/**
	 * The status a web application answers its caller with when this escapes a controller
	 * (400, 429, 502, 503 or 504); never the provider's own 401 or 403, which would tell
	 * the caller that they are not authenticated.
	 */
	@Override
	public HttpStatusCode getStatusCode() {
		return errorResponse().getStatusCode();
	}

	@Override
	public HttpHeaders getHeaders() {
		return errorResponse().getHeaders();
	}

	/**
	 * A ProblemDetail that names no key and no upstream internals.
	 */
	@Override
	public ProblemDetail getBody() {
		return errorResponse().getBody();
	}

	private ChatErrorResponse errorResponse() {
		ChatErrorResponse response = this.errorResponse;
		if (response == null) {
			response = ChatErrorResponse.of(this);
			this.errorResponse = response;
		}
		return response;
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
	 * Whether the same request may succeed if tried again (at this provider, after a
	 * while).
	 */
	public boolean isRetryable() {
		return false;
	}

}
