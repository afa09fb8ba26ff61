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
 * A chat-completion request. Every field but {@code messages} is optional and left out of the JSON
 * when unset; {@link Builder#extra(String, Object)} adds vendor fields such as ai-gs's {@code online}.
 */
@JsonModel
public final class ChatRequest extends UnknownFields {

	private @Nullable String model;

	private List<ChatMessage> messages = List.of();

	private @Nullable Double temperature;

	private @Nullable Double topP;

	private @Nullable Integer n;

	private @Nullable Boolean stream;

	/** A String for a single stop sequence (accepted by every relay), a List for several. */
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
	 * A request with one user message and the provider's default model.
	 */
	public static ChatRequest of(String userMessage) {
		return builder().message(ChatMessage.user(userMessage)).build();
	}

	/**
	 * A request for the given model with the given messages.
	 */
	public static ChatRequest of(String model, ChatMessage... messages) {
		return builder().model(model).messages(Arrays.asList(messages)).build();
	}

	public static Builder builder() {
		return new Builder();
	}

	/**
	 * A builder that starts from this request.
	 */
	public Builder mutate() {
		return new Builder(this);
	}

	public @Nullable String model() {
		return this.model;
	}

	public List<ChatMessage> messages() {
		return (this.messages != null) ? this.messages : List.of();
	}

	public @Nullable Double temperature() {
		return this.temperature;
	}

	public @Nullable Double topP() {
		return this.topP;
	}

	public @Nullable Integer n() {
		return this.n;
	}

	public @Nullable Boolean stream() {
		return this.stream;
	}

	public List<String> stop() {
		if (this.stop instanceof String single) {
			return List.of(single);
		}
		if (this.stop instanceof List<?> list) {
			return list.stream().map(String::valueOf).toList();
		}
		return List.of();
	}

	public @Nullable Integer maxTokens() {
		return this.maxTokens;
	}

	public @Nullable Integer maxCompletionTokens() {
		return this.maxCompletionTokens;
	}

	public @Nullable Double presencePenalty() {
		return this.presencePenalty;
	}

	public @Nullable Double frequencyPenalty() {
		return this.frequencyPenalty;
	}

	public Map<String, Integer> logitBias() {
		return (this.logitBias != null) ? this.logitBias : Map.of();
	}

	public @Nullable String user() {
		return this.user;
	}

	public @Nullable Long seed() {
		return this.seed;
	}

	public @Nullable ResponseFormat responseFormat() {
		return this.responseFormat;
	}

	public List<Tool> tools() {
		return (this.tools != null) ? this.tools : List.of();
	}

	public @Nullable ToolChoice toolChoice() {
		return this.toolChoice;
	}

	public @Nullable Boolean parallelToolCalls() {
		return this.parallelToolCalls;
	}

	public List<FunctionDefinition> functions() {
		return (this.functions != null) ? this.functions : List.of();
	}

	public @Nullable FunctionCallChoice functionCall() {
		return this.functionCall;
	}

	public @Nullable StreamOptions streamOptions() {
		return this.streamOptions;
	}

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
				&& Objects.equals(this.functions, that.functions) && Objects.equals(this.functionCall, that.functionCall)
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

		public Builder model(@Nullable String model) {
			this.model = model;
			return this;
		}

		public Builder message(ChatMessage message) {
			this.messages.add(Objects.requireNonNull(message, "message"));
			return this;
		}

		/**
		 * Replaces the messages with the given conversation, oldest first.
		 */
		public Builder messages(List<ChatMessage> messages) {
			Objects.requireNonNull(messages, "messages");
			this.messages.clear();
			messages.forEach(this::message);
			return this;
		}

		public Builder temperature(@Nullable Double temperature) {
			this.temperature = temperature;
			return this;
		}

		public Builder topP(@Nullable Double topP) {
			this.topP = topP;
			return this;
		}

		public Builder n(@Nullable Integer n) {
			this.n = n;
			return this;
		}

		public Builder stream(@Nullable Boolean stream) {
			this.stream = stream;
			return this;
		}

		/**
		 * Sequences (up to four) where the model stops; none clears them.
		 */
		public Builder stop(String... stop) {
			return stop(Arrays.asList(stop));
		}

		public Builder stop(List<String> stop) {
			List<String> copy = List.copyOf(stop);
			this.stop = copy.isEmpty() ? null : (copy.size() == 1) ? copy.get(0) : copy;
			return this;
		}

		public Builder maxTokens(@Nullable Integer maxTokens) {
			this.maxTokens = maxTokens;
			return this;
		}

		public Builder maxCompletionTokens(@Nullable Integer maxCompletionTokens) {
			this.maxCompletionTokens = maxCompletionTokens;
			return this;
		}

		public Builder presencePenalty(@Nullable Double presencePenalty) {
			this.presencePenalty = presencePenalty;
			return this;
		}

		public Builder frequencyPenalty(@Nullable Double frequencyPenalty) {
			this.frequencyPenalty = frequencyPenalty;
			return this;
		}

		public Builder logitBias(@Nullable Map<String, Integer> logitBias) {
			this.logitBias = logitBias;
			return this;
		}

		public Builder user(@Nullable String user) {
			this.user = user;
			return this;
		}

		public Builder seed(@Nullable Long seed) {
			this.seed = seed;
			return this;
		}

		public Builder responseFormat(@Nullable ResponseFormat responseFormat) {
			this.responseFormat = responseFormat;
			return this;
		}

		public Builder tools(@Nullable List<Tool> tools) {
			this.tools = (tools == null || tools.isEmpty()) ? null : List.copyOf(tools);
			return this;
		}

		public Builder tool(Tool tool) {
			List<Tool> all = (this.tools != null) ? new ArrayList<>(this.tools) : new ArrayList<>();
			all.add(Objects.requireNonNull(tool, "tool"));
			this.tools = all;
			return this;
		}

		public Builder toolChoice(@Nullable ToolChoice toolChoice) {
			this.toolChoice = toolChoice;
			return this;
		}

		public Builder parallelToolCalls(@Nullable Boolean parallelToolCalls) {
			this.parallelToolCalls = parallelToolCalls;
			return this;
		}

		/**
		 * Legacy function definitions (the aigc2d seed's {@code functions}); prefer {@link #tools(List)}.
		 */
		public Builder functions(@Nullable List<FunctionDefinition> functions) {
			this.functions = (functions == null || functions.isEmpty()) ? null : List.copyOf(functions);
			return this;
		}

		public Builder functionCall(@Nullable FunctionCallChoice functionCall) {
			this.functionCall = functionCall;
			return this;
		}

		public Builder streamOptions(@Nullable StreamOptions streamOptions) {
			this.streamOptions = streamOptions;
			return this;
		}

		/**
		 * Effort a reasoning model spends ({@code minimal}, {@code low}, {@code medium}, {@code high}).
		 */
		public Builder reasoningEffort(@Nullable String reasoningEffort) {
			this.reasoningEffort = reasoningEffort;
			return this;
		}

		/**
		 * Adds a vendor field at the top level of the body; a {@code null} value removes it.
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

		public Builder extra(Map<String, ?> extra) {
			Objects.requireNonNull(extra, "extra");
			Map<String, Object> merged = (this.extra != null) ? this.extra : new LinkedHashMap<>();
			merged.putAll(extra);
			this.extra = merged;
			return this;
		}

		public ChatRequest build() {
			if (this.messages.isEmpty()) {
				throw new IllegalArgumentException("A chat request needs at least one message");
			}
			return new ChatRequest(this);
		}

	}

}
