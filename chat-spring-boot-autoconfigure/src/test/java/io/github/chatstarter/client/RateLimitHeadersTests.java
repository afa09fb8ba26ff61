package io.github.chatstarter.client;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitHeadersTests {

	@Test
	void parseShouldReadGoDurationsAndPlainSeconds() {
		assertThat(RateLimitHeaders.parse("1s")).isEqualTo(Duration.ofSeconds(1));
		assertThat(RateLimitHeaders.parse("6m0s")).isEqualTo(Duration.ofMinutes(6));
		assertThat(RateLimitHeaders.parse("20ms")).isEqualTo(Duration.ofMillis(20));
		assertThat(RateLimitHeaders.parse("1m30.5s")).isEqualTo(Duration.ofMillis(90_500));
		assertThat(RateLimitHeaders.parse("1h2m")).isEqualTo(Duration.ofMinutes(62));
		assertThat(RateLimitHeaders.parse("12")).isEqualTo(Duration.ofSeconds(12));
		assertThat(RateLimitHeaders.parse("0.5")).isEqualTo(Duration.ofMillis(500));
		for (String bad : new String[] { "", "soon", "5 minutes", "3x", "m", "-1" }) {
			assertThat(RateLimitHeaders.parse(bad)).as(bad).isNull();
		}
	}

	@Test
	void exhaustedForShouldBeTheLongerResetOfWhatIsAtZero() {
		HttpHeaders headers = new HttpHeaders();
		headers.set("x-ratelimit-remaining-requests", "0");
		headers.set("x-ratelimit-reset-requests", "2s");
		headers.set("x-ratelimit-remaining-tokens", "0");
		headers.set("x-ratelimit-reset-tokens", "6m0s");
		assertThat(RateLimitHeaders.exhaustedFor(headers)).isEqualTo(Duration.ofMinutes(6));
		headers.set("x-ratelimit-remaining-tokens", "120");
		assertThat(RateLimitHeaders.exhaustedFor(headers)).isEqualTo(Duration.ofSeconds(2));
		headers.set("x-ratelimit-remaining-requests", "3");
		assertThat(RateLimitHeaders.exhaustedFor(headers)).isNull();
	}

	@Test
	void exhaustedForShouldIgnoreAMissingOrUnreadableResetAndCapALongOne() {
		HttpHeaders headers = new HttpHeaders();
		headers.set("x-ratelimit-remaining-requests", "0");
		assertThat(RateLimitHeaders.exhaustedFor(headers)).isNull();
		headers.set("x-ratelimit-reset-requests", "whenever");
		assertThat(RateLimitHeaders.exhaustedFor(headers)).isNull();
		headers.set("x-ratelimit-reset-requests", "72h");
		assertThat(RateLimitHeaders.exhaustedFor(headers)).isEqualTo(RateLimitHeaders.LONGEST_PAUSE);
	}

}
