package io.github.chatstarter.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

import io.github.chatstarter.error.ChatException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Retries a provider call with exponential backoff and jitter, on reactor-core's
 * {@link Retry}. Written as its own {@code Retry} rather than with
 * {@code Retry.backoff(..)} because the wait must follow the provider's
 * {@code Retry-After} when it sends one, which {@code RetryBackoffSpec} cannot do.
 */
final class ChatRetry extends Retry {

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

	@Override
	public Publisher<?> generateCompanion(Flux<RetrySignal> signals) {
		return signals.concatMap((signal) -> {
			Throwable failure = signal.failure();
			long attempt = signal.totalRetries() + 1;
			if (attempt >= this.settings.maxAttempts() || !this.mayRetry.getAsBoolean() || !isRetryable(failure)) {
				return Mono.error(failure);
			}
			Duration wait = waitBefore(attempt, failure);
			if (logger.isDebugEnabled()) {
				logger.debug("Chat provider '" + this.provider + "': attempt " + attempt + " of "
						+ this.settings.maxAttempts() + " failed (" + failure.getMessage() + "); retrying in "
						+ wait.toMillis() + "ms");
			}
			return Mono.delay(wait).thenReturn(signal);
		});
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
