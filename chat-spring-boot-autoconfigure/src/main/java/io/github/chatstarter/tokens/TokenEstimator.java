package io.github.chatstarter.tokens;

import io.github.chatstarter.model.ChatMessage;
import io.github.chatstarter.model.ChatRequest;
import org.jspecify.annotations.Nullable;

/**
 * Counts the tokens of prompts: the one estimator of the code base, used by the
 * context-window pre-flight, conversation memory and rate limits.
 * <p>
 * OpenAI's models are counted with their own tokenizer (jtokkit): {@code o200k_base} for
 * gpt-4o, gpt-4.1, gpt-4.5, gpt-5 and the o-series, {@code cl100k_base} for gpt-4 and
 * gpt-3.5. Any other model (qwen, deepseek, glm, moonshot, ernie, spark, claude, …) is
 * estimated on the safe side: its {@code cl100k_base} count plus 10 %, rounded up.
 * Chinese vendors' tokenizers hold many more Chinese words than {@code cl100k_base}, so
 * for Chinese text this is well above their own count; for English it is a little above.
 * <p>
 * A message counts as OpenAI's chat format does: 3 tokens of framing, its role, content,
 * name (1 more), tool calls and tool-call id, refusal and reasoning when present; an
 * image 85 tokens at detail {@code low} and 765 otherwise (a 1024×1024 picture at
 * {@code high}). A request adds 3 tokens that prime the reply, and its tools, functions
 * and JSON schema as the JSON they are sent as. Thread-safe; never blocks once made (the
 * tokenizers are loaded when the first estimator is made).
 */
public interface TokenEstimator {

	/**
	 * Prompt tokens of a request for its model: its messages, tools, functions and
	 * response schema, and the reply's priming.
	 * @param request the request
	 * @return the estimated prompt tokens
	 */
	int estimate(ChatRequest request);

	/**
	 * Whether a request's prompt takes at most the given tokens: {@code estimate(request)
	 * <= limit}, but without counting what surely fits (a token is at least one byte, so
	 * a prompt whose messages' UTF-8 length is within the limit fits, counted or not).
	 * @param request the request
	 * @param limit the most prompt tokens allowed
	 * @return whether the prompt fits
	 */
	default boolean fits(ChatRequest request, int limit) {
		return estimate(request) <= limit;
	}

	/**
	 * Tokens one message adds to a prompt, framing included.
	 * @param message the message
	 * @param model the model it is for, or {@code null} for the safe estimate
	 * @return the estimated tokens
	 */
	int estimate(ChatMessage message, @Nullable String model);

	/**
	 * Tokens of a plain text.
	 * @param text the text
	 * @param model the model it is for, or {@code null} for the safe estimate
	 * @return the estimated tokens
	 */
	int count(String text, @Nullable String model);

	/**
	 * Whether a model's counts are exact: counted with the model's own tokenizer rather
	 * than estimated.
	 * @param model the model, or {@code null}
	 * @return whether its counts are exact
	 */
	boolean isExact(@Nullable String model);

	/**
	 * The estimator described above. Loads the tokenizers on first use (once per class
	 * loader, about half a second), so make it at startup rather than on a network
	 * thread.
	 * @return the estimator
	 */
	static TokenEstimator create() {
		return new DefaultTokenEstimator();
	}

}
