package io.github.chatstarter.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonSetter;
import org.jspecify.annotations.Nullable;

/**
 * A chat-completion request. Every field but {@code messages} is optional and left out of
 * the JSON when unset; {@link Builder#extra(String, Object)} adds vendor fields such as
 * ai-gs's {@code online}.
 */
@JsonModel
public final class ChatRequest extends UnknownFields {

	private @Nullable String model;

	private List<ChatMessage> messages = List.of();

	private @Nullable Double temperature;

	private @Nullable Double topP;

	private @Nullable Integer n;

	private @Nullable Boolean stream;

	/**
	 * A String for a single stop sequence (accepted by every relay), a List for several.
	 */
	private @Nullable Object stop;

	private @Nullable Integer maxTokens;

	private @Nullable Integer maxCompletionTokens;

	private @Nullable Double presencePenalty;

	private @Nullable Double frequencyPenalty;

	private @Nullable Map<String, Integer> logitBias;

	private @Nullable String user;

	private @Nullable Long seed;

	private @Nullable ResponseFormat responseFormat;

	private @Nullable List<Tool> tools;

	private @Nullable ToolChoice toolChoice;

	private @Nullable Boolean parallelToolCalls;

	private @Nullable List<FunctionDefinition> functions;

	private @Nullable FunctionCallChoice functionCall;

	private @Nullable StreamOptions streamOptions;

	private @Nullable String reasoningEffort;

	private ChatRequest() {
	}

	private ChatRequest(Builder builder) {
		super(builder.extra);
		this.model = builder.model;
		this.messages = List.copyOf(builder.messages);
		this.temperature = builder.temperature;
		this.topP = builder.topP;
		this.n = builder.n;
		this.stream = builder.stream;
		this.stop = builder.stop;
		this.maxTokens = builder.maxTokens;
		this.maxCompletionTokens = builder.maxCompletionTokens;
		this.presencePenalty = builder.presencePenalty;
		this.frequencyPenalty = builder.frequencyPenalty;
		this.logitBias = (builder.logitBias != null) ? Map.copyOf(builder.logitBias) : null;
		this.user = builder.user;
		this.seed = builder.seed;
		this.responseFormat = builder.responseFormat;
		this.tools = (builder.tools != null) ? List.copyOf(builder.tools) : null;
		this.toolChoice = builder.toolChoice;
		this.parallelToolCalls = builder.parallelToolCalls;
		this.functions = (builder.functions != null) ? List.copyOf(builder.functions) : null;
		this.functionCall = builder.functionCall;
		this.streamOptions = builder.streamOptions;
		this.reasoningEffort = builder.reasoningEffort;
	}

	/**
	 * A request with one user message and no model, so the provider's
	 * {@code default-model} answers.
	 * @param userMessage the user's question, sent as the one {@code user} message
	 * @return the request
	 */
	public static ChatRequest ofUserMessage(String userMessage) {
		return builder().message(ChatMessage.user(userMessage)).build();
	}

	/**
	 * A request for the given model with the given messages. At least one message is part
	 * of the signature, so {@code of("ernie-bot")} does not compile rather than failing
	 * at run time.
	 * @param model the model, for example {@code gpt-4}
	 * @param message the first message of the conversation
	 * @param more further messages, oldest first
	 * @return the request
	 */
	public static ChatRequest of(String model, ChatMessage message, ChatMessage... more) {
		Objects.requireNonNull(model, "model");
		Builder builder = builder().model(model).message(message);
		for (ChatMessage each : more) {
			builder.message(each);
		}
		return builder.build();
	}

	/**
	 * A builder of a new request.
	 * @return an empty builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * A builder that starts from this request.
	 * @return a builder holding this request's fields
	 */
	public Builder mutate() {
		return new Builder(this);
	}

	/**
	 * Model to answer, or {@code null} for the provider's default model.
	 * @return the model name or {@code null}
	 */
	public @Nullable String model() {
		return this.model;
	}

