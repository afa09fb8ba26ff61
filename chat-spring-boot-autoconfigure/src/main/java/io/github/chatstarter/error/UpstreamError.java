package io.github.chatstarter.error;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What a provider said when it failed: its HTTP status (0 when there was none, for
 * example an error event inside a 200 stream or a connection failure), error type and
 * code, message (masked and cut to a sane length), and how long it asked the client to
 * wait.
 *
 * @param provider name of the configured provider, or {@code null} before one was chosen
 * @param statusCode HTTP status, or 0
 * @param type upstream error type, such as {@code invalid_request_error}
 * @param code upstream error code, such as {@code invalid_api_key} (numbers as text)
 * @param message upstream message
 * @param retryAfter the wait a {@code Retry-After} or {@code Retry-After-Ms} header asked
 * for
 */
public record UpstreamError(@Nullable String provider, int statusCode, @Nullable String type, @Nullable String code,
		@Nullable String message, @Nullable Duration retryAfter) {

	/**
	 * No upstream detail, only the provider.
	 */
	public static UpstreamError of(@Nullable String provider) {
		return new UpstreamError(provider, 0, null, null, null, null);
	}

}
