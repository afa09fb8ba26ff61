package io.github.chatstarter.prompt;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

import io.github.chatstarter.memory.ConversationMemory;
import io.github.chatstarter.internal.ChunkAggregation;
import io.github.chatstarter.model.ChatChunk;
import io.github.chatstarter.model.ChatMessage;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.model.ChatResponse;
import io.github.chatstarter.tool.ToolCalling;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ParameterizedTypeReference;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The immutable {@link ChatPrompt}: every change copies the state.
 */
final class DefaultChatPrompt implements ChatPrompt {

	private final Function<ChatRequest, Mono<ChatResponse>> chat;

	private final Function<ChatRequest, Flux<ChatChunk>> stream;

	private final @Nullable String model;

	private final List<ChatMessage> messages;

	private final List<Consumer<ChatRequest.Builder>> options;

	private final StructuredOutputSettings settings;

	private final @Nullable ConversationMemory memory;

	private final @Nullable String conversationId;

	private final @Nullable ToolCalling tools;

	DefaultChatPrompt(Function<ChatRequest, Mono<ChatResponse>> chat, Function<ChatRequest, Flux<ChatChunk>> stream) {
		this(chat, stream, null, List.of(), List.of(), StructuredOutputSettings.defaults(), null, null, null);
	}

	private DefaultChatPrompt(Function<ChatRequest, Mono<ChatResponse>> chat,
			Function<ChatRequest, Flux<ChatChunk>> stream, @Nullable String model, List<ChatMessage> messages,
			List<Consumer<ChatRequest.Builder>> options, StructuredOutputSettings settings,
			@Nullable ConversationMemory memory, @Nullable String conversationId, @Nullable ToolCalling tools) {
		this.chat = chat;
		this.stream = stream;
		this.model = model;
		this.messages = List.copyOf(messages);
		this.options = List.copyOf(options);
		this.settings = settings;
		this.memory = memory;
		this.conversationId = conversationId;
		this.tools = tools;
	}

	@Override
	public ChatPrompt model(String model) {
		return new DefaultChatPrompt(this.chat, this.stream, Objects.requireNonNull(model, "model"), this.messages,
				this.options, this.settings, this.memory, this.conversationId, this.tools);
	}

	@Override
	public ChatPrompt system(String text) {
		return message(ChatMessage.system(Objects.requireNonNull(text, "text")));
	}

	@Override
	public ChatPrompt user(String text) {
		return message(ChatMessage.user(Objects.requireNonNull(text, "text")));
	}

	@Override
	public ChatPrompt message(ChatMessage message) {
		return messages(List.of(Objects.requireNonNull(message, "message")));
	}

	@Override
	public ChatPrompt messages(List<ChatMessage> messages) {
		List<ChatMessage> all = new ArrayList<>(this.messages);
		all.addAll(Objects.requireNonNull(messages, "messages"));
		return new DefaultChatPrompt(this.chat, this.stream, this.model, all, this.options, this.settings, this.memory,
				this.conversationId, this.tools);
	}

	@Override
	public ChatPrompt temperature(double temperature) {
		return options((request) -> request.temperature(temperature));
	}

	@Override
	public ChatPrompt maxTokens(int maxTokens) {
		if (maxTokens < 1) {
			throw new IllegalArgumentException("maxTokens must be at least 1, but was " + maxTokens);
		}
		return options((request) -> request.maxTokens(maxTokens));
	}

	@Override
	public ChatPrompt stop(String... stop) {
		List<String> sequences = List.of(stop);
		return options((request) -> request.stop(sequences));
	}

	@Override
	public ChatPrompt extraBody(String name, Object value) {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(value, "value");
		return options((request) -> request.extra(name, value));
	}

	@Override
	public ChatPrompt options(Consumer<ChatRequest.Builder> options) {
		List<Consumer<ChatRequest.Builder>> all = new ArrayList<>(this.options);
		all.add(Objects.requireNonNull(options, "options"));
		return new DefaultChatPrompt(this.chat, this.stream, this.model, this.messages, all, this.settings, this.memory,
				this.conversationId, this.tools);
	}

	@Override
	public ChatPrompt structuredOutput(StructuredOutputSettings settings) {
		return new DefaultChatPrompt(this.chat, this.stream, this.model, this.messages, this.options,
				Objects.requireNonNull(settings, "settings"), this.memory, this.conversationId, this.tools);
	}

	@Override
	public ChatPrompt memory(ConversationMemory memory) {
		return new DefaultChatPrompt(this.chat, this.stream, this.model, this.messages, this.options, this.settings,
				Objects.requireNonNull(memory, "memory"), this.conversationId, this.tools);
	}

