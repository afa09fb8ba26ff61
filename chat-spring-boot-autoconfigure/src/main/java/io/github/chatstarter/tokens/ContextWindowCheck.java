package io.github.chatstarter.tokens;

import java.util.Objects;
import java.util.function.Consumer;

import io.github.chatstarter.error.ChatContextLengthException;
import io.github.chatstarter.model.ChatRequest;

/**
 * The pre-flight check of one provider: refuses a request whose prompt and requested
 * output ({@code max_completion_tokens}, else {@code max_tokens}) take more tokens than
 * its model's context window, with a {@link ChatContextLengthException} that gives the
 * counts and the limit, before anything is sent. A model without a known limit is not
 * checked, nor counted; a request that surely fits is not counted either
 * ({@link TokenEstimator#fits}). Registered on each provider's template with
 * {@code ProviderChatTemplate.Builder.requestCheck(..)}, where the request already has
 * its model.
 */
public final class ContextWindowCheck implements Consumer<ChatRequest> {

	private final String provider;

	private final ModelLimitsRegistry limits;

	private final TokenEstimator estimator;

	/**
	 * Makes the check of one provider.
	 * @param provider name of the provider, for its own limits and the messages
	 * @param limits the model limits
	 * @param estimator the token estimator
	 */
	public ContextWindowCheck(String provider, ModelLimitsRegistry limits, TokenEstimator estimator) {
		this.provider = Objects.requireNonNull(provider, "provider");
		this.limits = Objects.requireNonNull(limits, "limits");
		this.estimator = Objects.requireNonNull(estimator, "estimator");
	}

	/**
	 * Checks a request.
	 * @param request the request, its model filled in
	 * @throws ChatContextLengthException if it cannot fit
	 */
	@Override
	public void accept(ChatRequest request) {
		String model = request.model();
		ModelLimits limits = (model != null) ? this.limits.find(this.provider, model) : null;
		if (model == null || limits == null) {
			return;
		}
		int output = requestedOutput(request);
		if (!this.estimator.fits(request, limits.contextWindow() - output)) {
			throw refuse(model, this.estimator.estimate(request), output, limits);
		}
	}

	/**
	 * The output tokens a request asks for: {@code max_completion_tokens}, else
	 * {@code max_tokens}, else 0.
	 * @param request the request
	 * @return the requested output tokens
	 */
	public static int requestedOutput(ChatRequest request) {
		Integer output = (request.maxCompletionTokens() != null) ? request.maxCompletionTokens() : request.maxTokens();
		return (output != null) ? Math.max(0, output) : 0;
	}

	/** A map key as a property name writes it: in brackets unless plain. */
	private static String mapKey(String key) {
		return key.matches("[a-z0-9-]+") ? "." + key : "[" + key + "]";
	}

	private ChatContextLengthException refuse(String model, int promptTokens, int output, ModelLimits limits) {
		String counted = this.estimator.isExact(model) ? "" : " (estimated)";
		String message = "Provider '" + this.provider + "': the request does not fit the context window of " + model
				+ ": " + promptTokens + " prompt tokens" + counted + " + " + output + " requested output tokens = "
				+ (promptTokens + output) + ", more than its " + limits.contextWindow()
				+ " tokens. Shorten the messages or lower max_tokens; if the model holds more, set chat.providers."
				+ this.provider + ".model-limits" + mapKey(model) + ".context-window";
		return new ChatContextLengthException(message, this.provider, promptTokens, output, limits.contextWindow());
	}

}
