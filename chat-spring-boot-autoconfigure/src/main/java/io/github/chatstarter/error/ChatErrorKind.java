package io.github.chatstarter.error;

import org.jspecify.annotations.Nullable;

/**
 * The kinds of upstream failure, each with its exception type: what a provider's own
 * {@code error-mapping} may map a status or error code to when its documentation
 * disagrees with the defaults.
 */
public enum ChatErrorKind {

	/** The request is wrong and would fail anywhere: {@link ChatBadRequestException}. */
	BAD_REQUEST,

	/**
	 * The prompt and the requested output do not fit the model's context window:
	 * {@link ChatContextLengthException}.
	 */
	CONTEXT_LENGTH,

	/** The provider's review refused the content: {@link ChatContentFilterException}. */
	CONTENT_FILTER,

	/** The API key was rejected: {@link ChatAuthenticationException}. */
	AUTHENTICATION,

	/** The key may not do this: {@link ChatPermissionDeniedException}. */
	PERMISSION_DENIED,

	/** The key's quota or balance is exhausted: {@link ChatQuotaExceededException}. */
	QUOTA_EXCEEDED,

	/** No model or channel serves the request: {@link ChatModelNotFoundException}. */
	MODEL_NOT_FOUND,

	/**
	 * The provider throttles the key, try again later: {@link ChatRateLimitException}.
	 */
	RATE_LIMIT,

	/** The provider failed on its side, try again: {@link ChatServerException}. */
	SERVER_ERROR,

	/** The provider timed out on its side: {@link ChatTimeoutException}. */
	TIMEOUT;

	/**
	 * The kind of a failure, or {@code null} for failures that are not an upstream answer
	 * of one of these kinds (a connection error, a broken stream).
	 * @param failure the failure
	 * @return its kind
	 */
	public static @Nullable ChatErrorKind of(ChatException failure) {
		ChatErrorKind best = null;
		for (ChatErrorKind kind : values()) {
			if (kind.type().isInstance(failure) && (best == null || best.type().isAssignableFrom(kind.type()))) {
				best = kind; // the most specific type wins: a content filter is also a
								// bad request
			}
		}
		return best;
	}

	/** The exception type of this kind; subclasses of it are of this kind too. */
	private Class<? extends ChatException> type() {
		return switch (this) {
			case BAD_REQUEST -> ChatBadRequestException.class;
			case CONTEXT_LENGTH -> ChatContextLengthException.class;
			case CONTENT_FILTER -> ChatContentFilterException.class;
			case AUTHENTICATION -> ChatAuthenticationException.class;
			case PERMISSION_DENIED -> ChatPermissionDeniedException.class;
			case QUOTA_EXCEEDED -> ChatQuotaExceededException.class;
			case MODEL_NOT_FOUND -> ChatModelNotFoundException.class;
			case RATE_LIMIT -> ChatRateLimitException.class;
			case SERVER_ERROR -> ChatServerException.class;
			case TIMEOUT -> ChatTimeoutException.class;
		};
	}

	/**
	 * An exception of this kind.
	 * @param message the message
	 * @param upstream what the provider answered
	 * @param cause the cause, if any
	 * @return the exception of this kind's type
	 */
	public ChatException create(String message, UpstreamError upstream, @Nullable Throwable cause) {
		return switch (this) {
			case BAD_REQUEST -> new ChatBadRequestException(message, upstream, cause);
			case CONTEXT_LENGTH -> new ChatContextLengthException(message, upstream, cause);
			case CONTENT_FILTER -> new ChatContentFilterException(message, upstream, cause);
			case AUTHENTICATION -> new ChatAuthenticationException(message, upstream, cause);
			case PERMISSION_DENIED -> new ChatPermissionDeniedException(message, upstream, cause);
			case QUOTA_EXCEEDED -> new ChatQuotaExceededException(message, upstream, cause);
			case MODEL_NOT_FOUND -> new ChatModelNotFoundException(message, upstream, cause);
			case RATE_LIMIT -> new ChatRateLimitException(message, upstream, cause);
			case SERVER_ERROR -> new ChatServerException(message, upstream, cause);
			case TIMEOUT -> new ChatTimeoutException(message, upstream, cause);
		};
	}

}
