package io.github.chatstarter.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * One message of a conversation: what a request sends, what a reply's choice holds, and
 * (with every part optional) what a stream chunk's {@code delta} carries.
 */
@JsonModel
public final class ChatMessage extends UnknownFields {

	/** Role of system prompts. */
	public static final String SYSTEM = "system";

	/** Role of the newer system prompts of OpenAI reasoning models. */
	public static final String DEVELOPER = "developer";

	/** Role of the user's messages. */
	public static final String USER = "user";

	/** Role of the model's answers. */
	public static final String ASSISTANT = "assistant";

	/** Role of tool results. */
	public static final String TOOL = "tool";

	/** The field vLLM, Groq and OpenRouter write their reasoning in. */
	static final String REASONING = "reasoning";

	/** Role of legacy function results. */
	public static final String FUNCTION = "function";

	private @Nullable String role;

	/** A String, or a List of ContentPart. */
	@JsonDeserialize(using = MessageContentDeserializer.class)
	private @Nullable Object content;

	private @Nullable String name;

	private @Nullable String reasoningContent;

	private @Nullable String refusal;

	private @Nullable List<ToolCall> toolCalls;

	private @Nullable String toolCallId;

	private @Nullable FunctionCall functionCall;

	private ChatMessage() {
	}

	/**
	 * A message with no part set, as an empty stream delta is.
	 */
	static ChatMessage empty() {
		return new ChatMessage();
	}

	private ChatMessage(Builder builder) {
		super(builder.extra);
		this.role = builder.role;
		this.content = builder.content;
		this.name = builder.name;
		this.reasoningContent = builder.reasoningContent;
		this.refusal = builder.refusal;
		this.toolCalls = (builder.toolCalls != null) ? List.copyOf(builder.toolCalls) : null;
		this.toolCallId = builder.toolCallId;
		this.functionCall = builder.functionCall;
	}

	/**
	 * A {@code system} message: instructions for the model.
	 * @param content the text
	 * @return the message
	 */
	public static ChatMessage system(String content) {
		return builder().role(SYSTEM).content(content).build();
	}

	/**
	 * A {@code developer} message, the newer name some models use for system
	 * instructions.
	 * @param content the text
	 * @return the message
	 */
	public static ChatMessage developer(String content) {
		return builder().role(DEVELOPER).content(content).build();
	}

	/**
	 * A {@code user} message: the question or turn of the person chatting.
	 * @param content the text
	 * @return the message
	 */
	public static ChatMessage user(String content) {
		return builder().role(USER).content(content).build();
	}

	/**
	 * A multimodal user message, for example text plus
	 * {@link ContentPart#imageUrl(String) images}.
	 */
	public static ChatMessage user(ContentPart... parts) {
		return builder().role(USER).content(Arrays.asList(parts)).build();
	}

	/**
	 * An {@code assistant} message: an earlier answer of the model, sent back as
	 * conversation history.
	 * @param content the text
	 * @return the message
	 */
	public static ChatMessage assistant(String content) {
		return builder().role(ASSISTANT).content(content).build();
	}

	/**
	 * An assistant message that asked for tool calls, as it is sent back before their
	 * results.
	 */
	public static ChatMessage assistant(List<ToolCall> toolCalls) {
		return builder().role(ASSISTANT).toolCalls(toolCalls).build();
	}

	/**
	 * The result of the tool call with the given id.
	 */
	public static ChatMessage tool(String toolCallId, String content) {
		return builder().role(TOOL)
			.toolCallId(Objects.requireNonNull(toolCallId, "toolCallId"))
			.content(content)
			.build();
	}

	/**
	 * The result of a legacy {@code function_call}.
	 */
	public static ChatMessage function(String name, String content) {
		return builder().role(FUNCTION).name(Objects.requireNonNull(name, "name")).content(content).build();
	}

	/**
	 * A builder of a new message.
	 * @return an empty builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * A builder that starts from this message.
	 * @return a builder holding this message's fields
	 */
	public Builder mutate() {
		return new Builder(this);
	}

	/**
	 * Role of the message; {@code null} only on stream deltas after the first.
	 */
	public @Nullable String role() {
		return this.role;
	}

	/**
	 * Text of the message: the string content, or the text parts of a multimodal content
	 * joined; {@code null} when there is none (for example a pure tool-call answer).
	 */
	public @Nullable String content() {
		if (this.content == null || this.content instanceof String) {
			return (String) this.content;
		}
		StringBuilder text = new StringBuilder();
		for (ContentPart part : contentParts()) {
			if (part.text() != null) {
				text.append(part.text());
			}
		}
		return text.toString();
	}