	/**
	 * Conversation so far, oldest first.
	 * @return the messages, never empty for a built request
	 */
	public List<ChatMessage> messages() {
		return (this.messages != null) ? this.messages : List.of();
	}

	/**
	 * Sampling temperature ({@code temperature}).
	 * @return the temperature or {@code null} when not sent
	 */
	public @Nullable Double temperature() {
		return this.temperature;
	}

	/**
	 * Nucleus sampling mass ({@code top_p}).
	 * @return the value or {@code null} when not sent
	 */
	public @Nullable Double topP() {
		return this.topP;
	}

	/**
	 * Number of choices to generate ({@code n}).
	 * @return the number or {@code null} when not sent
	 */
	public @Nullable Integer n() {
		return this.n;
	}

	/**
	 * Whether the reply is streamed ({@code stream}); the templates set it themselves.
	 * @return the flag or {@code null} when not sent
	 */
	public @Nullable Boolean stream() {
		return this.stream;
	}

	/**
	 * Sequences where the model stops ({@code stop}).
	 * @return the stop sequences, empty when none
	 */
	public List<String> stop() {
		if (this.stop instanceof String single) {
			return List.of(single);
		}
		if (this.stop instanceof List<?> list) {
			return list.stream().map(String::valueOf).toList();
		}
		return List.of();
	}

	/**
	 * Longest answer in tokens ({@code max_tokens}).
	 * @return the limit or {@code null} when not sent
	 */
	public @Nullable Integer maxTokens() {
		return this.maxTokens;
	}

	/**
	 * Longest answer in tokens, reasoning included ({@code max_completion_tokens}).
	 * @return the limit or {@code null} when not sent
	 */
	public @Nullable Integer maxCompletionTokens() {
		return this.maxCompletionTokens;
	}

	/**
	 * Penalty on tokens already present ({@code presence_penalty}).
	 * @return the penalty or {@code null} when not sent
	 */
	public @Nullable Double presencePenalty() {
		return this.presencePenalty;
	}

	/**
	 * Penalty on frequent tokens ({@code frequency_penalty}).
	 * @return the penalty or {@code null} when not sent
	 */
	public @Nullable Double frequencyPenalty() {
		return this.frequencyPenalty;
	}

	/**
	 * Bias per token id ({@code logit_bias}).
	 * @return the biases, empty when none
	 */
	public Map<String, Integer> logitBias() {
		return (this.logitBias != null) ? this.logitBias : Map.of();
	}

	/**
	 * End-user identifier passed to the provider ({@code user}).
	 * @return the identifier or {@code null} when not sent
	 */
	public @Nullable String user() {
		return this.user;
	}

	/**
	 * Seed for best-effort deterministic sampling ({@code seed}).
	 * @return the seed or {@code null} when not sent
	 */
	public @Nullable Long seed() {
		return this.seed;
	}

	/**
	 * Format the answer must take ({@code response_format}).
	 * @return the format or {@code null} when not sent
	 */
	public @Nullable ResponseFormat responseFormat() {
		return this.responseFormat;
	}

	/**
	 * Tools the model may call ({@code tools}).
	 * @return the tools, empty when none
	 */
	public List<Tool> tools() {
		return (this.tools != null) ? this.tools : List.of();
	}

	/**
	 * Which tool the model must or may call ({@code tool_choice}).
	 * @return the choice or {@code null} when not sent
	 */
	public @Nullable ToolChoice toolChoice() {
		return this.toolChoice;
	}

	/**
	 * Whether the model may call several tools at once ({@code parallel_tool_calls}).
	 * @return the flag or {@code null} when not sent
	 */
	public @Nullable Boolean parallelToolCalls() {
		return this.parallelToolCalls;
	}

	/**
	 * Legacy function definitions ({@code functions}).
	 * @return the functions, empty when none
	 */
	public List<FunctionDefinition> functions() {
		return (this.functions != null) ? this.functions : List.of();
	}

