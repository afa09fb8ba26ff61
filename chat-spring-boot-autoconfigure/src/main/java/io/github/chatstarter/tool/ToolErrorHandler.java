package io.github.chatstarter.tool;

/**
 * Turns the failure of a tool's handler into the result the model reads for that call, so
 * that the model can recover: call the tool again with other arguments, use another tool,
 * or answer without it. Register one with
 * {@link ToolCalling.Builder#toolErrorHandler(ToolErrorHandler)}; without one, a failing
 * handler ends the exchange and nothing of the failure reaches the model.
 */
@FunctionalInterface
public interface ToolErrorHandler {

	/**
	 * The text sent back to the model as the result of the failed call. Only this text
	 * reaches the model, so leave out what it must not see (hosts, keys, stack traces).
	 * It runs on the thread that signalled the failure, so it must not block. To end the
	 * exchange after all, throw: the exception ends it as a handler failure does, and
	 * keeps the handler's error as its cause or as suppressed.
	 * @param invocation the call whose handler failed
	 * @param error what the handler threw or signalled, for example the
	 * {@link ToolCallingException} of {@link ToolInvocation#argumentsAsMap()} when the
	 * model wrote arguments that are not a JSON object
	 */
	String toResult(ToolInvocation invocation, Throwable error);

}