	/**
	 * The parts of a multimodal content; a plain string content is one text part.
	 */
	public List<ContentPart> contentParts() {
		if (this.content instanceof String text) {
			return List.of(ContentPart.text(text));
		}
		if (this.content instanceof List<?> parts) {
			List<ContentPart> result = new ArrayList<>(parts.size());
			for (Object part : parts) {
				result.add((ContentPart) part);
			}
			return result;
		}
		return List.of();
	}

	/**
	 * Whether the content is an array of parts rather than a string.
	 */
	public boolean isMultimodal() {
		return this.content instanceof List;
	}

	/**
	 * Name of the participant or, for a legacy {@code function} message, of the function.
	 * @return the name or {@code null}
	 */
	public @Nullable String name() {
		return this.name;
	}

	/**
	 * Reasoning the model showed before its answer, whichever way the server spelled it:
	 * {@code reasoning_content} (DeepSeek, Qwen, one-api/new-api), {@code reasoning}
	 * (vLLM 0.10+, Groq, OpenRouter) or content parts of type {@code thinking} (Mistral's
	 * magistral models).
	 * @return the reasoning or {@code null}
	 */
	public @Nullable String reasoningContent() {
		if (this.reasoningContent != null) {
			return this.reasoningContent;
		}
		if (extra().get(REASONING) instanceof String reasoning) {
			return reasoning;
		}
		return thinking();
	}

	/**
	 * The text of the {@code thinking} content parts, or {@code null} when there are
	 * none.
	 */
	@Nullable String thinking() {
		if (!(this.content instanceof List<?> parts)) {
			return null;
		}
		StringBuilder text = null;
		for (Object part : parts) {
			String thinking = ((ContentPart) part).thinking();
			if (thinking != null) {
				text = ((text != null) ? text : new StringBuilder()).append(thinking);
			}
		}
		return (text != null) ? text.toString() : null;
	}

	/**
	 * The {@code reasoning_content} field as sent, without the other spellings.
	 */
	@Nullable String reasoningContentField() {
		return this.reasoningContent;
	}

	/**
	 * Refusal text of a model that declined to answer.
	 * @return the refusal or {@code null}
	 */
	public @Nullable String refusal() {
		return this.refusal;
	}

	/**
	 * Tool calls the assistant asked for.
	 * @return the tool calls, empty when none
	 */
	public List<ToolCall> toolCalls() {
		return (this.toolCalls != null) ? this.toolCalls : List.of();
	}

	/**
	 * Id of the tool call a {@code tool} message answers.
	 * @return the id or {@code null}
	 */
	public @Nullable String toolCallId() {
		return this.toolCallId;
	}

	/**
	 * Legacy function call the assistant asked for.
	 * @return the function call or {@code null}
	 */
	public @Nullable FunctionCall functionCall() {
		return this.functionCall;
	}

