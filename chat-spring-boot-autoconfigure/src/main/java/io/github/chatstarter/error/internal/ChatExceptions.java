package io.github.chatstarter.error.internal;

import io.github.chatstarter.error.ChatErrorMapping;
import io.github.chatstarter.error.UpstreamError;
import io.github.chatstarter.error.ChatException;
import io.github.chatstarter.error.ChatErrorKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place that turns what a provider answered into a {@link ChatException}, as
 * {@code WebClientResponseException.create} does for plain HTTP errors. The upstream
 * error code and type decide first (they are more precise and relays reuse statuses
 * loosely), then the HTTP status.
 */
public final class ChatExceptions {

	/**
	 * Upstream messages longer than this are cut: some proxies answer with whole HTML
	 * pages.
	 */
	static final int MAX_MESSAGE_LENGTH = 500;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Set<String> CONTENT_FILTER = names("content_filter", "data_inspection_failed",
			"sensitive_words_detected", "prompt_blocked", "1301", "content_policy_violation");

	private static final Set<String> AUTHENTICATION = names("no_api_key", "invalid_api_key", "authentication_error",
			"invalid_authentication", "account_deactivated", "unauthorized");

	private static final Set<String> QUOTA = names("insufficient_quota", "insufficient_user_quota",
			"exceeded_current_quota_error", "1113", "Arrearage", "billing_hard_limit_reached", "quota_exceeded");

	private static final Set<String> MODEL_NOT_FOUND = names("model_not_found", "not_found_error",
			"model_not_available");

	private static final Set<String> RATE_LIMIT = names("rate_limit_exceeded", "rate_limit_error", "1302", "1303",
			"Throttling", "Throttling.RateQuota");

	private static final Set<String> PERMISSION = names("permission_denied", "permission_error",
			"unsupported_country_region_territory", "PermissionDenied");

	/**
	 * Codes that say the prompt does not fit the model's window: OpenAI, Azure, Groq and
	 * the one-api/new-api relays passing them on ({@code context_length_exceeded}), Zhipu
	 * ({@code 1261}, "Prompt 超长"), iFlytek Spark ({@code 10907}, "token数量超过上限"), Baidu
	 * Qianfan ({@code 336103}, "prompt tokens too long"; {@code 336007}, "the max length
	 * of current question is …").
	 */
	private static final Set<String> CONTEXT_LENGTH = names("context_length_exceeded", "model_context_window_exceeded",
			"1261", "10907", "336103", "336007");

	private static final Set<String> BAD_REQUEST = names("invalid_value", "string_above_max_length", "invalid_type",
			"missing_required_parameter", "unknown_parameter", "InvalidParameter", "1210", "1214");

	private static final Set<String> SERVER = names("server_error", "overloaded_error", "api_error",
			"service_unavailable", "InternalError");

	/**
	 * The generic type of OpenAI-style errors (and ai-gs's documented spelling of it): it
	 * says less than the status, except on a 403, where ai-gs's API documentation lists
	 * it as an input error ("输入性错误", "请求不合法"), not a permission problem.
	 */
	private static final Set<String> INVALID_REQUEST = names("invalid_request_error", "invalid_request_errorr");

	/** A numeric error code inside a 2xx reply or stream, read as the status it names. */
	private static final Pattern STATUS_CODE = Pattern.compile("[45]\\d\\d");

	/** Message texts of one-api/new-api that say more than their status. */
	private static final Pattern QUOTA_TEXT = Pattern.compile(
			"额度已用尽|额度不足|余额不足|quota (is )?(exhausted|exceeded)|insufficient (balance|quota)", Pattern.CASE_INSENSITIVE);

	private static final Pattern NO_CHANNEL_TEXT = Pattern.compile("无可用渠道|no available channel",
			Pattern.CASE_INSENSITIVE);

	/**
	 * Azure's refusal by network rules comes as a 401, but no other key would do better:
	 * it is a permission problem.
	 */
	private static final Pattern NETWORK_RULES_TEXT = Pattern.compile("(virtual network|firewall|network)[ /a-z]*rules",
			Pattern.CASE_INSENSITIVE);

	/**
	 * Groq and others send a server failure with the generic
	 * {@code invalid_request_error} type: the message tells it is theirs.
	 */
	private static final Pattern SERVER_TEXT = Pattern
		.compile("server (had|has|encountered) an? (internal )?error|internal server error", Pattern.CASE_INSENSITIVE);

