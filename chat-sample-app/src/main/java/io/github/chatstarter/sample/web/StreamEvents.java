package io.github.chatstarter.sample.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.chatstarter.model.ChatChunk;
import org.jspecify.annotations.Nullable;
import org.springframework.http.codec.ServerSentEvent;

/**
 * The events of {@code POST /api/chat/stream}: a {@code chunk} event per piece of the
 * answer, a {@code done} event at its end and an {@code error} event (data:
 * {@link ChatError}) when it fails. An instance follows one stream, to tell in
 * {@code done} which provider and model answered and what it used.
 */
final class StreamEvents {

	static final String CHUNK = "chunk";

	static final String DONE = "done";

	static final String ERROR = "error";

	private @Nullable String provider;

	private @Nullable String model;

	private @Nullable TokenUsage usage;

	private @Nullable String finishReason;

	/**
	 * Whether the chunk carries anything the page shows; role-only openers carry nothing.
	 */
	static boolean isWorthSending(ChatChunk chunk) {
		return !chunk.content().isEmpty() || chunk.usage() != null || chunk.finishReason() != null
				|| chunk.isWebSearch();
	}

	ServerSentEvent<Object> chunk(ChatChunk chunk) {
		Piece piece = new Piece(chunk.content(), chunk.provider(), chunk.model(), TokenUsage.of(chunk.usage()),
				chunk.finishReason(), chunk.isWebSearch() ? Boolean.TRUE : null);
		this.provider = (piece.provider() != null) ? piece.provider() : this.provider;
		this.model = (piece.model() != null) ? piece.model() : this.model;
		this.usage = (piece.usage() != null) ? piece.usage() : this.usage;
		// The web search signal (ai-gs's API documentation) ends with finish_reason
		// function_call and the answer goes on.
		this.finishReason = (piece.finishReason() != null && !"function_call".equals(piece.finishReason()))
				? piece.finishReason() : this.finishReason;
		return event(CHUNK, piece);
	}

	ServerSentEvent<Object> done() {
		return event(DONE, new Done(this.provider, this.model, this.usage, this.finishReason));
	}

	static ServerSentEvent<Object> error(Throwable ex) {
		return event(ERROR, ChatError.of(ex));
	}

	private static ServerSentEvent<Object> event(String name, Object data) {
		return ServerSentEvent.builder(data).event(name).build();
	}

	/**
	 * Data of a {@code chunk} event.
	 *
	 * @param text the piece of the answer's text ("" when the chunk only carries usage or
	 * an end)
	 * @param provider the provider that sent it
	 * @param model the model that wrote it
	 * @param usage tokens used, on the last chunks of providers that report it
	 * @param finishReason set on the chunk that ends the answer
	 * @param webSearch {@code true} when the provider started a web search (ai-gs
	 * {@code online: true})
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Piece(String text, @Nullable String provider, @Nullable String model, @Nullable TokenUsage usage,
			@Nullable String finishReason, @Nullable Boolean webSearch) {
	}

	/**
	 * Data of the {@code done} event: what the whole answer came from.
	 *
	 * @param provider the provider that answered
	 * @param model the model that answered
	 * @param usage tokens used, or {@code null} when the provider did not say
	 * @param finishReason why the answer ended
	 */
	record Done(@Nullable String provider, @Nullable String model, @Nullable TokenUsage usage,
			@Nullable String finishReason) {
	}

}