	/**
	 * This answer as the assistant message a follow-up request sends back before the tool
	 * results: role, text, tool calls (without their stream {@code index}, with any
	 * vendor fields such as Gemini's thought signatures) and legacy function call.
	 * Refusal and message-level vendor fields are left out.
	 * @param keepReasoningContent whether to send {@code reasoning_content} back.
	 * DeepSeek's thinking mode requires it within a tool loop; OpenAI's schema allows the
	 * extra property and OpenAI never produces it, so it only ever goes back to a
	 * provider that sent it. Turn it off for a provider that rejects it (older DeepSeek
	 * reasoners answered 400 to it).
	 */
	public ChatMessage toFollowUp(boolean keepReasoningContent) {
		Builder followUp = builder().role(ASSISTANT)
			.content(content())
			.toolCalls(toolCalls().stream().map(ToolCall::withoutIndex).toList())
			.functionCall(this.functionCall);
		if (keepReasoningContent) {
			// In the spelling the provider used, so it reads its own reasoning back.
			String thinking = thinking();
			if (this.reasoningContent != null) {
				followUp.reasoningContent(this.reasoningContent);
			}
			else if (extra().get(REASONING) instanceof String reasoning) {
				followUp.extra(REASONING, reasoning);
			}
			else if (thinking != null) {
				String text = content();
				followUp.content((text == null || text.isEmpty()) ? List.of(ContentPart.thinking(thinking))
						: List.of(ContentPart.thinking(thinking), ContentPart.text(text)));
			}
		}
		return followUp.build();
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof ChatMessage that && Objects.equals(this.role, that.role)
				&& Objects.equals(this.content, that.content) && Objects.equals(this.name, that.name)
				&& Objects.equals(this.reasoningContent, that.reasoningContent)
				&& Objects.equals(this.refusal, that.refusal) && Objects.equals(this.toolCalls, that.toolCalls)
				&& Objects.equals(this.toolCallId, that.toolCallId)
				&& Objects.equals(this.functionCall, that.functionCall) && extra().equals(that.extra()));
	}

	@Override
	public int hashCode() {
		// Without Objects.hash's array: token counts look messages up by hash on every
		// call of a conversation.
		int hash = Objects.hashCode(this.role);
		hash = 31 * hash + Objects.hashCode(this.content);
		hash = 31 * hash + Objects.hashCode(this.toolCallId);
		return 31 * hash + Objects.hashCode(this.toolCalls);
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder("ChatMessage{role=").append(this.role);
		if (this.content != null) {
			text.append(", content=").append(this.content);
		}
		if (this.reasoningContent != null) {
			text.append(", reasoningContent=").append(this.reasoningContent);
		}
		if (this.toolCalls != null) {
			text.append(", toolCalls=").append(this.toolCalls);
		}
		if (this.toolCallId != null) {
			text.append(", toolCallId=").append(this.toolCallId);
		}
		if (this.functionCall != null) {
			text.append(", functionCall=").append(this.functionCall);
		}
		return text.append('}').toString();
	}

	/**
	 * Builds a {@link ChatMessage}; a role is required.
	 */
	public static final class Builder {

		private @Nullable String role;

		private @Nullable Object content;

		private @Nullable String name;

		private @Nullable String reasoningContent;

		private @Nullable String refusal;

		private @Nullable List<ToolCall> toolCalls;

		private @Nullable String toolCallId;

		private @Nullable FunctionCall functionCall;

		private @Nullable Map<String, Object> extra;

		private Builder() {
		}

		private Builder(ChatMessage message) {
			this.role = message.role;
			this.content = message.content;
			this.name = message.name;
			this.reasoningContent = message.reasoningContent;
			this.refusal = message.refusal;
			this.toolCalls = message.toolCalls;
			this.toolCallId = message.toolCallId;
			this.functionCall = message.functionCall;
			this.extra = Extras.copy(message.extraOrNull());
		}

		/**
		 * Sets the role ({@code system}, {@code user}, {@code assistant}, {@code tool},
		 * …).
		 * @param role the role
		 * @return this builder
		 */
		public Builder role(String role) {
			this.role = Objects.requireNonNull(role, "role");
			return this;
		}

		/**
		 * Sets the text content.
		 * @param content the text, or {@code null} for none
		 * @return this builder
		 */
		public Builder content(@Nullable String content) {
			this.content = content;
			return this;
		}

		/**
		 * Sets multimodal content: text and image parts.
		 * @param parts the parts, at least one
		 * @return this builder
		 */
		public Builder content(List<ContentPart> parts) {
			Objects.requireNonNull(parts, "parts");
			if (parts.isEmpty()) {
				throw new IllegalArgumentException("A multimodal message needs at least one content part");
			}
			this.content = List.copyOf(parts);
			return this;
		}

		/**
		 * Sets the participant's or function's name.
		 * @param name the name
		 * @return this builder
		 */
		public Builder name(@Nullable String name) {
			this.name = name;
			return this;
		}

		/**
		 * Sets the reasoning shown before the answer.
		 * @param reasoningContent the reasoning text
		 * @return this builder
		 */
		public Builder reasoningContent(@Nullable String reasoningContent) {
			this.reasoningContent = reasoningContent;
			return this;
		}

		/**
		 * Sets the refusal text.
		 * @param refusal the refusal
		 * @return this builder
		 */
		public Builder refusal(@Nullable String refusal) {
			this.refusal = refusal;
			return this;
		}

		/**
		 * Sets the tool calls the assistant asked for.
		 * @param toolCalls the tool calls
		 * @return this builder
		 */
		public Builder toolCalls(@Nullable List<ToolCall> toolCalls) {
			this.toolCalls = (toolCalls == null || toolCalls.isEmpty()) ? null : List.copyOf(toolCalls);
			return this;
		}

		/**
		 * Sets the id of the tool call this message answers.
		 * @param toolCallId the id
		 * @return this builder
		 */
		public Builder toolCallId(@Nullable String toolCallId) {
			this.toolCallId = toolCallId;
			return this;
		}

		/**
		 * Sets the legacy function call.
		 * @param functionCall the function call
		 * @return this builder
		 */
		public Builder functionCall(@Nullable FunctionCall functionCall) {
			this.functionCall = functionCall;
			return this;
		}

		/**
		 * Sets a field this model has no typed property for; it is sent as is.
		 */
		public Builder extra(String name, @Nullable Object value) {
			this.extra = Extras.put(this.extra, Objects.requireNonNull(name, "name"), value);
			return this;
		}

		/**
		 * Builds the message.
		 * @return the immutable message
		 * @throws IllegalArgumentException when the role is missing
		 */
		public ChatMessage build() {
			if (this.role == null || this.role.isBlank()) {
				throw new IllegalArgumentException("A chat message needs a role (system, user, assistant or tool)");
			}
			return new ChatMessage(this);
		}

	}

}