	@Override
	public ChatPrompt conversation(String conversationId) {
		Objects.requireNonNull(conversationId, "conversationId");
		if (conversationId.isBlank()) {
			throw new IllegalArgumentException("A conversation id must not be blank");
		}
		if (this.memory == null) {
			throw new IllegalStateException("conversation(..) needs a ConversationMemory: use the auto-configured "
					+ "ChatTemplate or ChatPrompt, or give one with memory(..)");
		}
		return new DefaultChatPrompt(this.chat, this.stream, this.model, this.messages, this.options, this.settings,
				this.memory, conversationId, this.tools);
	}

	@Override
	public ChatPrompt tools(Object... beans) {
		return toolCalling(ToolCalling.builder().tools(beans).build());
	}

	@Override
	public ChatPrompt toolCalling(ToolCalling tools) {
		return new DefaultChatPrompt(this.chat, this.stream, this.model, this.messages, this.options, this.settings,
				this.memory, this.conversationId, Objects.requireNonNull(tools, "tools"));
	}

	@Override
	public ChatRequest toRequest() {
		if (this.messages.isEmpty()) {
			throw new IllegalArgumentException("A prompt needs at least one message: call user(..) or message(..)");
		}
		ChatRequest.Builder builder = ChatRequest.builder().model(this.model).messages(this.messages);
		this.options.forEach((option) -> option.accept(builder));
		return builder.build();
	}

	/**
	 * The one place a prompt's request goes to the template: a step that must run around
	 * every call of a prompt (such as conversation memory) goes here.
	 */
	Mono<ChatResponse> exchange(ChatRequest request) {
		ToolCalling tools = this.tools;
		Function<ChatRequest, Mono<ChatResponse>> send = (tools != null) ? (next) -> tools.chat(next, this.chat)
				: this.chat;
		ConversationMemory memory = this.memory;
		String conversation = this.conversationId;
		if (memory != null && conversation != null) {
			return Mono.defer(() -> memory.call(conversation, request, send));
		}
		return Mono.defer(() -> send.apply(request));
	}

	/**
	 * The streaming counterpart of {@link #exchange(ChatRequest)}.
	 */
	Flux<ChatChunk> exchangeStream(ChatRequest request) {
		ToolCalling tools = this.tools;
		Function<ChatRequest, Flux<ChatChunk>> send = (tools != null) ? (next) -> tools.stream(next, this.stream)
				: this.stream;
		ConversationMemory memory = this.memory;
		String conversation = this.conversationId;
		if (memory != null && conversation != null) {
			return Flux.defer(() -> memory.stream(conversation, request, send));
		}
		return Flux.defer(() -> send.apply(request));
	}

	@Override
	public CallResponse call() {
		ChatRequest request = toRequest();
		return new CallResponse() {

			@Override
			public Mono<ChatResponse> response() {
				return exchange(request);
			}

			@Override
			public Mono<String> content() {
				return response().map(ChatResponse::content);
			}

			@Override
			public <T> Mono<T> entity(Class<T> type) {
				return responseEntity(type).map(ChatEntity::entity);
			}

			@Override
			public <T> Mono<T> entity(ParameterizedTypeReference<T> type) {
				return typed(type.getType()).map((answer) -> cast(answer.entity()));
			}

			@Override
			public <T> Mono<ChatEntity<T>> responseEntity(Class<T> type) {
				return typed(type).map((answer) -> new ChatEntity<>(type.cast(answer.entity()), answer.response()));
			}

			private Mono<ChatEntity<Object>> typed(Type type) {
				if (DefaultChatPrompt.this.conversationId != null) {
					return Mono.error(new IllegalStateException("Typed answers (entity(..)) are not kept in "
							+ "conversations; ask for content() or response() in conversation '"
							+ DefaultChatPrompt.this.conversationId + "'"));
				}
				StructuredCall structured = new StructuredCall(new AnswerSchema(type), DefaultChatPrompt.this.settings,
						DefaultChatPrompt.this::exchange);
				return structured.call(request);
			}

		};
	}

	@SuppressWarnings("unchecked")
	private static <T> T cast(Object value) {
		return (T) value;
	}

	@Override
	public StreamResponse stream() {
		ChatRequest request = toRequest();
		return new StreamResponse() {

			@Override
			public Flux<ChatChunk> chunks() {
				return exchangeStream(request);
			}

			@Override
			public Flux<String> content() {
				return chunks().map(ChatChunk::content).filter((text) -> !text.isEmpty());
			}

			@Override
			public Mono<ChatResponse> response() {
				return ChunkAggregation.aggregate(chunks());
			}

		};
	}

	@Override
	public String toString() {
		return "ChatPrompt{model=" + this.model + ", messages=" + this.messages.size()
				+ ((this.conversationId != null) ? ", conversation=" + this.conversationId : "") + "}";
	}

}
