package io.github.chatstarter.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.OptBoolean;
import org.jspecify.annotations.Nullable;

/**
 * One event of a streamed reply ({@code chat.completion.chunk}), with the name of the
 * provider that sent it. The last chunk of a stream may have no choices and only
 * {@link #usage()}.
 */
@JsonModel
public final class ChatChunk extends UnknownFields {

	private static final String WEB_SEARCH = "web_search";

	private @Nullable String id;

	private @Nullable String object;

	/**
	 * Boxed: Jackson 3 fails on {@code "created": null} for a primitive, which some
	 * relays send.
	 */
	private @Nullable Long created;

	private @Nullable String model;

	private List<ChatChunkChoice> choices = List.of();

	private @Nullable Usage usage;

	private @Nullable String systemFingerprint;

	private @Nullable String serviceTier;

	@JacksonInject(value = ChatResponse.PROVIDER_INJECTABLE, optional = OptBoolean.TRUE)
	private @Nullable String provider;

	/**
	 * Set by the decoder, which alone knows that a search started before this chunk: on
	 * the wire it looks like the end of a legacy function call.
	 */
	@JsonIgnore
	private boolean webSearchFinished;

	private ChatChunk() {
	}

	private ChatChunk(@Nullable String id, long created, @Nullable String model, List<ChatChunkChoice> choices,
			@Nullable Usage usage, @Nullable String provider) {
		this.id = id;
		this.object = "chat.completion.chunk";
		this.created = created;
		this.model = model;
		this.choices = List.copyOf(choices);
		this.usage = usage;
		this.provider = provider;
	}

	private ChatChunk(ChatChunk source, @Nullable Usage usage) {
		super(source.extraOrNull());
		this.id = source.id;
		this.object = source.object;
		this.created = source.created;
		this.model = source.model;
		this.choices = source.choices;
		this.usage = usage;
		this.systemFingerprint = source.systemFingerprint;
		this.serviceTier = source.serviceTier;
		this.provider = source.provider;
		this.webSearchFinished = source.webSearchFinished;
	}

	/**
	 * A chunk built by hand, for example by a relay adapter or a test.
	 */
	public static ChatChunk of(@Nullable String id, @Nullable String model, List<ChatChunkChoice> choices,
			@Nullable Usage usage, @Nullable String provider) {
		return new ChatChunk(id, 0, model, choices, usage, provider);
	}

	/**
	 * Splits a non-streamed reply into the chunk a stream would have delivered (used for
	 * relays that ignore {@code stream: true}). Its tool calls get their position as
	 * stream {@code index}, so that aggregating the chunk keeps calls apart even when a
	 * relay gave them no id.
	 */
	public static ChatChunk from(ChatResponse response) {
		List<ChatChunkChoice> choices = response.choices()
			.stream()
			.map((choice) -> ChatChunkChoice.of(choice.index(), asDelta(choice.message()), choice.finishReason()))
			.toList();
		return new ChatChunk(response.id(), response.created(), response.model(), choices, response.usage(),
				response.provider());
	}

	private static ChatMessage asDelta(ChatMessage message) {
		List<ToolCall> calls = message.toolCalls();
		if (calls.isEmpty()) {
			return message;
		}
		List<ToolCall> indexed = new ArrayList<>(calls.size());
		for (int i = 0; i < calls.size(); i++) {
			indexed.add(calls.get(i).withIndex(i));
		}
		return message.mutate().toolCalls(indexed).build();
	}

	/**
	 * Id the provider gave the stream; the same on every chunk.
	 * @return the id or {@code null}
	 */
	public @Nullable String id() {
		return this.id;
	}

	/**
	 * Object type the provider sent, normally {@code chat.completion.chunk}.
	 * @return the type or {@code null}
	 */
	public @Nullable String object() {
		return this.object;
	}

	/**
	 * Unix time in seconds when the stream was created.
	 * @return the time, 0 when not sent
	 */
	public long created() {
		return (this.created != null) ? this.created : 0L;
	}

