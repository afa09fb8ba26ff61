package io.github.chatstarter.client.observation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.github.chatstarter.model.ChatChoice;
import io.github.chatstarter.model.ChatChunk;
import io.github.chatstarter.model.ChatChunkChoice;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.model.ChatResponse;
import io.github.chatstarter.model.Usage;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What is known about one chat call to one provider: the request as sent, and what the
 * reply said so far (model, id, finish reasons, usage, time to the first chunk of a
 * stream). Filled in while the call runs; read by conventions and handlers when the
 * observation stops.
 */
public class ChatObservationContext extends Observation.Context {

	/** Value of {@code gen_ai.operation.name} for chat completions. */
	public static final String OPERATION_CHAT = "chat";

	private final String provider;

	private final String serverAddress;

	private final int serverPort;

	private final ChatRequest request;

	private final boolean streaming;

	private final boolean includeContent;

	private final long startNanos = System.nanoTime();

	private @Nullable String responseId;

	private @Nullable String responseModel;

	/** Choice indexes beyond this are not trusted as list positions. */
	private static final int MAX_CHOICES = 128;

	private final List<@Nullable String> finishReasons = new ArrayList<>(1);

	private @Nullable Usage usage;

	private @Nullable Duration timeToFirstChunk;

	private @Nullable StringBuilder completion;

	private boolean cancelled;

	/**
	 * @param provider name of the configured provider
	 * @param serverAddress host of the provider's endpoint
	 * @param serverPort port of the provider's endpoint
	 * @param request the request as sent (model resolved)
	 * @param streaming whether the call streams its answer
	 * @param includeContent whether prompt and answer may be recorded
	 */
	public ChatObservationContext(String provider, String serverAddress, int serverPort, ChatRequest request,
			boolean streaming, boolean includeContent) {
		this.provider = Objects.requireNonNull(provider, "provider");
		this.serverAddress = Objects.requireNonNull(serverAddress, "serverAddress");
		this.serverPort = serverPort;
		this.request = Objects.requireNonNull(request, "request");
		this.streaming = streaming;
		this.includeContent = includeContent;
		this.completion = (includeContent && streaming) ? new StringBuilder() : null;
	}

	public String getOperationName() {
		return OPERATION_CHAT;
	}

	/**
	 * Name of the configured provider, as under {@code chat.providers}.
	 */
	public String getProvider() {
		return this.provider;
	}

	public String getServerAddress() {
		return this.serverAddress;
	}

	public int getServerPort() {
		return this.serverPort;
	}

	public ChatRequest getRequest() {
		return this.request;
	}

	public boolean isStreaming() {
		return this.streaming;
	}

	/**
	 * Whether prompt and answer may be recorded
	 * ({@code chat.observations.include-content}).
	 */
	public boolean isIncludeContent() {
		return this.includeContent;
	}

	public @Nullable String getResponseId() {
		return this.responseId;
	}

	/**
	 * Model named by the reply, which may differ from the requested one (such as a dated
	 * version).
	 */
	public @Nullable String getResponseModel() {
		return this.responseModel;
	}

	/**
	 * Finish reasons of the choices, in choice order; empty until the reply has said.
	 */
	public List<String> getFinishReasons() {
		return this.finishReasons.stream().filter(Objects::nonNull).toList();
	}

	public @Nullable Usage getUsage() {
		return this.usage;
	}

	/**
	 * Time from the start of a stream to its first chunk, or {@code null} before it (or
	 * for a non-streamed call).
	 */
	public @Nullable Duration getTimeToFirstChunk() {
		return this.timeToFirstChunk;
	}

	/**
	 * The answer's text when content is included, else {@code null}.
	 */
	public @Nullable String getCompletion() {
		return (this.completion != null) ? this.completion.toString() : null;
	}

	/**
	 * Whether the caller cancelled the call before it completed.
	 */
	public boolean isCancelled() {
		return this.cancelled;
	}

	/**
	 * Time since the context was created, which is when the call started.
	 */
	public Duration getElapsed() {
		return Duration.ofNanos(System.nanoTime() - this.startNanos);
	}

	/**
	 * Records a non-streamed reply.
	 */
	public void onResponse(ChatResponse response) {
		this.responseId = response.id();
		this.responseModel = response.model();
		this.usage = response.usage();
		this.finishReasons.clear();
		for (ChatChoice choice : response.choices()) {
			if (choice.finishReason() != null) {
				setFinishReason(choice.index(), choice.finishReason());
			}
		}
		if (this.includeContent) {
			this.completion = new StringBuilder(response.content());
		}
	}

	/**
	 * Records a chunk of a stream: the first one's arrival, and whatever the chunk says
	 * about the reply as a whole. Kept cheap: it runs once per chunk.
	 */
	public void onChunk(ChatChunk chunk) {
		if (this.timeToFirstChunk == null) {
			this.timeToFirstChunk = getElapsed();
		}
		if (this.responseId == null) {
			this.responseId = chunk.id();
		}
		if (chunk.model() != null) {
			this.responseModel = chunk.model();
		}
		if (chunk.usage() != null) {
			this.usage = chunk.usage();
		}
		for (ChatChunkChoice choice : chunk.choices()) {
			if (choice.finishReason() != null) {
				setFinishReason(choice.index(), choice.finishReason());
			}
		}
		if (this.completion != null) {
			this.completion.append(chunk.content());
		}
	}

	/**
	 * Keeps the last finish reason of each choice: a stream may report one and go on, as
	 * the web-search signal ({@code function_call}) does.
	 */
	private void setFinishReason(int index, String reason) {
		if (index < 0 || index >= MAX_CHOICES) {
			this.finishReasons.add(reason);
			return;
		}
		while (this.finishReasons.size() <= index) {
			this.finishReasons.add(null);
		}
		this.finishReasons.set(index, reason);
	}

	/**
	 * Records that the caller cancelled the call.
	 */
	public void onCancel() {
		this.cancelled = true;
	}

}
