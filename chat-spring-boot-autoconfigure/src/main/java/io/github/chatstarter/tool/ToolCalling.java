package io.github.chatstarter.tool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import io.github.chatstarter.model.ChatChunk;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.model.ChatResponse;
import io.github.chatstarter.model.FunctionDefinition;
import io.github.chatstarter.model.Tool;
import io.github.chatstarter.model.Usage;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The tool loop: runs the tools the model asks for. It sends the request with the
 * registered tools, runs the handlers of the calls in the answer, sends their results
 * back as {@code tool} messages (or {@code function} messages for a legacy
 * {@code function_call}) and repeats until the model answers without asking for tools.
 * Use it through a template or a prompt: <pre class="code">
 * ChatTemplate assistant = ToolCallingChatTemplate.builder(chatTemplate)
 *     .tool(Tool.function("get_weather", "Current weather of a city", parameters),
 *             (call) -&gt; weather.lookup((String) call.argumentsAsMap().get("city")))
 *     .build();
 * String answer = assistant.chat("What's the weather in Beijing?").block();
 * Weather weather = chatTemplate.prompt().user("杭州今天天气怎么样？").tools(weatherService)
 *     .call().entity(Weather.class).block();
 * </pre>
 * <ul>
 * <li>Calls of one answer run concurrently; their results go back in the order the model
 * asked.</li>
 * <li>A tool the model names that has no handler, a handler that fails or gives no
 * result, and a model that still asks for tools after {@code maxRounds} calls end the
 * exchange with a {@link ToolCallingException} naming the tool. With a
 * {@link ToolErrorHandler} (see {@link Builder#toolErrorHandler(ToolErrorHandler)}) a
 * failing handler's call gets the text that handler makes of the failure as its result
 * instead, so that the model can recover; without one no text of the failure ever reaches
 * the model.</li>
 * <li>A {@code tool_choice} (or legacy {@code function_call}) that forces a tool applies
 * to the first call only, as otherwise the model could never answer.</li>
 * <li>The usage of the reply is that of all rounds added up (see
 * {@link Usage#plus(Usage)}), as the tokens of every call are billed; a round whose reply
 * reported no usage counts as nothing, and when none did the usage is {@code null}. A
 * reply that needed no tools is passed on as it came.</li>
 * <li>{@link #stream(ChatRequest, Function)} streams every round: text the model writes
 * is passed on as it comes, the chunks in which it asks for tools are consumed by the
 * loop, and the final round's chunks end the stream (with its finish reason and usage). A
 * usage passed on in a later round counts the earlier rounds too, and when the final
 * round reported none but earlier ones did, a usage-only chunk with theirs ends the
 * stream. Aggregating the stream (for example with
 * {@link io.github.chatstarter.ChatResponses#aggregate}) therefore gives the text of all
 * rounds, the final round's finish reason and the usage of all rounds, as
 * {@link #chat(ChatRequest, Function)} does.</li>
 * <li>The loop follows one answer, so requests with {@code n > 1} are rejected.</li>
 * </ul>
 * Instances are immutable and thread-safe.
 */
public final class ToolCalling {

	private final List<Tool> tools;

	private final boolean legacyFunctions;

	private final ToolLoop loop;

	private ToolCalling(Builder<?> builder) {
		this.tools = List.copyOf(builder.tools);
		this.legacyFunctions = builder.legacyFunctions;
		this.loop = new ToolLoop(builder.handlers, builder.maxRounds, builder.keepReasoningContent,
				builder.errorHandler);
	}

	/**
	 * A builder of a tool loop.
	 * @return a new builder
	 */
	public static Builder<ToolCalling> builder() {
		return new Builder<>(Function.identity());
	}

	/**
	 * A builder of something made of a tool loop, such as a tool-calling template.
	 * @param <R> what the builder gives
	 * @param finisher makes the result of the tool loop
	 * @return a new builder
	 */
	public static <R> Builder<R> builder(Function<ToolCalling, R> finisher) {
		return new Builder<>(finisher);
	}

	/**
	 * Sends the request with the tools and runs the loop until the model answers without
	 * asking for tools.
	 * @param request the request
	 * @param send sends one round, usually a template's {@code chat}
	 * @return the final reply, with the usage of all rounds
	 */
	public Mono<ChatResponse> chat(ChatRequest request, Function<ChatRequest, Mono<ChatResponse>> send) {
		Objects.requireNonNull(send, "send");
		ChatRequest first = prepare(request);
		return Mono.defer(() -> chatRound(send, first, 1, null));
	}

	/**
	 * @param earlier the usage of the earlier rounds, {@code null} when none reported any
	 */
	private Mono<ChatResponse> chatRound(Function<ChatRequest, Mono<ChatResponse>> send, ChatRequest request, int round,
			@Nullable Usage earlier) {
		return send.apply(request).flatMap((response) -> {
			Usage total = Usage.total(earlier, response.usage());
			if (ToolLoop.asksForTools(response.message())) {
				return this.loop.followUp(request, response.message(), round)
					.flatMap((next) -> chatRound(send, next, round + 1, total));
			}
			return Mono.just((earlier != null) ? response.mutate().usage(total).build() : response);
		});
	}

	/**
	 * Streams the request with the tools, every round, until the model answers without
	 * asking for tools.
	 * @param request the request
	 * @param send streams one round, usually a template's {@code stream}
	 * @return the chunks of every round; the final round's end the stream
	 */
	public Flux<ChatChunk> stream(ChatRequest request, Function<ChatRequest, Flux<ChatChunk>> send) {
		Objects.requireNonNull(send, "send");
		ChatRequest first = prepare(request);
		return streamRound(send, first, 1, null);
	}

	/**
	 * @param earlier the usage of the earlier rounds, {@code null} when none reported any
	 */
	private Flux<ChatChunk> streamRound(Function<ChatRequest, Flux<ChatChunk>> send, ChatRequest request, int round,
			@Nullable Usage earlier) {
		return Flux.defer(() -> {
			RoundChunks chunks = new RoundChunks(earlier);
			return send.apply(request)
				.concatMapIterable(chunks::add)
				.concatWith(Flux.defer(() -> afterRound(send, request, chunks, round, earlier)));
		});
	}

	private Flux<ChatChunk> afterRound(Function<ChatRequest, Flux<ChatChunk>> send, ChatRequest request,
			RoundChunks chunks, int round, @Nullable Usage earlier) {
		ChatResponse response = chunks.isEmpty() ? null : chunks.toResponse();
		if (response == null || !ToolLoop.asksForTools(response.message())) {
			return Flux.fromIterable(chunks.rest());
		}
		return this.loop.followUp(request, response.message(), round)
			.flatMapMany((next) -> streamRound(send, next, round + 1, Usage.total(earlier, response.usage())));
	}

	/**
	 * The request with the registered tools added (those it declares itself are kept).
	 */
	private ChatRequest prepare(ChatRequest request) {
		Objects.requireNonNull(request, "request");
		if (request.n() != null && request.n() > 1) {
			throw new IllegalArgumentException(
					"The tool loop follows one answer, but the request asks for n = " + request.n() + " choices");
		}
		ChatRequest.Builder prepared = request.mutate();
		if (this.legacyFunctions) {
			List<FunctionDefinition> functions = new ArrayList<>(request.functions());
			this.tools.stream()
				.map(Tool::function)
				.filter((function) -> function != null && request.functions()
					.stream()
					.noneMatch((declared) -> declared.name().equals(function.name())))
				.forEach(functions::add);
			prepared.functions(functions);
		}
		else {
			List<Tool> all = new ArrayList<>(request.tools());
			this.tools.stream()
				.filter((tool) -> request.tools()
					.stream()
					.noneMatch((declared) -> nameOf(declared).equals(nameOf(tool))))
				.forEach(all::add);
			prepared.tools(all);
		}
		return prepared.build();
	}

	private static String nameOf(Tool tool) {
		return (tool.function() != null) ? tool.function().name() : "";
	}

	/**
	 * Builds a {@link ToolCalling}, or what is made of one (such as a
	 * {@code ToolCallingChatTemplate}); at least one handler is required.
	 *
	 * @param <R> what {@link #build()} gives
	 */
	public static final class Builder<R> {

		private static final int DEFAULT_MAX_ROUNDS = 10;

		private final Function<ToolCalling, R> finisher;

		private final List<Tool> tools = new ArrayList<>();

		private final Map<String, ToolHandler> handlers = new LinkedHashMap<>();

		private int maxRounds = DEFAULT_MAX_ROUNDS;

		private boolean keepReasoningContent = true;

		private boolean legacyFunctions;

		private @Nullable ToolErrorHandler errorHandler;

		private Builder(Function<ToolCalling, R> finisher) {
			this.finisher = Objects.requireNonNull(finisher, "finisher");
		}

		/**
		 * Offers the tool to the model and runs it with the given function, which may
		 * block: it runs on Reactor's bounded-elastic scheduler, never on a network
		 * thread.
		 */
		public Builder<R> tool(Tool tool, Function<ToolInvocation, @Nullable String> handler) {
			return reactiveTool(tool, blocking(handler));
		}

		/**
		 * Offers the tool to the model and runs it with the given non-blocking handler.
		 */
		public Builder<R> reactiveTool(Tool tool, ToolHandler handler) {
			Objects.requireNonNull(tool, "tool");
			if (tool.function() == null) {
				throw new IllegalArgumentException("Only function tools can be run, not " + tool);
			}
			register(tool.function().name(), handler);
			this.tools.removeIf((existing) -> nameOf(existing).equals(nameOf(tool)));
			this.tools.add(tool);
			return this;
		}

		/**
		 * Offers the {@link ChatTool} methods of the objects (any objects or Spring
		 * beans) as tools; see {@link ChatTool} for how they are described and called.
		 * @throws IllegalArgumentException naming the method, for an invalid definition:
		 * a name outside {@code ^[a-zA-Z0-9_-]{1,64}$}, a name already taken, an
		 * overloaded method, a parameter type that cannot be described, or an object
		 * without {@code @ChatTool} method
		 */
		public Builder<R> tools(Object... targets) {
			for (Object target : targets) {
				for (MethodTool methodTool : MethodTool.of(Objects.requireNonNull(target, "target"))) {
					if (this.handlers.containsKey(methodTool.name())) {
						throw new IllegalArgumentException("Tool name '" + methodTool.name() + "' of "
								+ methodTool.method() + " is already taken by another tool");
					}
					reactiveTool(methodTool.tool(), methodTool::call);
				}
			}
			return this;
		}

		/**
		 * Runs the named tool, which the requests declare themselves, with the given
		 * function; it may block, as for {@link #tool(Tool, Function)}.
		 */
		public Builder<R> handler(String toolName, Function<ToolInvocation, @Nullable String> handler) {
			return reactiveHandler(toolName, blocking(handler));
		}

		/**
		 * Runs the named tool, which the requests declare themselves, with the given
		 * non-blocking handler.
		 */
		public Builder<R> reactiveHandler(String toolName, ToolHandler handler) {
			register(toolName, handler);
			return this;
		}

		/**
		 * The most calls to the model in one exchange (default 10); when the answer of
		 * the last one still asks for tools, the exchange fails with a
		 * {@link ToolCallingException}.
		 */
		public Builder<R> maxRounds(int maxRounds) {
			if (maxRounds < 1) {
				throw new IllegalArgumentException("maxRounds must be at least 1, but was " + maxRounds);
			}
			this.maxRounds = maxRounds;
			return this;
		}

		/**
		 * Whether the answers sent back keep their {@code reasoning_content} (default
		 * {@code true}): DeepSeek's thinking mode requires it within a tool loop, and
		 * only a provider that produced it gets it back. Switch it off for a provider
		 * that rejects it.
		 */
		public Builder<R> keepReasoningContent(boolean keepReasoningContent) {
			this.keepReasoningContent = keepReasoningContent;
			return this;
		}

		/**
		 * Whether to offer the tools as legacy {@code functions} (default {@code false}),
		 * for relays that know only those; the model then answers with
		 * {@code function_call}.
		 */
		public Builder<R> legacyFunctions(boolean legacyFunctions) {
			this.legacyFunctions = legacyFunctions;
			return this;
		}

		/**
		 * Sends the failure of a tool's handler back to the model as that call's result,
		 * in the text the given error handler makes of it, so that the model can recover.
		 * By default a failing handler ends the exchange with a
		 * {@link ToolCallingException} and nothing of the failure reaches the model. A
		 * tool without handler, a handler without result and too many rounds end the
		 * exchange either way.
		 */
		public Builder<R> toolErrorHandler(ToolErrorHandler errorHandler) {
			this.errorHandler = Objects.requireNonNull(errorHandler, "errorHandler");
			return this;
		}

		/**
		 * @return the tool loop, or what the builder makes of it
		 * @throws IllegalStateException when no tool or handler was registered
		 */
		public R build() {
			if (this.handlers.isEmpty()) {
				throw new IllegalStateException("A tool loop needs at least one tool handler: register tools(..), "
						+ "tool(..) or handler(..)");
			}
			return this.finisher.apply(new ToolCalling(this));
		}

		private void register(String toolName, ToolHandler handler) {
			Objects.requireNonNull(toolName, "toolName");
			Objects.requireNonNull(handler, "handler");
			if (toolName.isBlank()) {
				throw new IllegalArgumentException("A tool handler needs a tool name");
			}
			this.handlers.put(toolName, handler);
		}

		private static ToolHandler blocking(Function<ToolInvocation, @Nullable String> handler) {
			Objects.requireNonNull(handler, "handler");
			return (invocation) -> Mono.fromCallable(() -> handler.apply(invocation))
				.subscribeOn(Schedulers.boundedElastic());
		}

	}

}
