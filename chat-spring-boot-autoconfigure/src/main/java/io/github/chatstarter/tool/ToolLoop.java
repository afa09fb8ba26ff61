package io.github.chatstarter.tool;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.chatstarter.model.ChatMessage;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.model.FunctionCall;
import io.github.chatstarter.model.ToolCall;
import io.github.chatstarter.model.ToolChoice;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One step of the loop, shared by {@code chat} and {@code stream}: from an answer that
 * asks for tools, run them and build the next request.
 */
final class ToolLoop {

	private final Map<String, ToolHandler> handlers;

	private final int maxRounds;

	private final boolean keepReasoningContent;

	private final @Nullable ToolErrorHandler errorHandler;

	ToolLoop(Map<String, ToolHandler> handlers, int maxRounds, boolean keepReasoningContent,
			@Nullable ToolErrorHandler errorHandler) {
		this.handlers = Map.copyOf(handlers);
		this.maxRounds = maxRounds;
		this.keepReasoningContent = keepReasoningContent;
		this.errorHandler = errorHandler;
	}

	static boolean asksForTools(ChatMessage answer) {
		return !answer.toolCalls().isEmpty() || answer.functionCall() != null;
	}

	/**
	 * The request that sends the tool results of the given answer back; {@code round} is
	 * the number of model calls made so far.
	 */
	Mono<ChatRequest> followUp(ChatRequest request, ChatMessage answer, int round) {
		return Mono.defer(() -> runTools(request, answer, round));
	}

	private Mono<ChatRequest> runTools(ChatRequest request, ChatMessage answer, int round) {
		if (round >= this.maxRounds) {
			return Mono.error(new ToolCallingException("The model still asked for tools " + requestedNames(answer)
					+ " after " + round + " rounds (maxRounds " + this.maxRounds + ")", null, null));
		}
		List<ToolCall> calls = withIds(answer.toolCalls(), round);
		FunctionCall functionCall = answer.functionCall();
		Flux<ChatMessage> results = Flux.fromIterable(calls)
			.flatMapSequential((call) -> run(call.id(), nameOf(call.function()), call.function())
				// withIds gave every call an id.
				.map((result) -> ChatMessage.tool(Objects.requireNonNull(call.id(), "id"), result)));
		if (functionCall != null) {
			String name = nameOf(functionCall);
			results = results
				.concatWith(run(null, name, functionCall).map((result) -> ChatMessage.function(name, result)));
		}
		ChatMessage assistant = answer.toFollowUp(this.keepReasoningContent).mutate().toolCalls(calls).build();
		return results.collectList().map((messages) -> next(request, assistant, messages));
	}

	/**
	 * The answer and the results appended; a tool choice that forces a tool is dropped,
	 * as otherwise the model could never give its final answer.
	 */
	private static ChatRequest next(ChatRequest request, ChatMessage assistant, List<ChatMessage> results) {
		ChatRequest.Builder next = request.mutate().message(assistant);
		results.forEach(next::message);
		ToolChoice toolChoice = request.toolChoice();
		if (toolChoice != null && (toolChoice.functionName() != null || "required".equals(toolChoice.mode()))) {
			next.toolChoice(null);
		}
		if (request.functionCall() != null && request.functionCall().functionName() != null) {
			next.functionCall(null);
		}
		return next.build();
	}

	private Mono<String> run(@Nullable String id, String name, @Nullable FunctionCall call) {
		ToolHandler handler = this.handlers.get(name);
		if (handler == null) {
			return Mono.error(
					new ToolCallingException("The model asked for tool '" + name + "', which has no handler (handlers: "
							+ String.join(", ", this.handlers.keySet()) + ")", name, null));
		}
		ToolInvocation invocation = new ToolInvocation(id, name, (call != null) ? call.arguments() : null);
		ToolErrorHandler errorHandler = this.errorHandler;
		Mono<String> result = Mono.defer(() -> {
			Mono<String> called = handler.call(invocation);
			return (called != null) ? called : Mono.<String>empty();
		});
		if (errorHandler != null) {
			result = result.onErrorResume((error) -> recover(errorHandler, invocation, error));
		}
		return result
			.switchIfEmpty(Mono.error(() -> new ToolCallingException("Tool '" + name + "' gave no result", name, null)))
			.onErrorMap((ex) -> !(ex instanceof ToolCallingException),
					(ex) -> new ToolCallingException("Tool '" + name + "' failed: " + ex, name, ex));
	}

	/**
	 * The error handler's text for the failure, or its own failure with the handler's
	 * error kept.
	 */
	private static Mono<String> recover(ToolErrorHandler errorHandler, ToolInvocation invocation, Throwable error) {
		return Mono.fromCallable(() -> errorHandler.toResult(invocation, error))
			.switchIfEmpty(Mono.error(() -> new ToolCallingException(
					"The tool error handler gave no result for " + "the failure of tool '" + invocation.name() + "'",
					invocation.name(), error)))
			.doOnError((thrown) -> {
				if (thrown != error && thrown.getCause() != error) {
					thrown.addSuppressed(error);
				}
			});
	}

	private static String nameOf(@Nullable FunctionCall call) {
		String name = (call != null) ? call.name() : null;
		if (name == null || name.isEmpty()) {
			throw new ToolCallingException("The model asked for a tool call without a name: " + call, null, null);
		}
		return name;
	}

	/**
	 * Calls as they go back to the model, each with an id: a few relays leave it out, yet
	 * the tool result must name it.
	 */
	private static List<ToolCall> withIds(List<ToolCall> calls, int round) {
		List<ToolCall> result = new ArrayList<>(calls.size());
		for (int i = 0; i < calls.size(); i++) {
			ToolCall call = calls.get(i).withoutIndex();
			if (call.id() == null || call.id().isEmpty()) {
				FunctionCall function = call.function();
				ToolCall withId = ToolCall.function("call_" + round + "_" + i, nameOf(function),
						(function != null && function.arguments() != null) ? function.arguments() : "");
				call = call.extra().isEmpty() ? withId : withId.withExtra(call.extra());
			}
			result.add(call);
		}
		return result;
	}

	private static List<String> requestedNames(ChatMessage answer) {
		List<String> names = new ArrayList<>();
		answer.toolCalls().forEach((call) -> names.add((call.function() != null) ? call.function().name() : null));
		if (answer.functionCall() != null) {
			names.add(answer.functionCall().name());
		}
		return names;
	}

}
