package io.github.chatstarter.tool;

import reactor.core.publisher.Mono;

/**
 * Runs one tool and gives the result the model reads, usually JSON or plain text.
 */
@FunctionalInterface
public interface ToolHandler {

	/**
	 * Runs the tool. An error or an empty result fails the whole call with a
	 * {@link ToolCallingException} naming the tool; with a {@link ToolErrorHandler}
	 * registered, an error becomes the text it makes of it instead.
	 */
	Mono<String> call(ToolInvocation invocation);

}