	/**
	 * What the vendors say when the prompt does not fit, whatever their code: OpenAI and
	 * vLLM and DeepSeek ("maximum context length is 4097 tokens"), OpenRouter ("This
	 * endpoint's maximum context length"), Moonshot ("exceeded model token limit"),
	 * Qwen's DashScope ("Range of input length should be [1, 6000]"), Anthropic ("prompt
	 * is too long"), Mistral ("too large for model with 32768 maximum context length"),
	 * xAI ("maximum prompt length is"), Gemini ("input token count … exceeds the
	 * maximum"), the Responses API ("exceeds the context window"), Qianfan ("prompt
	 * tokens too long"), and the Chinese relays and vendors ("上下文长度超过", "Prompt 超长",
	 * "token数量超过上限", "输入长度超过").
	 */
	private static final Pattern CONTEXT_LENGTH_TEXT = Pattern
		.compile("maximum context length|context[ _]length[ _]exceeded"
				+ "|exceeds? (the )?(model'?s? )?context window|exceeded model token limit|range of input length should be"
				+ "|prompt is too long|prompt tokens too long|maximum prompt length is|input token count.{0,40}exceeds the maximum"
				+ "|reduce the length of the messages|上下文长度超|上下文超长|prompt ?超长|token ?数量超过上限|输入长度超",
				Pattern.CASE_INSENSITIVE);

	private static final Pattern HTML_TAG = Pattern.compile("<[^>]*>");

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

	private ChatExceptions() {
	}

	/**
	 * Maps a non-2xx reply, masking the given keys wherever the reply echoes them.
	 * @param provider name of the configured provider
	 * @param statusCode HTTP status
	 * @param headers the reply's headers, for {@code Retry-After}
	 * @param body the reply's body as received, possibly empty, HTML or JSON
	 * @param secrets the keys the request may have carried
	 * @param mapping the provider's own overrides of the defaults
	 * @return the mapped exception
	 */
	public static ChatException create(@Nullable String provider, int statusCode, HttpHeaders headers, byte[] body,
			Collection<String> secrets, ChatErrorMapping mapping) {
		Duration retryAfter = retryAfter(headers);
		Object parsed = parse(body);
		if (parsed instanceof Map<?, ?> root) {
			return fromErrorBody(provider, statusCode, root, retryAfter, secrets, mapping);
		}
		String text = plainText(new String(body, StandardCharsets.UTF_8), secrets);
		return classify(new UpstreamError(provider, statusCode, null, null, text.isEmpty() ? null : text, retryAfter),
				mapping);
	}

	/**
	 * Maps an error object already parsed from JSON, such as a {@code data: {"error": …}}
	 * event inside a 200 stream or a 200 reply whose body is an error, masking the given
	 * keys wherever it echoes them. A numeric code from 400 to 599 inside a 2xx reply or
	 * stream (as OpenRouter-style relays send) is read as that HTTP status.
	 * @param provider name of the configured provider
	 * @param statusCode HTTP status, or 0 inside a stream
	 * @param root the parsed body or event
	 * @param retryAfter the wait the reply's headers asked for
	 * @param secrets the keys the request may have carried
	 * @param mapping the provider's own overrides of the defaults
	 * @return the mapped exception
	 */
	public static ChatException fromErrorBody(@Nullable String provider, int statusCode, Map<?, ?> root,
			@Nullable Duration retryAfter, Collection<String> secrets, ChatErrorMapping mapping) {
		Object error = root.get("error");
		Map<?, ?> fields = (error instanceof Map<?, ?> nested) ? nested : root;
		String message = text(fields.get("message"));
		if (message == null && error instanceof String errorText) {
			message = errorText;
		}
		if (message == null) {
			message = firstText(fields, "msg", "error_msg", "error_description", "detail");
		}
		String code = firstText(fields, "code", "error_code");
		String type = firstText(fields, "type", "error_type");
		if (type == null && error instanceof Map && root.get("type") != null) {
			type = text(root.get("type"));
		}
		if (message != null) {
			message = cut(SecretRedactor.redact(message.strip(), secrets));
		}
		int status = (statusCode < 300 && code != null && STATUS_CODE.matcher(code).matches()) ? Integer.parseInt(code)
				: statusCode;
		return classify(new UpstreamError(provider, status, type, code, message, retryAfter), mapping);
	}

	/**
	 * Whether a parsed 2xx JSON reply is an error rather than an answer: it has no
	 * {@code choices} and carries an {@code error}, or the flat
	 * {@code code}/{@code message} shape some relays use.
	 * @param root the parsed reply
	 * @return whether it is an error
	 */
	public static boolean isErrorBody(Map<?, ?> root) {
		if (root.containsKey("choices")) {
			return false;
		}
		return root.get("error") != null || root.get("error_code") != null || root.get("error_msg") != null
				|| (root.get("message") != null
						&& (root.get("code") != null || Boolean.FALSE.equals(root.get("success"))));
	}

