package io.github.chatstarter.autoconfigure.web;

import io.github.chatstarter.error.ChatErrorResponse;
import io.github.chatstarter.error.ChatException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns a {@link ChatException} that escapes a controller (WebFlux or MVC) into the
 * ProblemDetail of {@link ChatErrorResponse}, instead of a bare 500. Ordered last, so
 * that the application's own handlers win.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ChatExceptionHandler {

	private static final Log logger = LogFactory.getLog(ChatExceptionHandler.class);

	@ExceptionHandler(ChatException.class)
	public ResponseEntity<ProblemDetail> handleChatException(ChatException ex) {
		ErrorResponse response = ex; // a ChatException is its own ErrorResponse (and may
										// refine it)
		if (response.getStatusCode().is5xxServerError()) {
			logger.warn("Chat call failed, answering " + response.getStatusCode().value() + ": " + ex.getMessage());
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Chat call refused, answering " + response.getStatusCode().value() + ": " + ex.getMessage());
		}
		return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders()).body(response.getBody());
	}

}
