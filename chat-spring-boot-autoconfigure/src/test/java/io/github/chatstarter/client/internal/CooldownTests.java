package io.github.chatstarter.client.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.github.chatstarter.client.SetAside;
import io.github.chatstarter.error.ChatAuthenticationException;
import io.github.chatstarter.error.ChatErrorKind;
import io.github.chatstarter.error.ChatException;
import io.github.chatstarter.error.ChatQuotaExceededException;
import io.github.chatstarter.error.ChatRateLimitException;
import io.github.chatstarter.error.UpstreamError;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CooldownTests {

	private final AtomicLong nanos = new AtomicLong(1_000);

	private final Cooldown cooldown = new Cooldown(this.nanos::get);

	@Test
	void aCooldownNotStartedShouldLeaveTheSubjectUsable() {
		assertThat(this.cooldown.remainingNanos()).isZero();
		assertThat(this.cooldown.failure("Provider 'xingyun' is skipped")).isNull();
		assertThat(this.cooldown.status("xingyun", List.of())).isNull();
	}

	@Test
	void failureWhileCoolingShouldBeOfTheReasonsKindAndSayWhenTheSubjectReturns() {
		ChatQuotaExceededException quota = new ChatQuotaExceededException("sk-secret-123456 has no quota left",
				UpstreamError.of("xingyun"), null);
		this.cooldown.start(quota, Duration.ofSeconds(30));
		this.nanos.addAndGet(Duration.ofSeconds(10).toNanos());
		ChatException failure = this.cooldown.failure("Provider 'xingyun' is skipped");
		assertThat(failure).isInstanceOf(ChatQuotaExceededException.class)
			.hasMessageStartingWith("Provider 'xingyun' is skipped (usable again in 20s; set aside after: ")
			.hasCause(quota);
		SetAside status = this.cooldown.status("sk-s…56", List.of("sk-secret-123456"));
		assertThat(status.kind()).isEqualTo(ChatErrorKind.QUOTA_EXCEEDED);
		assertThat(status.reason()).doesNotContain("sk-secret-123456");
		assertThat(status.until()).isBetween(Instant.now().plusSeconds(18), Instant.now().plusSeconds(21));
		this.nanos.addAndGet(Duration.ofSeconds(20).toNanos());
		assertThat(this.cooldown.failure("Provider 'xingyun' is skipped")).isNull();
		assertThat(this.cooldown.status("xingyun", List.of())).isNull();
	}

	@Test
	void failureElsewhereShouldBeOfTheMarksKindOrAnAuthenticationFailure() {
		Instant until = Instant.now().plusSeconds(45);
		assertThat(Cooldown.failureElsewhere("Provider 'a' is skipped", until, "RATE_LIMIT", UpstreamError.of("a")))
			.isInstanceOf(ChatRateLimitException.class)
			.hasMessageContaining("set aside by another instance after a failure of kind RATE_LIMIT");
		assertThat(Cooldown.failureElsewhere("Provider 'a' is skipped", until, "SOMETHING_ELSE", UpstreamError.of("a")))
			.isInstanceOf(ChatAuthenticationException.class);
	}

}