	private static ChatException classify(UpstreamError error, ChatErrorMapping mapping) {
		ChatErrorKind override = mapping.find(error);
		if (override != null) {
			return override.create(describe(describe(override), error), error, null);
		}
		ChatErrorKind kind = kind(error);
		String what = (kind == ChatErrorKind.SERVER_ERROR && error.statusCode() < 300)
				? "error reported inside a successful reply" : describe(kind);
		return kind.create(describe(what, error), error, null);
	}

	/**
	 * Codes first, then specific types, then message texts, then the status, then generic
	 * types.
	 */
	private static ChatErrorKind kind(UpstreamError error) {
		String type = error.type();
		String message = (error.message() != null) ? error.message() : "";
		int status = error.statusCode();
		for (String name : new @Nullable String[] { error.code(), type }) {
			ChatErrorKind byName = (name != null) ? byName(name, status) : null;
			if (byName != null) {
				return (byName == ChatErrorKind.BAD_REQUEST && CONTEXT_LENGTH_TEXT.matcher(message).find())
						? ChatErrorKind.CONTEXT_LENGTH : byName;
			}
		}
		if (CONTEXT_LENGTH_TEXT.matcher(message).find() && isRequestFault(status)) {
			return ChatErrorKind.CONTEXT_LENGTH;
		}
		if (QUOTA_TEXT.matcher(message).find()) {
			return ChatErrorKind.QUOTA_EXCEEDED;
		}
		if (NO_CHANNEL_TEXT.matcher(message).find()) {
			return ChatErrorKind.MODEL_NOT_FOUND;
		}
		if (NETWORK_RULES_TEXT.matcher(message).find() && (status == 401 || status == 403)) {
			return ChatErrorKind.PERMISSION_DENIED;
		}
		if (SERVER_TEXT.matcher(message).find() && (type == null || isInvalidRequest(type))) {
			return ChatErrorKind.SERVER_ERROR;
		}
		return switch (status) {
			case 400, 422 -> ChatErrorKind.BAD_REQUEST;
			case 401 -> ChatErrorKind.AUTHENTICATION;
			case 402 -> ChatErrorKind.QUOTA_EXCEEDED;
			case 403 -> isInvalidRequest(type) ? ChatErrorKind.BAD_REQUEST : ChatErrorKind.PERMISSION_DENIED;
			case 404 -> ChatErrorKind.MODEL_NOT_FOUND;
			case 408 -> ChatErrorKind.TIMEOUT;
			case 429 -> ChatErrorKind.RATE_LIMIT;
			default -> {
				if (status >= 500 || status == 409) {
					yield ChatErrorKind.SERVER_ERROR;
				}
				// A generic type, or any other 4xx, is the request's fault; an error
				// object
				// inside a 2xx reply or stream is the upstream failing on its side.
				yield (isInvalidRequest(type) || status >= 400) ? ChatErrorKind.BAD_REQUEST
						: ChatErrorKind.SERVER_ERROR;
			}
		};
	}

	/**
	 * Whether a status leaves room for the request's own fault: not a key, quota or rate
	 * problem. A 5xx counts, as relays wrap their upstream's 400 in one.
	 */
	private static boolean isRequestFault(int status) {
		return status != 401 && status != 402 && status != 429;
	}

	private static boolean isInvalidRequest(@Nullable String type) {
		return type != null && INVALID_REQUEST.contains(type.toLowerCase(Locale.ROOT));
	}

	private static @Nullable ChatErrorKind byName(String name, int status) {
		String key = name.toLowerCase(Locale.ROOT);
		if (CONTENT_FILTER.contains(key)) {
			return ChatErrorKind.CONTENT_FILTER;
		}
		if (QUOTA.contains(key)) {
			return ChatErrorKind.QUOTA_EXCEEDED;
		}
		if (AUTHENTICATION.contains(key)) {
			return ChatErrorKind.AUTHENTICATION;
		}
		if (MODEL_NOT_FOUND.contains(key)) {
			return ChatErrorKind.MODEL_NOT_FOUND;
		}
		if (RATE_LIMIT.contains(key)) {
			return ChatErrorKind.RATE_LIMIT;
		}
		if (PERMISSION.contains(key)) {
			return ChatErrorKind.PERMISSION_DENIED;
		}
		if (CONTEXT_LENGTH.contains(key)) {
			return ChatErrorKind.CONTEXT_LENGTH;
		}
		if (BAD_REQUEST.contains(key)) {
			return ChatErrorKind.BAD_REQUEST;
		}
		if (SERVER.contains(key) && (status == 0 || status >= 500 || status < 300)) {
			return ChatErrorKind.SERVER_ERROR;
		}
		return null;
	}

