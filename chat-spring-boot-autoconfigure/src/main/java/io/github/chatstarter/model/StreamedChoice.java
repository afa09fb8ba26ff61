package io.github.chatstarter.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One choice of a streamed reply, merged from its deltas. Not thread-safe.
 */
final class StreamedChoice {

	private final int index;

	private @Nullable String role;

	private @Nullable StringBuilder content;

	private @Nullable StringBuilder reasoningContent;

	private @Nullable StringBuilder refusal;

	private @Nullable StringBuilder thinking;

	private final List<StreamedToolCall> toolCalls = new ArrayList<>();

	private final Map<Integer, StreamedToolCall> toolCallsByIndex = new HashMap<>();

	private final Map<String, StreamedToolCall> toolCallsById = new HashMap<>();

	private @Nullable StreamedFunctionCall functionCall;

	private @Nullable String finishReason;

	private final Map<String, Object> messageExtra = new LinkedHashMap<>();

	private final Map<String, List<Object>> logprobs = new LinkedHashMap<>();

	StreamedChoice(int index) {
		this.index = index;
	}

	void add(ChatChunkChoice choice) {
		ChatMessage delta = choice.delta();
		if (this.finishReason != null && carriesSomething(delta)) {
			reopen();
		}
		if (this.role == null) {
			this.role = delta.role();
		}
		this.content = append(this.content, delta.content());
		// Only the reasoning_content field: the other spellings are merged where they
		// came
		// (the reasoning field with the vendor fields, thinking parts below), so the
		// whole answer has them as a non-streamed reply would.
		this.reasoningContent = append(this.reasoningContent, delta.reasoningContentField());
		this.thinking = append(this.thinking, delta.thinking());
		this.refusal = append(this.refusal, delta.refusal());
		delta.toolCalls().forEach(this::addToolCall);
		if (delta.functionCall() != null) {
			if (this.functionCall == null) {
				this.functionCall = new StreamedFunctionCall();
			}
			this.functionCall.add(delta.functionCall());
		}
		delta.extra().forEach(this::addExtra);
		addLogprobs(choice.logprobs());
		if (choice.finishReason() != null) {
			this.finishReason = choice.finishReason();
		}
	}

	/**
	 * The answer goes on after a finish reason. When that reason was
	 * {@code function_call}, the call was one the relay ran itself (the
	 * {@code web_search} signal of ai-gs's API documentation), not a call for the caller
	 * to make: the final message is the answer that followed, so the call is dropped.
	 */
	private void reopen() {
		if (FinishReasons.FUNCTION_CALL.equals(this.finishReason)) {
			this.functionCall = null;
		}
		this.finishReason = null;
	}

	/**
	 * A vendor field of the delta (Groq's and vLLM's {@code reasoning}, for example): the
	 * string pieces of one field are its text in order, as in a non-streamed reply; any
	 * other value replaces the earlier one. A {@code null} piece changes nothing.
	 */
	private void addExtra(String name, @Nullable Object value) {
		if (value == null) {
			return;
		}
		Object earlier = this.messageExtra.get(name);
		if (value instanceof String piece && (earlier == null || earlier instanceof StringBuilder)) {
			this.messageExtra.put(name, append((StringBuilder) earlier, piece));
		}
		else {
			this.messageExtra.put(name, value);
		}
	}

	/**
	 * Whether a delta continues the answer. A role or an empty text does not: several
	 * relays send one more empty delta after the finish reason, which must not erase it.
	 */
	private static boolean carriesSomething(ChatMessage delta) {
		return StreamedToolCall.hasText(delta.content()) || StreamedToolCall.hasText(delta.reasoningContent())
				|| StreamedToolCall.hasText(delta.refusal()) || !delta.toolCalls().isEmpty()
				|| delta.functionCall() != null;
	}

	private static @Nullable StringBuilder append(@Nullable StringBuilder text, @Nullable String fragment) {
		if (fragment == null) {
			return text;
		}
		return ((text != null) ? text : new StringBuilder()).append(fragment);
	}

	private void addToolCall(ToolCall fragment) {
		toolCallFor(fragment).add(fragment);
	}

	/**
	 * Fragments belong together by {@code index}; a provider that reuses an index for
	 * calls with different ids starts a new call; without an index the id decides, and
	 * without either the fragment continues the latest call.
	 */
	private StreamedToolCall toolCallFor(ToolCall fragment) {
		String id = StreamedToolCall.hasText(fragment.id()) ? fragment.id() : null;
		Integer index = fragment.index();
		if (index != null) {
			StreamedToolCall existing = this.toolCallsByIndex.get(index);
			if (existing != null && (id == null || existing.id() == null || id.equals(existing.id()))) {
				return existing;
			}
			StreamedToolCall created = newToolCall(id);
			this.toolCallsByIndex.put(index, created);
			return created;
		}
		if (id != null) {
			StreamedToolCall existing = this.toolCallsById.get(id);
			return (existing != null) ? existing : newToolCall(id);
		}
		return this.toolCalls.isEmpty() ? newToolCall(null) : this.toolCalls.get(this.toolCalls.size() - 1);
	}

	private StreamedToolCall newToolCall(@Nullable String id) {
		StreamedToolCall call = new StreamedToolCall(id);
		this.toolCalls.add(call);
		if (id != null) {
			this.toolCallsById.put(id, call);
		}
		return call;
	}

	/**
	 * Log probabilities arrive per chunk as lists ({@code content}, {@code refusal}); the
	 * whole reply's are their concatenation.
	 */
	private void addLogprobs(@Nullable Object fragment) {
		if (fragment instanceof Map<?, ?> map) {
			map.forEach((key, value) -> {
				if (value instanceof List<?> list) {
					this.logprobs.computeIfAbsent(String.valueOf(key), (k) -> new ArrayList<>()).addAll(list);
				}
			});
		}
	}

	ChatChoice toChoice() {
		ChatMessage.Builder message = ChatMessage.builder()
			.role((this.role != null) ? this.role : ChatMessage.ASSISTANT)
			.content(text(this.content))
			.reasoningContent(text(this.reasoningContent))
			.refusal(text(this.refusal))
			.toolCalls(this.toolCalls.stream().map(StreamedToolCall::toToolCall).toList())
			.functionCall((this.functionCall != null) ? this.functionCall.toFunctionCall() : null);
		if (this.thinking != null) {
			// Mistral's shape: the reasoning as a thinking part before the answer's text.
			String answer = text(this.content);
			message
				.content((answer == null || answer.isEmpty()) ? List.of(ContentPart.thinking(this.thinking.toString()))
						: List.of(ContentPart.thinking(this.thinking.toString()), ContentPart.text(answer)));
		}
		this.messageExtra.forEach(
				(name, value) -> message.extra(name, (value instanceof StringBuilder text) ? text.toString() : value));
		return ChatChoice.of(this.index, message.build(), this.finishReason,
				this.logprobs.isEmpty() ? null : new LinkedHashMap<>(this.logprobs));
	}

	private static @Nullable String text(@Nullable StringBuilder text) {
		return (text != null) ? text.toString() : null;
	}

}
