package io.github.chatstarter.sample.web;

/**
 * The page (or another client) sent a chat form the sample cannot turn into a request.
 */
class InvalidChatFormException extends RuntimeException {

	InvalidChatFormException(String message) {
		super(message);
	}

	InvalidChatFormException(String message, Throwable cause) {
		super(message, cause);
	}

}
