package io.github.chatstarter.sample.demo;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * An error reply of the demo upstream, in OpenAI's {@code {"error": {...}}} shape with
 * the statuses and codes the relays' API documentation lists. A question with
 * {@code /simulate <kind>} gets the matching error, so the sample's error handling can be
 * tried offline.
 *
 * @param status HTTP status
 * @param type OpenAI error type
 * @param code OpenAI error code, or {@code null}
 * @param message human-readable message
 */
record DemoError(int status, String type, @Nullable String code, String message) {

	/**
	 * The command that asks for a simulated error: a syntax nobody types by accident, so
	 * an ordinary question ("which model are you?") is always answered.
	 */
	static final String COMMAND = "/simulate";

	private static final Pattern SIMULATE = Pattern.compile("(?:^|\\s)/simulate\\s+(\\S+)", Pattern.CASE_INSENSITIVE);

	private static final Map<String, DemoError> ERRORS = Map.of("quota",
			new DemoError(403, "insufficient_quota", "insufficient_quota",
					"余额不足 (insufficient quota): the demo account has no quota left. [demo: /simulate quota]"),
			"key", invalidApiKey("[demo: /simulate key]"), "model",
			new DemoError(403, "invalid_request_error", "model_not_found",
					"模型未发现 (model not found): no channel serves this model. [demo: /simulate model]"),
			"down", new DemoError(503, "server_error", null,
					"网络 或 服务器错误 (service unavailable): the upstream is down. [demo: /simulate down]"));

	/**
	 * The error a question asks for with {@code /simulate quota}, {@code /simulate key},
	 * {@code /simulate model} or {@code /simulate down}, or {@code null}; an unknown kind
	 * is a bad request that lists the kinds.
	 */
	static @Nullable DemoError triggeredBy(String question) {
		Matcher command = SIMULATE.matcher(question);
		if (!command.find()) {
			return null;
		}
		DemoError error = ERRORS.get(command.group(1).toLowerCase(Locale.ROOT));
		return (error != null) ? error : badRequest("Unknown simulation '" + command.group(1) + "': use " + COMMAND
				+ " followed by one of " + new TreeSet<>(ERRORS.keySet()));
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

}
