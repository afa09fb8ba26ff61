package io.github.chatstarter.error;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ChatExceptionErrorResponseTests {

	@Test
	void rejectedProviderKeyShouldNotBecomeTheCallersUnauthorized() {
		ChatException rejected = new ChatAuthenticationException(
				"Provider 'x': API key rejected (HTTP 401): Incorrect API key sk-******", new UpstreamError("x", 401,
						"invalid_request_error", "invalid_api_key", "Incorrect API key sk-******", null),
				null);
		assertThat(rejected).isInstanceOf(ErrorResponse.class);
		assertThat(rejected.getUpstreamStatusCode()).isEqualTo(401);
		assertThat(rejected.getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
		assertThat(rejected.getBody().getDetail()).doesNotContain("sk-").doesNotContain("401");
	}

	@Test
	void rateLimitShouldAnswer429WithRetryAfter() {
		ChatException limited = new ChatRateLimitException("slow",
				new UpstreamError("x", 429, null, "rate_limit_exceeded", "slow", Duration.ofMillis(1500)), null);
		assertThat(limited.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(limited.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
	}

	@Test
	void everyProviderDownShouldAnswer503() {
		ChatException all = new ChatAllProvidersFailedException("gpt-4",
				java.util.Map.of("a", new ChatServerException("down"), "b", new ChatConnectionException("refused")));
		assertThat(all.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(all.getBody().getStatus()).isEqualTo(503);
	}

	@Test
	void timeoutShouldAnswer504AndUnreadableReply502() {
		assertThat(new ChatTimeoutException("slow").getStatusCode()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
		assertThat(new ChatProtocolException("garbled").getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
		assertThat(new ChatContentFilterException("refused").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
	}

}
