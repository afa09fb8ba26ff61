package io.github.chatstarter.sample.web;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.chatstarter.error.ChatAuthenticationException;
import io.github.chatstarter.error.ChatBadRequestException;
import io.github.chatstarter.error.ChatConnectionException;
import io.github.chatstarter.error.ChatContentFilterException;
import io.github.chatstarter.error.ChatException;
import io.github.chatstarter.error.ChatModelNotFoundException;
import io.github.chatstarter.error.ChatPermissionDeniedException;
import io.github.chatstarter.error.ChatProtocolException;
import io.github.chatstarter.error.ChatQuotaExceededException;
import io.github.chatstarter.error.ChatRateLimitException;
import io.github.chatstarter.error.ChatServerException;
import io.github.chatstarter.error.ChatTimeoutException;
import io.github.chatstarter.error.InvalidChatRequestException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * A failure as the page shows it: a headline a user understands, the exception's own
 * message, and the facts behind it. The same shape is the body of a failed
 * {@code POST /api/chat} and the data of the stream's {@code error} event.
 *
 * @param title what went wrong, in plain words
 * @param message the exception's message (keys are masked by the starter)
 * @param type simple name of the exception class, e.g. {@code ChatQuotaExceededException}
 * @param provider the provider that failed, or {@code null}
 * @param upstreamStatus the provider's HTTP status, or {@code null}
 * @param code the provider's error code, e.g. {@code insufficient_quota}, or {@code null}
 */
public record ChatError(String title, String message, String type, @Nullable String provider,
		@Nullable Integer upstreamStatus, @Nullable String code) {

	// Most specific first: ChatContentFilterException is a ChatBadRequestException.
	private static final Map<Class<? extends Throwable>, String> TITLES = titles();

	private static Map<Class<? extends Throwable>, String> titles() {
		Map<Class<? extends Throwable>, String> titles = new LinkedHashMap<>();
		titles.put(InvalidChatFormException.class, "The question could not be sent");
		titles.put(ChatQuotaExceededException.class, "The provider's quota is used up");
		titles.put(ChatAuthenticationException.class, "The provider rejected the API key");
		titles.put(ChatModelNotFoundException.class, "The provider does not offer this model");
		titles.put(InvalidChatRequestException.class, "The question could not be sent");
		titles.put(ChatContentFilterException.class, "The provider's content review refused this conversation");
		titles.put(ChatBadRequestException.class, "The provider rejected the request");
		titles.put(ChatPermissionDeniedException.class, "The provider denied access");
		titles.put(ChatRateLimitException.class, "Too many requests: try again in a moment");
		titles.put(ChatTimeoutException.class, "The provider did not answer in time");
		titles.put(ChatServerException.class, "The provider is down");
		titles.put(ChatConnectionException.class, "The provider cannot be reached");
		titles.put(ChatProtocolException.class, "The provider's answer broke off");
		titles.put(ChatException.class, "The chat call failed");
		titles.put(IllegalArgumentException.class, "The request is invalid");
		return titles;
	}

	static ChatError of(Throwable ex) {
		String title = TITLES.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().isInstance(ex))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse("Unexpected error");
		String message = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getName();
		if (ex instanceof ChatException chat) {
			Integer status = (chat.getUpstreamStatusCode() != 0) ? chat.getUpstreamStatusCode() : null;
			return new ChatError(title, message, ex.getClass().getSimpleName(), chat.getProvider(), status,
					chat.getErrorCode());
		}
		return new ChatError(title, message, ex.getClass().getSimpleName(), null, null, null);
	}

	/**
	 * The status the sample answers with: 400 for a request refused before it reached a
	 * provider, the status the chat failure itself proposes as a Spring
	 * {@code ErrorResponse} (429, 502, 503, 504; never the provider's own 401), 500 for
	 * anything else.
	 */
	static HttpStatusCode statusOf(Throwable ex) {
		if (ex instanceof InvalidChatFormException || ex instanceof IllegalArgumentException) {
			return HttpStatus.BAD_REQUEST;
		}
		return (ex instanceof ChatException chat) ? chat.getStatusCode() : HttpStatus.INTERNAL_SERVER_ERROR;
	}

}
