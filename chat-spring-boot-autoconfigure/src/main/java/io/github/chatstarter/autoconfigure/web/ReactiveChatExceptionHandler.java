package io.github.chatstarter.autoconfigure.web;

import io.github.chatstarter.error.ChatException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import reactor.core.publisher.Mono;

/**
 * The {@link ChatExceptionHandler} of WebFlux applications. Ordered last, so that the
 * application's own handlers win.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ReactiveChatExceptionHandler extends ChatExceptionHandler {

	/**
	 * Answers the failure with a ProblemDetail, or leaves a committed response alone.
	 * @param ex the failure
	 * @param response the response so far
	 * @return the answer, empty when the response was already committed
	 */
	@ExceptionHandler(ChatException.class)
	public Mono<ResponseEntity<ProblemDetail>> handleChatException(ChatException ex, ServerHttpResponse response) {
		if (response.isCommitted()) {
			committed(ex);
			return Mono.empty();
		}
		return Mono.just(answer(ex));
	}

}
