package io.github.chatstarter.sample.web;

import io.github.chatstarter.error.ChatAuthenticationException;
import io.github.chatstarter.error.ChatBadRequestException;
import io.github.chatstarter.error.ChatContentFilterException;
import io.github.chatstarter.error.ChatQuotaExceededException;
import io.github.chatstarter.error.ChatTimeoutException;
import io.github.chatstarter.error.InvalidChatRequestException;
import io.github.chatstarter.error.UpstreamError;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failures read as plain words, and map to the status that says whose fault they are.
 */
class ChatErrorTests {

	private static final UpstreamError QUOTA = new UpstreamError("aigs", 403, "insufficient_quota",
			"insufficient_quota", "余额不足", null);

	@Test
	void ofShouldTellTheMostSpecificKindAndKeepTheUpstreamFacts() {
		ChatError error = ChatError.of(new ChatQuotaExceededException("Provider 'aigs': quota exhausted", QUOTA, null));

		assertThat(error).isEqualTo(new ChatError("The provider's quota is used up", "Provider 'aigs': quota exhausted",
				"ChatQuotaExceededException", "aigs", 403, "insufficient_quota"));
	}

	@Test
	void ofContentFilterShouldNotReadAsAPlainBadRequest() {
		ChatError error = ChatError.of(new ChatContentFilterException("refused"));

		assertThat(error.title()).isEqualTo("The provider's content review refused this conversation");
		assertThat(error.upstreamStatus()).isNull();
	}

	@Test
	void ofUnexpectedExceptionShouldStillHaveTitleAndMessage() {
		ChatError error = ChatError.of(new IllegalStateException());

		assertThat(error.title()).isEqualTo("Unexpected error");
		assertThat(error.message()).isEqualTo("java.lang.IllegalStateException");
	}

	@Test
	void statusShouldNeverPassOnTheProvidersOwnStatus() {
		assertThat(ChatError.statusOf(new InvalidChatFormException("no messages"))).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(ChatError.statusOf(new InvalidChatRequestException("The chat request names no model", "demo")))
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(ChatError.statusOf(new ChatBadRequestException("context too long",
				new UpstreamError("demo", 400, "invalid_request_error", null, "too long", null), null)))
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(ChatError.statusOf(new ChatAuthenticationException("key",
				new UpstreamError("demo", 401, null, "invalid_api_key", null, null), null)))
			.isEqualTo(HttpStatus.BAD_GATEWAY);
		assertThat(ChatError.statusOf(new ChatQuotaExceededException("quota", QUOTA, null)))
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(ChatError.statusOf(new ChatTimeoutException("slow"))).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
		assertThat(ChatError.statusOf(new IllegalStateException("bug"))).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
	}

}