	/**
	 * The model that answers, as the provider names it.
	 * @return the model or {@code null}
	 */
	public @Nullable String model() {
		return this.model;
	}

	/**
	 * Choices of this chunk, each with its delta.
	 * @return the choices, empty on a usage-only chunk
	 */
	public List<ChatChunkChoice> choices() {
		return (this.choices != null) ? this.choices : List.of();
	}

	/**
	 * Token usage; usually only on the last chunk, and only when asked for.
	 */
	public @Nullable Usage usage() {
		return this.usage;
	}

	/**
	 * This chunk with the given usage instead of its own, for example the usage of all
	 * the calls behind one answer.
	 */
	public ChatChunk withUsage(@Nullable Usage usage) {
		return new ChatChunk(this, usage);
	}

	/**
	 * Fingerprint of the provider's backend configuration.
	 * @return the fingerprint or {@code null}
	 */
	public @Nullable String systemFingerprint() {
		return this.systemFingerprint;
	}

	/**
	 * Service tier the provider used.
	 * @return the tier or {@code null}
	 */
	public @Nullable String serviceTier() {
		return this.serviceTier;
	}

	/**
	 * Name of the configured provider that sent this chunk.
	 */
	public @Nullable String provider() {
		return this.provider;
	}

	/**
	 * The first choice's delta text, or {@code ""}.
	 */
	public String content() {
		if (this.choices == null || this.choices.isEmpty()) {
			return "";
		}
		String content = this.choices.get(0).delta().content();
		return (content != null) ? content : "";
	}

	/**
	 * The first choice's delta reasoning text, or {@code null}.
	 */
	public @Nullable String reasoningContent() {
		return (this.choices == null || this.choices.isEmpty()) ? null : this.choices.get(0).delta().reasoningContent();
	}

	/**
	 * The first choice's finish reason, or {@code null} while the answer goes on.
	 */
	public @Nullable String finishReason() {
		return (this.choices == null || this.choices.isEmpty()) ? null : this.choices.get(0).finishReason();
	}

	/**
	 * Whether the provider's content review cut the answer here.
	 */
	public boolean isContentFiltered() {
		return FinishReasons.isContentFiltered(finishReason());
	}

	/**
	 * Whether this chunk is the signal of relays with web search (ai-gs
	 * {@code online: true}) that a search started: a {@code web_search} function call.
	 * The answer follows in later chunks.
	 */
	public boolean isWebSearch() {
		if (this.choices == null || this.choices.isEmpty()) {
			return false;
		}
		FunctionCall call = this.choices.get(0).delta().functionCall();
		return call != null && WEB_SEARCH.equals(call.name());
	}

	/**
	 * Whether this chunk is the signal of relays with web search (ai-gs
	 * {@code online: true}) that the search finished: after a {@link #isWebSearch()}
	 * chunk, a chunk with {@code finish_reason: function_call}. It is not the end of the
	 * answer, which follows in later chunks; a stream that ends here is cut off and
	 * fails. A UI can show "searching…" between the two signals.
	 * @return whether the search finished here
	 */
	public boolean isWebSearchFinished() {
		return this.webSearchFinished;
	}

	/**
	 * This chunk, marked as the end of a web search that started earlier in its stream
	 * (see {@link #isWebSearchFinished()}); for decoders, which know what came before.
	 * @return a copy with the mark
	 */
	public ChatChunk asWebSearchFinished() {
		ChatChunk marked = new ChatChunk(this, this.usage);
		marked.webSearchFinished = true;
		return marked;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof ChatChunk that && Objects.equals(this.id, that.id)
				&& Objects.equals(this.model, that.model) && Objects.equals(this.choices, that.choices)
				&& Objects.equals(this.usage, that.usage) && Objects.equals(this.provider, that.provider));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.id, this.choices);
	}

	@Override
	public String toString() {
		return "ChatChunk{id=" + this.id + ", provider=" + this.provider + ", choices=" + this.choices
				+ ((this.usage != null) ? ", usage=" + this.usage : "") + "}";
	}

}
