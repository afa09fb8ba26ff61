package io.github.chatstarter.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.github.chatstarter.model.ChatChunk;
import io.github.chatstarter.model.ChatChunkAccumulator;
import io.github.chatstarter.model.ChatMessage;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.model.ChatResponse;
import io.github.chatstarter.tokens.ContextWindowCheck;
import io.github.chatstarter.tokens.ModelLimits;
import io.github.chatstarter.tokens.ModelLimitsRegistry;
import io.github.chatstarter.tokens.TokenEstimator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Conversations around chat calls: the stored history is put between a request's system
 * messages and its new messages, trimmed to fit the model's context window, and once the
 * call completed its new messages and the answer are appended to the store. A call that
 * fails or is cancelled stores nothing, so the conversation stays as it was (a stream
 * stores its aggregated answer only when it completes).
 * <p>
 * Trimming: the history may take the model's context window less the request itself
 * (system and new messages, tools) and less the output reserved for the answer: the
 * request's {@code max_completion_tokens}/{@code max_tokens}, or else a quarter of the
 * window, at most the model's output limit. The oldest turns go first; a tool call and
 * its results go together; the kept history starts with a user message. The reasoning of
 * earlier answers ({@code reasoning_content} and its other spellings) is not stored, so
 * it is never sent again. A model without known limits gets the whole stored history
 * (bounded by the store's {@code max-messages}).
 * <p>
 * Reached through {@code chatTemplate.prompt().conversation(id)}; thread-safe.
 */
public final class ConversationMemory {

	private static final Log logger = LogFactory.getLog(ConversationMemory.class);

	private final ChatMemory store;

	private final TokenEstimator estimator;

	private final ModelLimitsRegistry limits;

	private final ModelResolver resolver;

	private final OnStoreFailure onStoreFailure;

	private final ConversationObserver observer;

	private final AtomicBoolean warned = new AtomicBoolean();

	private ConversationMemory(Builder builder) {
		this.store = builder.store;
		this.estimator = (builder.estimator != null) ? builder.estimator : TokenEstimator.create();
		this.limits = builder.limits;
		this.resolver = builder.resolver;
		this.onStoreFailure = builder.onStoreFailure;
		this.observer = builder.observer;
	}

	/**
	 * A builder of conversations kept in the given store.
	 * @param store the store
	 * @return the builder
	 */
	public static Builder builder(ChatMemory store) {
		return new Builder(store);
	}

	/**
	 * The store, to read, list and clear conversations.
	 * @return the store
	 */
	public ChatMemory store() {
		return this.store;
	}

	/**
	 * The messages of a conversation, oldest first.
	 * @param conversationId the conversation
	 * @return its messages
	 */
	public Mono<List<ChatMessage>> read(String conversationId) {
		return this.store.read(conversationId);
	}

	/**
	 * Forgets a conversation.
	 * @param conversationId the conversation
	 * @return completes when it is gone
	 */
	public Mono<Void> clear(String conversationId) {
		return this.store.clear(conversationId);
	}

	/**
	 * The ids of the conversations kept.
	 * @return the ids
	 */
	public Flux<String> conversations() {
		return this.store.conversations();
	}

	/**
	 * One call in a conversation.
	 * @param conversationId the conversation
	 * @param request the request with the new messages (and any system messages)
	 * @param chat sends a request, such as {@code chatTemplate::chat}
	 * @return the answer, once it is stored
	 */
	public Mono<ChatResponse> call(String conversationId, ChatRequest request,
			Function<ChatRequest, Mono<ChatResponse>> chat) {
		Objects.requireNonNull(conversationId, "conversationId");
		Objects.requireNonNull(request, "request");
		return withHistory(conversationId, request).flatMap((full) -> chat.apply(full)
			.flatMap((response) -> remember(conversationId, request, response).thenReturn(response)));
	}

	/**
	 * One streamed call in a conversation: the chunks pass as they come, and the
	 * aggregated answer is stored when the stream completes.
	 * @param conversationId the conversation
	 * @param request the request with the new messages (and any system messages)
	 * @param stream streams a request, such as {@code chatTemplate::stream}
	 * @return the chunks; the stream completes once the answer is stored
	 */
	public Flux<ChatChunk> stream(String conversationId, ChatRequest request,
			Function<ChatRequest, Flux<ChatChunk>> stream) {
		Objects.requireNonNull(conversationId, "conversationId");
		Objects.requireNonNull(request, "request");
		return withHistory(conversationId, request).flatMapMany((full) -> {
			ChatChunkAccumulator answer = new ChatChunkAccumulator();
			return stream.apply(full)
				.doOnNext(answer::add)
				.concatWith(Mono.defer(() -> answer.isEmpty() ? Mono.empty()
						: remember(conversationId, request, answer.toResponse()).then(Mono.empty())));
		});
	}

	/**
	 * The request as a call in the conversation sends it: its system messages, the
	 * trimmed history, its other messages.
	 * @param conversationId the conversation
	 * @param request the request with the new messages
	 * @return the request with the history
	 */
	public Mono<ChatRequest> withHistory(String conversationId, ChatRequest request) {
		return this.store.read(conversationId)
			.onErrorResume((failure) -> (this.onStoreFailure == OnStoreFailure.CONTINUE), (failure) -> {
				warn(conversationId, "read", failure);
				return Mono.just(List.of());
			})
			.onErrorMap((failure) -> !(failure instanceof ChatMemoryException),
					(failure) -> new ChatMemoryException(
							"The conversation store could not read conversation '" + conversationId + "'", failure))
			.map((history) -> compose(request, history));
	}

	private ChatRequest compose(ChatRequest request, List<ChatMessage> stored) {
		if (stored.isEmpty()) {
			return request;
		}
		List<ChatMessage> system = new ArrayList<>();
		List<ChatMessage> added = new ArrayList<>();
		split(request.messages(), system, added);
		List<ChatMessage> history = withoutReasoning(stored);
		ModelResolver.Target target = this.resolver.resolve(request);
		String model = target.model();
		ModelLimits window = (model != null) ? this.limits.find(target.provider(), model) : null;
		if (model == null || window == null) {
			this.observer.historySent(model, observedTokens(history, model), 0);
			return withMessages(request, system, history, added);
		}
		ChatRequest withoutHistory = withModel(request, model);
		int available = window.contextWindow() - reserve(request, window);
		// Usually the whole history fits, which needs no count (TokenEstimator.fits), and
		// the pre-flight of the provider's template then finds it checked already. Whole
		// turns only, even when all fit.
		HistoryTrimmer.Trimmed turns = HistoryTrimmer.trim(history, Integer.MAX_VALUE, (message) -> 0);
		ChatRequest whole = withMessages(request, system, turns.messages(), added);
		if (this.estimator.fits(withModel(whole, model), available)) {
			this.observer.historySent(model, observedTokens(turns.messages(), model),
					history.size() - turns.messages().size());
			return whole;
		}
		HistoryTrimmer.Trimmed trimmed = HistoryTrimmer.trim(history,
				available - this.estimator.estimate(withoutHistory),
				(message) -> this.estimator.estimate(message, model));
		this.observer.historySent(model, trimmed.tokens(), history.size() - trimmed.messages().size());
		return withMessages(request, system, trimmed.messages(), added);
	}

	/** Tokens of the history sent, counted only when an observer records them. */
	private int observedTokens(List<ChatMessage> history, @Nullable String model) {
		int tokens = 0;
		if (this.observer != ConversationObserver.NONE) {
			for (ChatMessage message : history) {
				tokens += this.estimator.estimate(message, model);
			}
		}
		return tokens;
	}

	private static ChatRequest withModel(ChatRequest request, String model) {
		return model.equals(request.model()) ? request : request.mutate().model(model).build();
	}

	private static ChatRequest withMessages(ChatRequest request, List<ChatMessage> system, List<ChatMessage> history,
			List<ChatMessage> added) {
		List<ChatMessage> messages = new ArrayList<>(system.size() + history.size() + added.size());
		messages.addAll(system);
		messages.addAll(history);
		messages.addAll(added);
		return request.mutate().messages(messages).build();
	}

	/**
	 * Output kept free for the answer: what the request asks for, else a quarter of the
	 * window, at most the model's output limit.
	 */
	static int reserve(ChatRequest request, ModelLimits window) {
		int requested = ContextWindowCheck.requestedOutput(request);
		if (requested > 0) {
			return requested;
		}
		int quarter = window.contextWindow() / 4;
		Integer output = window.maxOutputTokens();
		return (output != null) ? Math.min(quarter, output) : quarter;
	}

	private Mono<Void> remember(String conversationId, ChatRequest request, ChatResponse response) {
		List<ChatMessage> added = new ArrayList<>();
		split(request.messages(), new ArrayList<>(), added);
		ChatMessage answer = response.message();
		if (answer == null || !answer.toolCalls().isEmpty() || answer.functionCall() != null) {
			// An answer that asks for tools is half a turn: the tool loop's final answer
			// is stored instead.
			return Mono.empty();
		}
		added.add(answer.toFollowUp(false));
		return this.store.append(conversationId, added)
			.onErrorResume((failure) -> (this.onStoreFailure == OnStoreFailure.CONTINUE), (failure) -> {
				warn(conversationId, "store the answer of", failure);
				return Mono.empty();
			})
			.onErrorMap((failure) -> !(failure instanceof ChatMemoryException), (failure) -> new ChatMemoryException(
					"The conversation store could not store the answer of conversation '" + conversationId + "'",
					failure));
	}

	private void warn(String conversationId, String what, Throwable failure) {
		String message = "The conversation store could not " + what + " conversation '" + conversationId
				+ "'; going on without history (chat.memory.on-store-failure=continue): " + failure;
		if (this.warned.compareAndSet(false, true)) {
			logger.warn(message + ". Further store failures are logged at DEBUG.");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(message);
		}
	}

	/** Leading system and developer messages apart from the rest. */
	private static void split(List<ChatMessage> messages, List<ChatMessage> system, List<ChatMessage> rest) {
		for (ChatMessage message : messages) {
			boolean instruction = ChatMessage.SYSTEM.equals(message.role())
					|| ChatMessage.DEVELOPER.equals(message.role());
			if (instruction && rest.isEmpty()) {
				system.add(message);
			}
			else {
				rest.add(message);
			}
		}
	}

	/** Stored answers carry no reasoning; one appended by other means loses it here. */
	private static List<ChatMessage> withoutReasoning(List<ChatMessage> stored) {
		List<ChatMessage> history = null;
		for (int i = 0; i < stored.size(); i++) {
			ChatMessage message = stored.get(i);
			boolean reasoning = ChatMessage.ASSISTANT.equals(message.role()) && message.reasoningContent() != null;
			boolean instruction = ChatMessage.SYSTEM.equals(message.role())
					|| ChatMessage.DEVELOPER.equals(message.role());
			if ((reasoning || instruction) && history == null) {
				history = new ArrayList<>(stored.subList(0, i));
			}
			if (history != null && !instruction) {
				history.add(reasoning ? message.toFollowUp(false) : message);
			}
		}
		return (history != null) ? history : stored;
	}

	@Override
	public String toString() {
		return "ConversationMemory{store=" + this.store + ", onStoreFailure=" + this.onStoreFailure + "}";
	}

	/**
	 * Builds a {@link ConversationMemory}.
	 */
	public static final class Builder {

		private final ChatMemory store;

		private @Nullable TokenEstimator estimator;

		private ModelLimitsRegistry limits = ModelLimitsRegistry.defaults();

		private ModelResolver resolver = ModelResolver.requestModel();

		private OnStoreFailure onStoreFailure = OnStoreFailure.FAIL;

		private ConversationObserver observer = ConversationObserver.NONE;

		private Builder(ChatMemory store) {
			this.store = Objects.requireNonNull(store, "store");
		}

		/**
		 * The token estimator; a new {@link TokenEstimator#create()} by default.
		 * @param estimator the estimator
		 * @return this builder
		 */
		public Builder estimator(TokenEstimator estimator) {
			this.estimator = Objects.requireNonNull(estimator, "estimator");
			return this;
		}

		/**
		 * The model limits; {@link ModelLimitsRegistry#defaults()} by default.
		 * @param limits the limits
		 * @return this builder
		 */
		public Builder limits(ModelLimitsRegistry limits) {
			this.limits = Objects.requireNonNull(limits, "limits");
			return this;
		}

		/**
		 * Which provider and model serve a request; the request's own model by default.
		 * @param resolver the resolver
		 * @return this builder
		 */
		public Builder resolver(ModelResolver resolver) {
			this.resolver = Objects.requireNonNull(resolver, "resolver");
			return this;
		}

		/**
		 * What a call does when the store fails; {@link OnStoreFailure#FAIL} by default.
		 * @param onStoreFailure the policy
		 * @return this builder
		 */
		public Builder onStoreFailure(OnStoreFailure onStoreFailure) {
			this.onStoreFailure = Objects.requireNonNull(onStoreFailure, "onStoreFailure");
			return this;
		}

		/**
		 * Told about each call's history, for metrics; none by default.
		 * @param observer the observer
		 * @return this builder
		 */
		public Builder observer(ConversationObserver observer) {
			this.observer = Objects.requireNonNull(observer, "observer");
			return this;
		}

		/**
		 * Builds the conversation memory.
		 * @return the conversation memory
		 */
		public ConversationMemory build() {
			return new ConversationMemory(this);
		}

	}

}