	/** What a kind of failure is called in a message. */
	private static String describe(ChatErrorKind kind) {
		return switch (kind) {
			case BAD_REQUEST -> "bad request";
			case CONTEXT_LENGTH ->
				"context length exceeded (the prompt and requested output do not fit the model's context window)";
			case CONTENT_FILTER -> "content refused by the provider's review";
			case AUTHENTICATION -> "API key rejected";
			case PERMISSION_DENIED -> "permission denied";
			case QUOTA_EXCEEDED -> "quota exhausted";
			case MODEL_NOT_FOUND -> "model not found (is the model or base-url right?)";
			case RATE_LIMIT -> "rate limited";
			case SERVER_ERROR -> "server error";
			case TIMEOUT -> "request timed out at the provider";
		};
	}

	private static Set<String> names(String... names) {
		return Arrays.stream(names)
			.map((name) -> name.toLowerCase(Locale.ROOT))
			.collect(Collectors.toUnmodifiableSet());
	}

	private static String describe(String what, UpstreamError error) {
		StringBuilder text = new StringBuilder();
		if (error.provider() != null) {
			text.append("Provider '").append(error.provider()).append("': ");
		}
		text.append(what);
		StringBuilder detail = new StringBuilder();
		if (error.statusCode() != 0) {
			detail.append("HTTP ").append(error.statusCode());
		}
		String codeOrType = (error.code() != null) ? error.code() : error.type();
		if (codeOrType != null) {
			detail.append((detail.length() > 0) ? ", " : "").append(codeOrType);
		}
		if (detail.length() > 0) {
			text.append(" (").append(detail).append(')');
		}
		if (error.message() != null) {
			text.append(": ").append(error.message());
		}
		return text.toString();
	}

	private static @Nullable Object parse(byte[] body) {
		int start = BodyStart.skipFiller(body, 0, body.length);
		if (BodyStart.of(body, start, body.length) != BodyStart.JSON) {
			return null;
		}
		try {
			return JSON.readValue(body, start, body.length - start, Object.class);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * Text of a non-JSON body: tags of an HTML error page stripped, whitespace folded,
	 * keys masked.
	 */
	private static String plainText(String body, Collection<String> secrets) {
		String text = body;
		if (text.indexOf('<') >= 0) {
			String lower = text.toLowerCase(Locale.ROOT);
			int title = lower.indexOf("<title>");
			int titleEnd = lower.indexOf("</title>");
			text = (title >= 0 && titleEnd > title) ? text.substring(title + 7, titleEnd)
					: HTML_TAG.matcher(text).replaceAll(" ");
		}
		return cut(SecretRedactor.redact(WHITESPACE.matcher(text).replaceAll(" ").strip(), secrets));
	}

	private static String cut(String text) {
		return (text.length() <= MAX_MESSAGE_LENGTH) ? text : text.substring(0, MAX_MESSAGE_LENGTH) + "…";
	}

	private static @Nullable String firstText(Map<?, ?> fields, String... names) {
		for (String name : names) {
			String value = text(fields.get(name));
			if (value != null) {
				return value;
			}
		}
		return null;
	}

	private static @Nullable String text(@Nullable Object value) {
		if (value == null || value instanceof Map || value instanceof Iterable) {
			return null;
		}
		String text = value.toString().strip();
		return text.isEmpty() ? null : text;
	}

	/**
	 * The wait a {@code Retry-After-Ms} or {@code Retry-After} header (seconds or an HTTP
	 * date) asks for.
	 */
	static @Nullable Duration retryAfter(HttpHeaders headers) {
		String millis = headers.getFirst("retry-after-ms");
		if (millis != null) {
			try {
				return Duration.ofMillis(Math.max(0, (long) Double.parseDouble(millis.strip())));
			}
			catch (NumberFormatException ex) {
				// fall through to Retry-After
			}
		}
		String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Duration.ofMillis(Math.max(0, (long) (Double.parseDouble(value.strip()) * 1000)));
		}
		catch (NumberFormatException ex) {
			try {
				Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
				Duration wait = Duration.between(Instant.now(), at);
				return wait.isNegative() ? Duration.ZERO : wait;
			}
			catch (DateTimeParseException notADate) {
				return null;
			}
		}
	}

}
