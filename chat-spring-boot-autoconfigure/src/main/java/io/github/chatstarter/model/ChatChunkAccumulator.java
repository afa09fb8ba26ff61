package io.github.chatstarter.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * Turns the chunks of one streamed reply into the {@link ChatResponse} a non-streamed
 * call would have returned: per choice (every one when {@code n > 1}) the text,
 * {@code reasoning_content}, refusal, tool calls and legacy {@code function_call}, and
 * the finish reason; the usage of the last chunk that had one; id, model, creation time
 * and provider from the first chunk that had them.
 * <p>
 * Relays differ in small ways, and all of these are accepted:
 * <ul>
 * <li>chunks after a finish reason: a usage-only chunk with {@code "choices": []}, an
 * empty delta, or the answer itself going on. When the answer goes on after a
 * {@code function_call} finish reason (the ai-gs {@code web_search} signal), that
 * function call was run by the relay, so the result is the answer, not a function
 * call;</li>
 * <li>tool calls merged by {@code index}, with the id and name in the first fragment
 * only, repeated in every fragment, or as {@code ""} on continuations; without
 * {@code index} by id; and several calls interleaved;</li>
 * <li>any chunk-level field the model has no property for: the last value is kept in
 * {@link ChatResponse#extra()} ({@code obfuscation}, OpenAI's per-chunk padding, is
 * not).</li>
 * </ul>
 * Not thread-safe: feed it the chunks of one stream in order, as a Flux delivers them.
 * For a {@code Flux<ChatChunk>} use
 * {@code io.github.chatstarter.ChatResponses#aggregate}.
 */
public final class ChatChunkAccumulator {

	/** OpenAI's random padding on each chunk; meaningless once the chunks are joined. */
	private static final String OBFUSCATION = "obfuscation";

	private int chunks;

	private @Nullable String id;

	private @Nullable String model;

	private long created;

	private @Nullable String systemFingerprint;

	private @Nullable String serviceTier;

	private @Nullable String provider;

	private @Nullable Usage usage;

	private final Map<Integer, StreamedChoice> choices = new TreeMap<>();

	private final Map<String, Object> extra = new LinkedHashMap<>();

	/**
	 * Adds the next chunk of the stream.
	 * @return this accumulator
	 */
	public ChatChunkAccumulator add(ChatChunk chunk) {
		Objects.requireNonNull(chunk, "chunk");
		this.chunks++;
		this.id = (this.id != null) ? this.id : chunk.id();
		this.model = (this.model != null) ? this.model : chunk.model();
		this.created = (this.created != 0) ? this.created : chunk.created();
		this.systemFingerprint = (this.systemFingerprint != null) ? this.systemFingerprint : chunk.systemFingerprint();
		this.serviceTier = (this.serviceTier != null) ? this.serviceTier : chunk.serviceTier();
		this.provider = (this.provider != null) ? this.provider : chunk.provider();
		if (chunk.usage() != null) {
			this.usage = chunk.usage();
		}
		for (ChatChunkChoice choice : chunk.choices()) {
			this.choices.computeIfAbsent(choice.index(), StreamedChoice::new).add(choice);
		}
		chunk.extra().forEach((name, value) -> {
			if (!OBFUSCATION.equals(name)) {
				this.extra.put(name, value);
			}
		});
		return this;
	}

	/**
	 * Whether no chunk has been added yet.
	 */
	public boolean isEmpty() {
		return this.chunks == 0;
	}

	/**
	 * The reply the chunks added so far make up.
	 * @throws IllegalStateException if no chunk was added: an empty stream is no reply
	 */
	public ChatResponse toResponse() {
		if (isEmpty()) {
			throw new IllegalStateException("No chunk was added, so there is no reply to build");
		}
		return ChatResponse.builder()
			.id(this.id)
			.created(this.created)
			.model(this.model)
			.choices(this.choices.values().stream().map(StreamedChoice::toChoice).toList())
			.usage(this.usage)
			.systemFingerprint(this.systemFingerprint)
			.serviceTier(this.serviceTier)
			.provider(this.provider)
			.extra(this.extra)
			.build();
	}

}
