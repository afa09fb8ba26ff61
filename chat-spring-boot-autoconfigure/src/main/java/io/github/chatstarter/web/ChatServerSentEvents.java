package io.github.chatstarter.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.chatstarter.error.ChatException;
import io.github.chatstarter.error.internal.SecretRedactor;
import io.github.chatstarter.model.ChatChunk;
import io.github.chatstarter.model.Usage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Turns a chat stream into the server-sent events a browser shows as they come, for a
 * WebFlux (or MVC) endpoint that produces {@code text/event-stream}: <pre class="code">
 * &#64;PostMapping(path = "/chat", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
 * Flux&lt;ServerSentEvent&lt;Object&gt;&gt; chat(&#64;RequestBody String question) {
 *     return ChatServerSentEvents.of(chatTemplate.stream(ChatRequest.ofUserMessage(question)));
 * }
 * </pre> The events, each with JSON data:
 * <ul>
 * <li>{@value #TEXT}: a piece of the answer, {@link Text}; chunks with nothing to show
 * (the role-only opener, empty deltas) send nothing;</li>
 * <li>{@value #REASONING}: a piece of the model's reasoning, {@link Text};</li>
 * <li>{@value #WEB_SEARCH}: a relay's web search started or finished, {@link WebSearch}
 * (ai-gs {@code online: true}), so a page can show "searching…" in between;</li>
 * <li>{@value #DONE}: the last event of a complete answer: who answered, the finish
 * reason and the tokens used, {@link Done};</li>
 * <li>{@value #ERROR}: the last event of a failed one, with the ProblemDetail fields a
 * web application would answer ({@code type}, {@code title}, {@code status},
 * {@code detail}; no key, no upstream internals), instead of a broken connection.</li>
 * </ul>
 * The stream always completes normally after {@value #DONE} or {@value #ERROR}.
 */
public final class ChatServerSentEvents {

	/** Name of the events that carry the answer's text. */
	public static final String TEXT = "text";

	/** Name of the events that carry the model's reasoning. */
	public static final String REASONING = "reasoning";

	/** Name of the events that say a relay's web search started or finished. */
	public static final String WEB_SEARCH = "web-search";

	/** Name of the last event of a complete answer. */
	public static final String DONE = "done";

	/** Name of the last event of a failed answer. */
	public static final String ERROR = "error";

	private static final Log logger = LogFactory.getLog(ChatServerSentEvents.class);

	private ChatServerSentEvents() {
	}

	/**
	 * The events of the given stream, which is subscribed to once per subscription.
	 * @param chunks the chat stream
	 * @return the events, ending with {@value #DONE} or {@value #ERROR}
	 */
	public static Flux<ServerSentEvent<Object>> of(Flux<ChatChunk> chunks) {
		return of(chunks, ChatServerSentEvents::problem);
	}

	/**
	 * The events of the given stream, with the {@value #ERROR} event's data made by the
	 * given function instead of the ProblemDetail, for a page that shows more of a
	 * failure. Whatever it returns reaches the browser: keep internals out of it.
	 * @param chunks the chat stream
	 * @param errorData the data of the {@value #ERROR} event for a failure
	 * @return the events, ending with {@value #DONE} or {@value #ERROR}
	 */
	public static Flux<ServerSentEvent<Object>> of(Flux<ChatChunk> chunks, Function<Throwable, ?> errorData) {
		Objects.requireNonNull(chunks, "chunks");
		Objects.requireNonNull(errorData, "errorData");
		return Flux.defer(() -> {
			Summary summary = new Summary();
			return chunks.concatMapIterable(summary::events)
				.concatWith(Mono.fromSupplier(summary::done))
				.onErrorResume((failure) -> Mono.fromSupplier(() -> event(ERROR, errorData.apply(failure))));
		});
	}

	private static ProblemDetail problem(Throwable failure) {
		ProblemDetail problem;
		if (failure instanceof ChatException chat) {
			logger.warn("Chat stream failed; ending it with an error event: "
					+ SecretRedactor.redact(String.valueOf(chat.getMessage())));
			problem = chat.getBody();
		}
		else {
			// Not a chat failure: its message may hold anything, so none of it is sent.
			logger.warn("Chat stream failed; ending it with an error event", failure);
			problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "The chat call failed.");
		}
		return problem;
	}

	private static ServerSentEvent<Object> event(String name, Object data) {
		return ServerSentEvent.builder(data).event(name).build();
	}

	/**
	 * Data of the {@value #TEXT} and {@value #REASONING} events.
	 *
	 * @param text the piece of text
	 */
	public record Text(String text) {
	}

	/**
	 * Data of the {@value #WEB_SEARCH} events.
	 *
	 * @param status {@code started} or {@code finished}
	 */
	public record WebSearch(String status) {
	}

	/**
	 * Data of the {@value #DONE} event.
	 *
	 * @param provider the provider that answered
	 * @param model the model that answered
	 * @param finishReason why the answer ended, such as {@code stop} or {@code length}
	 * @param usage the tokens used, when the provider said
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Done(@Nullable String provider, @Nullable String model, @Nullable String finishReason,
			@Nullable Tokens usage) {
	}

	/**
	 * Tokens an answer used.
	 *
	 * @param promptTokens tokens of what was sent
	 * @param completionTokens tokens of the answer
	 * @param totalTokens both together
	 */
	public record Tokens(int promptTokens, int completionTokens, int totalTokens) {
	}

	/**
	 * What one stream said so far, for its {@value #DONE} event. One per subscription.
	 */
	private static final class Summary {

		private @Nullable String provider;

		private @Nullable String model;

		private @Nullable String finishReason;

		private @Nullable Usage usage;

		List<ServerSentEvent<Object>> events(ChatChunk chunk) {
			this.provider = (chunk.provider() != null) ? chunk.provider() : this.provider;
			this.model = (chunk.model() != null) ? chunk.model() : this.model;
			this.usage = (chunk.usage() != null) ? chunk.usage() : this.usage;
			List<ServerSentEvent<Object>> events = new ArrayList<>(2);
			if (chunk.isWebSearch()) {
				events.add(event(WEB_SEARCH, new WebSearch("started")));
			}
			if (chunk.isWebSearchFinished()) {
				events.add(event(WEB_SEARCH, new WebSearch("finished")));
			}
			else if (chunk.finishReason() != null) {
				this.finishReason = chunk.finishReason();
			}
			String reasoning = chunk.reasoningContent();
			if (reasoning != null && !reasoning.isEmpty()) {
				events.add(event(REASONING, new Text(reasoning)));
			}
			if (!chunk.content().isEmpty()) {
				events.add(event(TEXT, new Text(chunk.content())));
			}
			return events;
		}

		ServerSentEvent<Object> done() {
			Usage used = this.usage;
			Tokens tokens = (used != null)
					? new Tokens(used.promptTokens(), used.completionTokens(), used.totalTokens()) : null;
			return event(DONE, new Done(this.provider, this.model, this.finishReason, tokens));
		}

	}

}
