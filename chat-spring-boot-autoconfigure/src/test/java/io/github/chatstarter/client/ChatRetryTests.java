package io.github.chatstarter.client;

import java.time.Duration;

import io.github.chatstarter.error.ChatBadRequestException;
import io.github.chatstarter.error.ChatConnectionException;
import io.github.chatstarter.error.ChatProtocolException;
import io.github.chatstarter.error.ChatQuotaExceededException;
import io.github.chatstarter.error.ChatRateLimitException;
import io.github.chatstarter.error.ChatServerException;
import io.github.chatstarter.error.ChatTimeoutException;
import io.github.chatstarter.error.UpstreamError;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChatRetryTests {

	private final ChatRetry retry = new ChatRetry("p",
			new RetrySettings(5, Duration.ofMillis(500), Duration.ofSeconds(8)), () -> true);

	@RepeatedTest(20)
	void waitShouldDoubleWithUpToAQuarterJitter() {
		ChatServerException failure = new ChatServerException("boom");
		assertThat(this.retry.waitBefore(1, failure)).isBetween(Duration.ofMillis(375), Duration.ofMillis(500));
		assertThat(this.retry.waitBefore(2, failure)).isBetween(Duration.ofMillis(750), Duration.ofMillis(1000));
		assertThat(this.retry.waitBefore(3, failure)).isBetween(Duration.ofMillis(1500), Duration.ofMillis(2000));
		assertThat(this.retry.waitBefore(10, failure)).isBetween(Duration.ofMillis(6000), Duration.ofMillis(8000));
	}

	@Test
	void retryAfterShouldReplaceTheBackoffButNotExceedTheMaximum() {
		assertThat(this.retry.waitBefore(1, rateLimited(Duration.ofSeconds(3)))).isEqualTo(Duration.ofSeconds(3));
		assertThat(this.retry.waitBefore(1, rateLimited(Duration.ofMinutes(5)))).isEqualTo(Duration.ofSeconds(8));
		assertThat(this.retry.waitBefore(1, rateLimited(Duration.ZERO))).isEqualTo(Duration.ZERO);
	}

	@Test
	void onlyTransientFailuresShouldBeRetryable() {
		assertThat(ChatRetry.isRetryable(new ChatServerException("x"))).isTrue();
		assertThat(ChatRetry.isRetryable(rateLimited(null))).isTrue();
		assertThat(ChatRetry.isRetryable(new ChatTimeoutException("x"))).isTrue();
		assertThat(ChatRetry.isRetryable(new ChatConnectionException("x"))).isTrue();
		assertThat(ChatRetry.isRetryable(new ChatQuotaExceededException("x"))).isFalse();
		assertThat(ChatRetry.isRetryable(new ChatBadRequestException("x"))).isFalse();
		assertThat(ChatRetry.isRetryable(new ChatProtocolException("x"))).isFalse();
		assertThat(ChatRetry.isRetryable(new IllegalStateException("x"))).isFalse();
	}

	private static ChatRateLimitException rateLimited(Duration retryAfter) {
		return new ChatRateLimitException("slow", new UpstreamError("p", 429, null, null, null, retryAfter), null);
	}

}
