package io.github.chatstarter.error;

import io.github.chatstarter.error.internal.SecretRedactor;
import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;

/**
 * What a web application answers its own caller when a {@link ChatException} escapes a
 * controller: a ProblemDetail whose status says whose problem it is. The caller's request
 * was refused: 400 (bad request, content filter). The provider throttles: 429 with
 * {@code Retry-After}. The provider's output was unreadable or the provider refused the
 * application itself (key, permission, model): 502. The provider is unreachable, failing
 * or out of quota, or every provider failed: 503. It took too long: 504. Never the
 * upstream's 401 or 403, which would tell the caller that they are not authenticated. The
 * detail names no key and no upstream internals.
 * <p>
 * {@link ChatException} answers its {@link ErrorResponse} methods from this.
 */
public final class ChatErrorResponse implements ErrorResponse {

	private final HttpStatusCode status;

	private final HttpHeaders headers;

	private final ProblemDetail body;

	private ChatErrorResponse(HttpStatus status, String detail, @Nullable Duration retryAfter) {
		this.status = status;
		this.headers = new HttpHeaders();
		if (retryAfter != null) {
			long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
			this.headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
		}
		this.body = ProblemDetail.forStatusAndDetail(status, detail);
	}

	/**
	 * The response for a chat failure.
	 */
	public static ChatErrorResponse of(ChatException ex) {
		Objects.requireNonNull(ex, "ex");
		if (ex instanceof ChatContentFilterException) {
			return new ChatErrorResponse(HttpStatus.BAD_REQUEST,
					"The chat provider's content review refused the request.", null);
		}
		if (ex instanceof ChatBadRequestException) {
			String reason = (ex.getUpstreamMessage() != null) ? ex.getUpstreamMessage() : ex.getMessage();
			return new ChatErrorResponse(HttpStatus.BAD_REQUEST,
					"The chat provider refused the request: " + SecretRedactor.redact(String.valueOf(reason)), null);
		}
		if (ex instanceof ChatRateLimitException) {
			return new ChatErrorResponse(HttpStatus.TOO_MANY_REQUESTS,
					"The chat provider is rate limiting requests; try again later.", ex.getRetryAfter());
		}
		if (ex instanceof ChatAuthenticationException || ex instanceof ChatPermissionDeniedException) {
			return new ChatErrorResponse(HttpStatus.BAD_GATEWAY,
					"The chat provider refused this service's credentials.", null);
		}
		if (ex instanceof ChatModelNotFoundException) {
			return new ChatErrorResponse(HttpStatus.BAD_GATEWAY,
					"The chat provider does not serve the requested model.", null);
		}
		if (ex instanceof ChatProtocolException) {
			return new ChatErrorResponse(HttpStatus.BAD_GATEWAY,
					"The chat provider sent a reply that could not be read.", null);
		}
		if (ex instanceof ChatTimeoutException) {
			return new ChatErrorResponse(HttpStatus.GATEWAY_TIMEOUT, "The chat provider did not answer in time.", null);
		}
		if (ex instanceof ChatAllProvidersFailedException) {
			return new ChatErrorResponse(HttpStatus.SERVICE_UNAVAILABLE,
					"No chat provider could answer; try again later.", null);
		}
		if (ex instanceof ChatQuotaExceededException) {
			return new ChatErrorResponse(HttpStatus.SERVICE_UNAVAILABLE,
					"The chat service is unavailable: its provider quota is used up.", null);
		}
		// Server and connection failures, and any other: no provider could answer.
		return new ChatErrorResponse(HttpStatus.SERVICE_UNAVAILABLE,
				"The chat provider is unavailable; try again later.", ex.getRetryAfter());
	}

	@Override
	public HttpStatusCode getStatusCode() {
		return this.status;
	}

	@Override
	public HttpHeaders getHeaders() {
		return this.headers;
	}

	@Override
	public ProblemDetail getBody() {
		return this.body;
	}

}
