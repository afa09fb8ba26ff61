package io.github.chatstarter.error;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

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

	private static final Set<String> CONTENT_FILTER = Set.of("content_filter", "data_inspection_failed",
			"sensitive_words_detected", "prompt_blocked", "1301", "content_policy_violation");

	private static final Set<String> AUTHENTICATION = Set.of("no_api_key", "invalid_api_key", "authentication_error",
			"invalid_authentication", "account_deactivated", "unauthorized");

	private static final Set<String> QUOTA = Set.of("insufficient_quota", "insufficient_user_quota",
			"exceeded_current_quota_error", "1113", "Arrearage", "billing_hard_limit_reached", "quota_exceeded");

	private static final Set<String> MODEL_NOT_FOUND = Set.of("model_not_found", "not_found_error",
			"model_not_available");

	private static final Set<String> RATE_LIMIT = Set.of("rate_limit_exceeded", "rate_limit_error", "1302", "1303",
			"Throttling", "Throttling.RateQuota");

	private static final Set<String> PERMISSION = Set.of("permission_denied", "permission_error",
			"unsupported_country_region_territory");

	private static final Set<String> BAD_REQUEST = Set.of("context_length_exceeded", "invalid_value",
			"string_above_max_length", "invalid_type", "missing_required_parameter", "unknown_parameter",
			"InvalidParameter", "1210", "1214");

	private static final Set<String> SERVER = Set.of("server_error", "overloaded_error", "api_error",
			"service_unavailable", "InternalError");

	/** Message texts of one-api/new-api that say more than their status. */
	private static final Pattern QUOTA_TEXT = Pattern.compile(
			"额度已用尽|额度不足|余额不足|quota (is )?(exhausted|exceeded)|insufficient (balance|quota)", Pattern.CASE_INSENSITIVE);

	private static final Pattern NO_CHANNEL_TEXT = Pattern.compile("无可用渠道|no available channel",
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
	 */
	public static ChatException create(@Nullable String provider, int statusCode, HttpHeaders headers, byte[] body,
			Collection<String> secrets) {
		Duration retryAfter = retryAfter(headers);
		Object parsed = parse(body);
		if (parsed instanceof Map<?, ?> root) {
			return fromErrorBody(provider, statusCode, root, retryAfter, secrets);
		}
		String text = plainText(new String(body, StandardCharsets.UTF_8), secrets);
		return classify(new UpstreamError(provider, statusCode, null, null, text.isEmpty() ? null : text, retryAfter));
	}

	/**
	 * Maps an error object already parsed from JSON, such as a {@code data: {"error": …}}
	 * event inside a 200 stream or a 200 reply whose body is an error, masking the given
	 * keys wherever it echoes them.
	 */
	public static ChatException fromErrorBody(@Nullable String provider, int statusCode, Map<?, ?> root,
			@Nullable Duration retryAfter, Collection<String> secrets) {
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
		return classify(new UpstreamError(provider, statusCode, type, code, message, retryAfter));
	}

	/**
	 * Whether a parsed 2xx JSON reply is an error rather than an answer: it has no
	 * {@code choices} and carries an {@code error}, or the flat
	 * {@code code}/{@code message} shape some relays use.
	 */
	public static boolean isErrorBody(Map<?, ?> root) {
		if (root.containsKey("choices")) {
			return false;
		}
		return root.get("error") != null || root.get("error_code") != null || root.get("error_msg") != null
				|| (root.get("message") != null
						&& (root.get("code") != null || Boolean.FALSE.equals(root.get("success"))));
	}

	private static ChatException classify(UpstreamError error) {
		String code = error.code();
		String type = error.type();
		String message = (error.message() != null) ? error.message() : "";
		int status = error.statusCode();
		// Codes first, then specific types, then message texts, then the status, then
		// generic types.
		if (code != null) {
			ChatException byCode = byName(code, error);
			if (byCode != null) {
				return byCode;
			}
		}
		if (type != null) {
			ChatException byType = byName(type, error);
			if (byType != null) {
				return byType;
			}
		}
		if (QUOTA_TEXT.matcher(message).find()) {
			return new ChatQuotaExceededException(describe("quota exhausted", error), error, null);
		}
		if (NO_CHANNEL_TEXT.matcher(message).find()) {
			return new ChatModelNotFoundException(describe("no channel serves the model", error), error, null);
		}
		if (status == 400 || status == 422) {
			return new ChatBadRequestException(describe("bad request", error), error, null);
		}
		if (status == 401) {
			return new ChatAuthenticationException(describe("API key rejected", error), error, null);
		}
		if (status == 402) {
			return new ChatQuotaExceededException(describe("quota exhausted", error), error, null);
		}
		if (status == 403) {
			return new ChatPermissionDeniedException(describe("permission denied", error), error, null);
		}
		if (status == 404) {
			return new ChatModelNotFoundException(describe("not found (is the model or base-url right?)", error), error,
					null);
		}
		if (status == 408) {
			return new ChatTimeoutException(describe("request timed out at the provider", error), error, null);
		}
		if (status == 429) {
			return new ChatRateLimitException(describe("rate limited", error), error, null);
		}
		if (status >= 500 || status == 409) {
			return new ChatServerException(describe("server error", error), error, null);
		}
		if ("invalid_request_error".equals(type)) {
			return new ChatBadRequestException(describe("bad request", error), error, null);
		}
		if (status >= 400) {
			return new ChatBadRequestException(describe("request refused", error), error, null);
		}
		// An error object inside a 2xx reply or stream: the upstream failed on its side.
		return new ChatServerException(describe("error reported inside a successful reply", error), error, null);
	}

	private static @Nullable ChatException byName(String name, UpstreamError error) {
		if (CONTENT_FILTER.contains(name)) {
			return new ChatContentFilterException(describe("content refused by the provider's review", error), error,
					null);
		}
		if (QUOTA.contains(name)) {
			return new ChatQuotaExceededException(describe("quota exhausted", error), error, null);
		}
		if (AUTHENTICATION.contains(name)) {
			return new ChatAuthenticationException(describe("API key rejected", error), error, null);
		}
		if (MODEL_NOT_FOUND.contains(name)) {
			return new ChatModelNotFoundException(describe("model not found", error), error, null);
		}
		if (RATE_LIMIT.contains(name)) {
			return new ChatRateLimitException(describe("rate limited", error), error, null);
		}
		if (PERMISSION.contains(name)) {
			return new ChatPermissionDeniedException(describe("permission denied", error), error, null);
		}
		if (BAD_REQUEST.contains(name)) {
			return new ChatBadRequestException(describe("bad request", error), error, null);
		}
		if (SERVER.contains(name)
				&& (error.statusCode() == 0 || error.statusCode() >= 500 || error.statusCode() < 300)) {
			return new ChatServerException(describe("server error", error), error, null);
		}
		return null;
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
		int start = 0;
		while (start < body.length && (Character.isWhitespace(body[start]) || (body[start] & 0xFF) == 0xEF
				|| (body[start] & 0xFF) == 0xBB || (body[start] & 0xFF) == 0xBF)) {
			start++;
		}
		if (start == body.length || (body[start] != '{' && body[start] != '[')) {
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
