package io.github.chatstarter.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

import io.github.chatstarter.error.ChatException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Retries a provider call with exponential backoff and jitter. The wait follows the
 * provider's {@code Retry-After} when it sends one, which reactor-core's
 * {@code RetryBackoffSpec} cannot do.
 * <p>
 * Written as one {@code onErrorResume} per attempt rather than as a reactor-core
 * {@code Retry} for {@code retryWhen}: {@code retryWhen} builds a companion sink, its
 * queue, a {@code concatMap} and their subscribers for every call and keeps them as long
 * as the call runs (every open stream holds them), although nearly every call succeeds at
 * its first attempt. Here a call that does not fail pays one operator, and the next
 * attempt is built only after one failed.
 */
final class ChatRetry {

	private static final Log logger = LogFactory.getLog(ChatRetry.class);

	/**
	 * Waits are up to this fraction shorter at random, so clients that failed together do
	 * not return together.
	 */
	private static final double JITTER = 0.25;

	private final String provider;

	private final RetrySettings settings;

	private final BooleanSupplier mayRetry;

	/**
	 * @param provider name of the provider, for the log
	 * @param settings attempts and backoff
	 * @param mayRetry whether a retry is still allowed (false once a stream delivered its
	 * first chunk)
	 */
	ChatRetry(String provider, RetrySettings settings, BooleanSupplier mayRetry) {
		this.provider = provider;
		this.settings = settings;
		this.mayRetry = mayRetry;
	}

	/**
	 * The call, attempted again after a retryable failure while attempts are left.
	 * @param attempt one attempt, subscribed to once per attempt
	 * @return the call with its retries
	 */
	<T> Flux<T> apply(Flux<T> attempt) {
		return (this.settings.maxAttempts() > 1) ? attempt(attempt, 1) : attempt;
	}

	private <T> Flux<T> attempt(Flux<T> attempt, int number) {
		return attempt.onErrorResume((failure) -> shouldRetry(number, failure), (failure) -> {
			Duration wait = waitBefore(number, failure);
			if (logger.isDebugEnabled()) {
				logger.debug("Chat provider '" + this.provider + "': attempt " + number + " of "
						+ this.settings.maxAttempts() + " failed (" + failure.getMessage() + "); retrying in "
						+ wait.toMillis() + "ms");
			}
			return Mono.delay(wait).thenMany(Flux.defer(() -> attempt(attempt, number + 1)));
		});
	}

	private boolean shouldRetry(int failedAttempt, Throwable failure) {
		return failedAttempt < this.settings.maxAttempts() && this.mayRetry.getAsBoolean() && isRetryable(failure);
	}

	/**
	 * The wait before the attempt after the given one: the provider's {@code Retry-After}
	 * when it sent one, the doubled backoff otherwise, never longer than the maximum.
	 */
	Duration waitBefore(long failedAttempt, Throwable failure) {
		Duration max = this.settings.maxBackoff();
		if (failure instanceof ChatException chat && chat.getRetryAfter() != null) {
			Duration asked = chat.getRetryAfter();
			return (asked.compareTo(max) > 0) ? max : asked;
		}
		long initial = this.settings.initialBackoff().toMillis();
		long doubled = initial << Math.min(failedAttempt - 1, 20);
		long capped = Math.min(doubled, max.toMillis());
		long jittered = capped - (long) (capped * JITTER * ThreadLocalRandom.current().nextDouble());
		return Duration.ofMillis(jittered);
	}

	static boolean isRetryable(Throwable failure) {
		return failure instanceof ChatException chat && chat.isRetryable();
	}

}
