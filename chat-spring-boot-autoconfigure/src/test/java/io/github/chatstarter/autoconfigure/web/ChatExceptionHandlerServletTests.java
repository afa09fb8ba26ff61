package io.github.chatstarter.autoconfigure.web;

import io.github.chatstarter.error.ChatAuthenticationException;
import io.github.chatstarter.error.ChatException;
import io.github.chatstarter.error.ChatQuotaExceededException;
import io.github.chatstarter.error.UpstreamError;
import org.springframework.mock.web.MockHttpServletResponse;
import io.github.chatstarter.error.ChatServerException;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What a Spring MVC application answers when a chat failure escapes its controller:
 * blocking on the call, or returning the call's {@code Mono} (handled asynchronously).
 */
class ChatExceptionHandlerServletTests {

	private static final String KEY = "sk-mvc-secret-key-0123456789abcdef";

	private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new FailingController())
		.setControllerAdvice(new ServletChatExceptionHandler())
		.build();

	@Test
	void chatFailureThrownByBlockingControllerShouldBecomeAProblemDetail() throws Exception {
		this.mvc.perform(get("/blocking"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(503))
			.andExpect(jsonPath("$.instance").value("/blocking"))
			.andExpect(jsonPath("$.detail").value(containsString("quota")));
	}

	@Test
	void chatFailureOfReturnedMonoShouldBecomeAProblemDetailThatNamesNoKey() throws Exception {
		MvcResult started = this.mvc.perform(get("/reactive")).andExpect(request().asyncStarted()).andReturn();

		MvcResult result = this.mvc.perform(asyncDispatch(started))
			.andExpect(status().isBadGateway())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Bad Gateway"))
			.andReturn();
		assertThat(result.getResponse().getContentAsString()).doesNotContain(KEY).doesNotContain("sk-mvc");
	}

	@Test
	void failureAfterTheResponseWasCommittedShouldWriteNothingMore() {
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.setCommitted(true);
		ChatException down = new ChatServerException("Provider 'xingyun': server error",
				new UpstreamError("xingyun", 503, null, null, "down", null), null);
		assertThat(new ServletChatExceptionHandler().handleChatException(down, response)).isNull();
		assertThat(response.getStatus()).isEqualTo(200);
	}

	@RestController
	static class FailingController {

		@GetMapping("/blocking")
		String blocking() {
			return Mono
				.<String>error(new ChatQuotaExceededException("Provider 'xingyun': quota exhausted",
						new UpstreamError("xingyun", 403, null, "insufficient_quota", "余额不足", null), null))
				.block();
		}

		@GetMapping("/reactive")
		Mono<String> reactive() {
			ChatException rejected = new ChatAuthenticationException("Provider 'xingyun': API key rejected: " + KEY,
					new UpstreamError("xingyun", 401, null, "invalid_api_key", "Incorrect API key provided: " + KEY,
							null),
					null);
			return Mono.error(rejected);
		}

	}

}
