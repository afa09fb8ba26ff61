package io.github.chatstarter.autoconfigure.web;

import io.github.chatstarter.error.ChatException;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The {@link ChatExceptionHandler} of Spring MVC applications, for controllers that block
 * on a call or return its {@code Mono}/{@code Flux}. Ordered last, so that the
 * application's own handlers win.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ServletChatExceptionHandler extends ChatExceptionHandler {

	/**
	 * Answers the failure with a ProblemDetail, or leaves a committed response alone.
	 * @param ex the failure
	 * @param response the response so far
	 * @return the answer, {@code null} (nothing more written) when the response was
	 * already committed
	 */
	@ExceptionHandler(ChatException.class)
	public @Nullable ResponseEntity<ProblemDetail> handleChatException(ChatException ex, HttpServletResponse response) {
		if (response.isCommitted()) {
			committed(ex);
			return null;
		}
		return answer(ex);
	}

}
