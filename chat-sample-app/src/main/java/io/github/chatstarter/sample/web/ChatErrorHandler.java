package io.github.chatstarter.sample.web;

import io.github.chatstarter.error.ChatException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers failed API calls with a {@link ChatError} body. Request-body validation before
 * a chat call and provider failures of {@code POST /api/chat} arrive here; the stream
 * reports its own failures as {@code error} events.
 */
@RestControllerAdvice
class ChatErrorHandler {

	@ExceptionHandler({ ChatException.class, InvalidChatFormException.class, IllegalArgumentException.class })
	ResponseEntity<ChatError> handle(RuntimeException ex) {
		return ResponseEntity.status(ChatError.statusOf(ex)).body(ChatError.of(ex));
	}

}
