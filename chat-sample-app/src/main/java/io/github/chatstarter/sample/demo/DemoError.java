package io.github.chatstarter.sample.demo;

import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * An error reply of the demo upstream, in OpenAI's {@code {"error": {...}}} shape with
 * the statuses and codes the relays' API documentation lists. A question with a trigger
 * word gets the matching error, so the sample's error handling can be tried offline.
 *
 * @param status HTTP status
 * @param type OpenAI error type
 * @param code OpenAI error code, or {@code null}
 * @param message human-readable message
 */
record DemoError(int status, String type, @Nullable String code, String message) {

	private static final List<Trigger> TRIGGERS = List.of(
			new Trigger("quota",
					new DemoError(403, "insufficient_quota", "insufficient_quota",
							"余额不足 (insufficient quota): the demo account has no quota left. "
									+ "[demo: triggered by the word \"quota\"]")),
			new Trigger("key|unauthorized", invalidApiKey("[demo: triggered by the word \"key\"]")),
			new Trigger("model",
					new DemoError(403, "invalid_request_error", "model_not_found",
							"模型未发现 (model not found): no channel serves this model. "
									+ "[demo: triggered by the word \"model\"]")),
			new Trigger("down",
					new DemoError(503, "server_error", null, "网络 或 服务器错误 (service unavailable): the upstream is down. "
							+ "[demo: triggered by the word \"down\"]")));

	/**
	 * The error a question asks for with one of the trigger words ("quota", "key",
	 * "unauthorized", "model", "down"; whole words, any case), or {@code null}.
	 */
	static @Nullable DemoError triggeredBy(String question) {
		for (Trigger trigger : TRIGGERS) {
			if (trigger.word().matcher(question).find()) {
				return trigger.error();
			}
		}
		return null;
	}

	static DemoError invalidApiKey(String detail) {
		return new DemoError(401, "invalid_request_error", "invalid_api_key",
				"api key不合法 (invalid api key). " + detail);
	}

	static DemoError badRequest(String message) {
		return new DemoError(400, "invalid_request_error", null, message);
	}

	static DemoError modelNotFound(String model, List<String> models) {
		return new DemoError(403, "invalid_request_error", "model_not_found",
				"The model '" + model + "' does not exist here; the demo serves " + models);
	}

	private record Trigger(Pattern word, DemoError error) {

		Trigger(String words, DemoError error) {
			this(Pattern.compile("\\b(?:" + words + ")\\b", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), error);
		}

	}

}