	/**
	 * Legacy function choice ({@code function_call}).
	 * @return the choice or {@code null} when not sent
	 */
	public @Nullable FunctionCallChoice functionCall() {
		return this.functionCall;
	}

	/**
	 * Options of a streamed reply ({@code stream_options}).
	 * @return the options or {@code null} when not sent
	 */
	public @Nullable StreamOptions streamOptions() {
		return this.streamOptions;
	}

	/**
	 * Effort a reasoning model spends ({@code reasoning_effort}).
	 * @return the effort or {@code null} when not sent
	 */
	public @Nullable String reasoningEffort() {
		return this.reasoningEffort;
	}

	@JsonSetter("stop")
	private void readStop(@Nullable Object stop) {
		this.stop = (stop instanceof List<?> list) ? List.copyOf(list) : (stop != null) ? stop.toString() : null;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof ChatRequest that)) {
			return false;
		}
		return Objects.equals(this.model, that.model) && Objects.equals(this.messages, that.messages)
				&& Objects.equals(this.temperature, that.temperature) && Objects.equals(this.topP, that.topP)
				&& Objects.equals(this.n, that.n) && Objects.equals(this.stream, that.stream)
				&& Objects.equals(this.stop, that.stop) && Objects.equals(this.maxTokens, that.maxTokens)
				&& Objects.equals(this.maxCompletionTokens, that.maxCompletionTokens)
				&& Objects.equals(this.presencePenalty, that.presencePenalty)
				&& Objects.equals(this.frequencyPenalty, that.frequencyPenalty)
				&& Objects.equals(this.logitBias, that.logitBias) && Objects.equals(this.user, that.user)
				&& Objects.equals(this.seed, that.seed) && Objects.equals(this.responseFormat, that.responseFormat)
				&& Objects.equals(this.tools, that.tools) && Objects.equals(this.toolChoice, that.toolChoice)
				&& Objects.equals(this.parallelToolCalls, that.parallelToolCalls)
				&& Objects.equals(this.functions, that.functions)
				&& Objects.equals(this.functionCall, that.functionCall)
				&& Objects.equals(this.streamOptions, that.streamOptions)
				&& Objects.equals(this.reasoningEffort, that.reasoningEffort) && extra().equals(that.extra());
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.model, this.messages, this.stream, this.tools);
	}

	@Override
	public String toString() {
		return "ChatRequest{model=" + this.model + ", messages=" + messages().size()
				+ ((this.stream != null) ? ", stream=" + this.stream : "")
				+ ((this.tools != null) ? ", tools=" + this.tools.size() : "") + "}";
	}

	/**
	 * Builds a {@link ChatRequest}; at least one message is required.
	 */
	public static final class Builder {

		private @Nullable String model;

		private final List<ChatMessage> messages = new ArrayList<>();

		private @Nullable Double temperature;

		private @Nullable Double topP;

		private @Nullable Integer n;

		private @Nullable Boolean stream;

		private @Nullable Object stop;

		private @Nullable Integer maxTokens;

		private @Nullable Integer maxCompletionTokens;

		private @Nullable Double presencePenalty;

		private @Nullable Double frequencyPenalty;

		private @Nullable Map<String, Integer> logitBias;

		private @Nullable String user;

		private @Nullable Long seed;

		private @Nullable ResponseFormat responseFormat;

		private @Nullable List<Tool> tools;

		private @Nullable ToolChoice toolChoice;

		private @Nullable Boolean parallelToolCalls;

		private @Nullable List<FunctionDefinition> functions;

		private @Nullable FunctionCallChoice functionCall;

		private @Nullable StreamOptions streamOptions;

		private @Nullable String reasoningEffort;

		private @Nullable Map<String, Object> extra;

		private Builder() {
		}

		private Builder(ChatRequest request) {
			this.model = request.model;
			this.messages.addAll(request.messages());
			this.temperature = request.temperature;
			this.topP = request.topP;
			this.n = request.n;
			this.stream = request.stream;
			this.stop = request.stop;
			this.maxTokens = request.maxTokens;
			this.maxCompletionTokens = request.maxCompletionTokens;
			this.presencePenalty = request.presencePenalty;
			this.frequencyPenalty = request.frequencyPenalty;
			this.logitBias = request.logitBias;
			this.user = request.user;
			this.seed = request.seed;
			this.responseFormat = request.responseFormat;
			this.tools = request.tools;
			this.toolChoice = request.toolChoice;
			this.parallelToolCalls = request.parallelToolCalls;
			this.functions = request.functions;
			this.functionCall = request.functionCall;
			this.streamOptions = request.streamOptions;
			this.reasoningEffort = request.reasoningEffort;
			this.extra = Extras.copy(request.extraOrNull());
		}

		/**
		 * Sets the model; {@code null} leaves it to the provider's default model.
		 * @param model the model name
		 * @return this builder
		 */
		public Builder model(@Nullable String model) {
			this.model = model;
			return this;
		}

		/**
		 * Appends a message to the conversation.
		 * @param message the message
		 * @return this builder
		 */
		public Builder message(ChatMessage message) {
			this.messages.add(Objects.requireNonNull(message, "message"));
			return this;
		}

		/**
		 * Replaces the messages with the given conversation, oldest first.
		 * @param messages the messages
		 * @return this builder
		 */
		public Builder messages(List<ChatMessage> messages) {
			Objects.requireNonNull(messages, "messages");
			this.messages.clear();
			messages.forEach(this::message);
			return this;
		}

		/**
		 * Sets the sampling temperature; {@code null} leaves it out.
		 * @param temperature the temperature, usually 0 to 2
		 * @return this builder
		 */
		public Builder temperature(@Nullable Double temperature) {
			this.temperature = temperature;
			return this;
		}

		/**
		 * Sets the sampling temperature, so {@code temperature(1)} compiles.
		 * @param temperature the temperature, usually 0 to 2
		 * @return this builder
		 */
		public Builder temperature(double temperature) {
			return temperature(Double.valueOf(temperature));
		}

		/**
		 * Sets {@code top_p}; {@code null} leaves it out.
		 * @param topP the probability mass, 0 to 1
		 * @return this builder
		 */
		public Builder topP(@Nullable Double topP) {
			this.topP = topP;
			return this;
		}

		/**
		 * Sets {@code top_p}.
		 * @param topP the probability mass, 0 to 1
		 * @return this builder
		 */
		public Builder topP(double topP) {
			return topP(Double.valueOf(topP));
		}

		/**
		 * Sets how many choices to generate; {@code null} leaves it out.
		 * @param n the number of choices
		 * @return this builder
		 */
		public Builder n(@Nullable Integer n) {
			this.n = n;
			return this;
		}

		/**
		 * Sets how many choices to generate.
		 * @param n the number of choices
		 * @return this builder
		 */
		public Builder n(int n) {
			return n(Integer.valueOf(n));
		}

		/**
		 * Sets {@code stream}; {@code ChatTemplate.chat} and {@code stream} set it
		 * themselves.
		 * @param stream whether the reply is streamed, or {@code null}
		 * @return this builder
		 */
		public Builder stream(@Nullable Boolean stream) {
			this.stream = stream;
			return this;
		}

		/**
		 * Sequences (up to four) where the model stops; none clears them.
		 * @param stop the stop sequences
		 * @return this builder
		 */
		public Builder stop(String... stop) {
			return stop(Arrays.asList(stop));
		}

		/**
		 * Sequences (up to four) where the model stops; an empty list clears them.
		 * @param stop the stop sequences
		 * @return this builder
		 */
		public Builder stop(List<String> stop) {
			List<String> copy = List.copyOf(stop);
			this.stop = copy.isEmpty() ? null : (copy.size() == 1) ? copy.get(0) : copy;
			return this;
		}

		/**
		 * Sets {@code max_tokens}; {@code null} leaves it out.
		 * @param maxTokens the longest answer in tokens
		 * @return this builder
		 */
		public Builder maxTokens(@Nullable Integer maxTokens) {
			this.maxTokens = maxTokens;
			return this;
		}

		/**
		 * Sets {@code max_tokens}.
		 * @param maxTokens the longest answer in tokens
		 * @return this builder
		 */
		public Builder maxTokens(int maxTokens) {
			return maxTokens(Integer.valueOf(maxTokens));
		}

		/**
		 * Sets {@code max_completion_tokens}; {@code null} leaves it out.
		 * @param maxCompletionTokens the longest answer in tokens, reasoning included
		 * @return this builder
		 */
		public Builder maxCompletionTokens(@Nullable Integer maxCompletionTokens) {
			this.maxCompletionTokens = maxCompletionTokens;
			return this;
		}

		/**
		 * Sets {@code max_completion_tokens}.
		 * @param maxCompletionTokens the longest answer in tokens, reasoning included
		 * @return this builder
		 */
		public Builder maxCompletionTokens(int maxCompletionTokens) {
			return maxCompletionTokens(Integer.valueOf(maxCompletionTokens));
		}

		/**
		 * Sets {@code presence_penalty}; {@code null} leaves it out.
		 * @param presencePenalty the penalty, -2 to 2
		 * @return this builder
		 */
		public Builder presencePenalty(@Nullable Double presencePenalty) {
			this.presencePenalty = presencePenalty;
			return this;
		}

		/**
		 * Sets {@code presence_penalty}.
		 * @param presencePenalty the penalty, -2 to 2
		 * @return this builder
		 */
		public Builder presencePenalty(double presencePenalty) {
			return presencePenalty(Double.valueOf(presencePenalty));
		}

		/**
		 * Sets {@code frequency_penalty}; {@code null} leaves it out.
		 * @param frequencyPenalty the penalty, -2 to 2
		 * @return this builder
		 */
		public Builder frequencyPenalty(@Nullable Double frequencyPenalty) {
			this.frequencyPenalty = frequencyPenalty;
			return this;
		}

		/**
		 * Sets {@code frequency_penalty}.
		 * @param frequencyPenalty the penalty, -2 to 2
		 * @return this builder
		 */
		public Builder frequencyPenalty(double frequencyPenalty) {
			return frequencyPenalty(Double.valueOf(frequencyPenalty));
		}

		/**
		 * Sets {@code logit_bias}; {@code null} leaves it out.
		 * @param logitBias the bias (-100 to 100) per token id
		 * @return this builder
		 */
		public Builder logitBias(@Nullable Map<String, Integer> logitBias) {
			this.logitBias = logitBias;
			return this;
		}

		/**
		 * Sets the end-user identifier passed to the provider; {@code null} leaves it
		 * out.
		 * @param user the identifier
		 * @return this builder
		 */
		public Builder user(@Nullable String user) {
			this.user = user;
			return this;
		}

		/**
		 * Sets {@code seed}; {@code null} leaves it out.
		 * @param seed the seed
		 * @return this builder
		 */
		public Builder seed(@Nullable Long seed) {
			this.seed = seed;
			return this;
		}

		/**
		 * Sets {@code seed}, so {@code seed(42)} compiles.
		 * @param seed the seed
		 * @return this builder
		 */
		public Builder seed(long seed) {
			return seed(Long.valueOf(seed));
		}

		/**
		 * Sets the format the answer must take; {@code null} leaves it out.
		 * @param responseFormat the format
		 * @return this builder
		 */
		public Builder responseFormat(@Nullable ResponseFormat responseFormat) {
			this.responseFormat = responseFormat;
			return this;
		}

		/**
		 * Replaces the tools the model may call; {@code null} or empty clears them.
		 * @param tools the tools
		 * @return this builder
		 */
		public Builder tools(@Nullable List<Tool> tools) {
			this.tools = (tools == null || tools.isEmpty()) ? null : List.copyOf(tools);
			return this;
		}

		/**
		 * Adds a tool the model may call.
		 * @param tool the tool
		 * @return this builder
		 */
		public Builder tool(Tool tool) {
			List<Tool> all = (this.tools != null) ? new ArrayList<>(this.tools) : new ArrayList<>();
			all.add(Objects.requireNonNull(tool, "tool"));
			this.tools = all;
			return this;
		}

		/**
		 * Sets which tool the model must or may call; {@code null} leaves it out.
		 * @param toolChoice the choice
		 * @return this builder
		 */
		public Builder toolChoice(@Nullable ToolChoice toolChoice) {
			this.toolChoice = toolChoice;
			return this;
		}

		/**
		 * Sets {@code parallel_tool_calls}; {@code null} leaves it out.
		 * @param parallelToolCalls whether the model may call several tools at once
		 * @return this builder
		 */
		public Builder parallelToolCalls(@Nullable Boolean parallelToolCalls) {
			this.parallelToolCalls = parallelToolCalls;
			return this;
		}

		/**
		 * Sets {@code parallel_tool_calls}.
		 * @param parallelToolCalls whether the model may call several tools at once
		 * @return this builder
		 */
		public Builder parallelToolCalls(boolean parallelToolCalls) {
			return parallelToolCalls(Boolean.valueOf(parallelToolCalls));
		}

		/**
		 * Legacy function definitions (the {@code functions} of aigc2d's API
		 * documentation); prefer {@link #tools(List)}.
		 * @param functions the functions
		 * @return this builder
		 */
		public Builder functions(@Nullable List<FunctionDefinition> functions) {
			this.functions = (functions == null || functions.isEmpty()) ? null : List.copyOf(functions);
			return this;
		}

		/**
		 * Sets the legacy {@code function_call}; {@code null} leaves it out.
		 * @param functionCall the choice
		 * @return this builder
		 */
		public Builder functionCall(@Nullable FunctionCallChoice functionCall) {
			this.functionCall = functionCall;
			return this;
		}

		/**
		 * Sets {@code stream_options}; {@code null} leaves it out.
		 * @param streamOptions the options
		 * @return this builder
		 */
		public Builder streamOptions(@Nullable StreamOptions streamOptions) {
			this.streamOptions = streamOptions;
			return this;
		}

		/**
		 * Effort a reasoning model spends ({@code minimal}, {@code low}, {@code medium},
		 * {@code high}).
		 * @param reasoningEffort the effort
		 * @return this builder
		 */
		public Builder reasoningEffort(@Nullable String reasoningEffort) {
			this.reasoningEffort = reasoningEffort;
			return this;
		}

		/**
		 * Adds a vendor field at the top level of the body; a {@code null} value removes
		 * it.
		 * @param name the field name
		 * @param value the value
		 * @return this builder
		 */
		public Builder extra(String name, @Nullable Object value) {
			Objects.requireNonNull(name, "name");
			if (value == null) {
				if (this.extra != null) {
					this.extra.remove(name);
				}
				return this;
			}
			this.extra = Extras.put(this.extra, name, value);
			return this;
		}

		/**
		 * Adds vendor fields at the top level of the body.
		 * @param extra the fields by name
		 * @return this builder
		 */
		public Builder extra(Map<String, ?> extra) {
			Objects.requireNonNull(extra, "extra");
			Map<String, Object> merged = (this.extra != null) ? this.extra : new LinkedHashMap<>();
			merged.putAll(extra);
			this.extra = merged;
			return this;
		}

		/**
		 * Builds the request.
		 * @return the immutable request
		 * @throws IllegalArgumentException when there is no message
		 */
		public ChatRequest build() {
			if (this.messages.isEmpty()) {
				throw new IllegalArgumentException("A chat request needs at least one message");
			}
			return new ChatRequest(this);
		}

	}

}
