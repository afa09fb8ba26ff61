package io.github.chatstarter.error;

import org.jspecify.annotations.Nullable;

/**
 * The request does not fit the model's context window: its prompt and the output it asks
 * for take more tokens than the model can hold. Raised before sending, when the model's
 * limit is known and the counts say so (then {@link #getPromptTokens()},
 * {@link #getRequestedOutputTokens()} and {@link #getContextWindow()} give them), or
 * mapped from the provider's own "context length exceeded" error (then they are
 * {@code null}). Never retried and never failed over: shorten the messages or ask for
 * fewer output tokens.
 */
public class ChatContextLengthException extends ChatBadRequestException {

	private final @Nullable Integer promptTokens;

	private final @Nullable Integer requestedOutputTokens;

	private final @Nullable Integer contextWindow;

	/**
	 * A refusal before sending, with the counts that led to it.
	 * @param message what does not fit, with the counts and the limit
	 * @param provider name of the provider the request was for, or {@code null}
	 * @param promptTokens tokens the prompt takes, as estimated
	 * @param requestedOutputTokens tokens the request asks the answer may take
	 * ({@code max_tokens} or {@code max_completion_tokens}), 0 when it sets none
	 * @param contextWindow tokens the model holds, prompt and answer together
	 */
	public ChatContextLengthException(String message, @Nullable String provider, int promptTokens,
			int requestedOutputTokens, int contextWindow) {
		super(message, UpstreamError.of(provider), null);
		this.promptTokens = promptTokens;
		this.requestedOutputTokens = requestedOutputTokens;
		this.contextWindow = contextWindow;
	}

	/**
	 * The provider's own "context length exceeded" error.
	 * @param message what the provider said, with its name
	 * @param upstream the provider's reply
	 * @param cause the underlying failure, or {@code null}
	 */
	public ChatContextLengthException(String message, UpstreamError upstream, @Nullable Throwable cause) {
		super(message, upstream, cause);
		this.promptTokens = null;
		this.requestedOutputTokens = null;
		this.contextWindow = null;
	}

	/**
	 * Tokens the prompt takes, as estimated before sending.
	 * @return the count, or {@code null} when the provider refused the request
	 */
	public @Nullable Integer getPromptTokens() {
		return this.promptTokens;
	}

	/**
	 * Tokens the request asked the answer may take.
	 * @return the count (0 when the request set no limit), or {@code null} when the
	 * provider refused the request
	 */
	public @Nullable Integer getRequestedOutputTokens() {
		return this.requestedOutputTokens;
	}

	/**
	 * The model's context window in tokens.
	 * @return the window, or {@code null} when the provider refused the request
	 */
	public @Nullable Integer getContextWindow() {
		return this.contextWindow;
	}

}
