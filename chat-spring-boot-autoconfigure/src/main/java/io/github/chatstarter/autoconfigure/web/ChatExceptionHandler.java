package io.github.chatstarter.autoconfigure.web;

import io.github.chatstarter.error.ChatErrorResponse;
import io.github.chatstarter.error.ChatException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;

/**
 * Turns a {@link ChatException} that escapes a controller into the ProblemDetail of
 * {@link ChatErrorResponse}, instead of a bare 500: the common part of
 * {@link ReactiveChatExceptionHandler} (WebFlux) and {@link ServletChatExceptionHandler}
 * (MVC), which each know how to tell a response already committed (a stream that failed
 * midway), which is left alone. Declare a bean of this type to replace them.
 */
public abstract class ChatExceptionHandler {

	private static final Log logger = LogFactory.getLog(ChatExceptionHandler.class);

	/**
	 * The answer to a chat failure on a response that is not yet committed.
	 * @param ex the failure
	 * @return the ProblemDetail answer
	 */
	protected ResponseEntity<ProblemDetail> answer(ChatException ex) {
		ErrorResponse response = ex; // a ChatException is its own ErrorResponse
		if (response.getStatusCode().is5xxServerError()) {
			logger.warn("Chat call failed, answering " + response.getStatusCode().value() + ": " + ex.getMessage());
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Chat call refused, answering " + response.getStatusCode().value() + ": " + ex.getMessage());
		}
		return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders()).body(response.getBody());
	}

	/**
	 * Notes a chat failure after the response was committed: the status and the first
	 * part of the body are gone, so nothing more can be answered, and trying would only
	 * log a second failure. The connection ends; use {@code ChatServerSentEvents} to end
	 * a stream with an error event instead.
	 * @param ex the failure
	 */
	protected void committed(ChatException ex) {
		logger.warn("Chat call failed after the response was committed; the response ends here: " + ex.getMessage());
	}

}
