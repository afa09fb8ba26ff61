package io.github.chatstarter.limit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.chatstarter.client.CallAdmission;
import io.github.chatstarter.error.ChatCapacityException;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.model.Usage;
import io.github.chatstarter.state.Bucket;
import io.github.chatstarter.state.ClusterState;
import io.github.chatstarter.state.Mark;
import io.github.chatstarter.state.Taken;
import io.github.chatstarter.tokens.ContextWindowCheck;
import io.github.chatstarter.tokens.TokenEstimator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Admission of one provider's calls: every limit that applies (requests and tokens per
 * minute of the provider and of the call's API key, this instance's concurrent calls) is
 * taken before anything is sent, waiting up to {@code max-wait}, else the call fails with
 * a {@link ChatCapacityException} naming the limit. Tokens are the prompt's estimate (the
 * one {@link TokenEstimator}) plus {@code max_tokens}, or the default completion size;
 * the reply's usage settles the difference. API keys set aside are shared through the
 * same {@link ClusterState}.
 */
public final class ProviderRateLimiter implements CallAdmission {

	private static final Log logger = LogFactory.getLog(ProviderRateLimiter.class);

	private final String provider;

	private final RateLimitSettings settings;

	private final ClusterState state;

	private final TokenEstimator estimator;

	private final LimitListener listener;

	private final @Nullable ConcurrencyLimit concurrency;

	private final String keyScope;

	private final Map<String, String> fingerprints = new ConcurrentHashMap<>();

	/**
	 * @param provider name of the provider
	 * @param settings its limits
	 * @param state where buckets and marks are kept
	 * @param estimator the token estimator
	 * @param listener what is told of waits, refusals and tokens
	 */
	public ProviderRateLimiter(String provider, RateLimitSettings settings, ClusterState state,
			TokenEstimator estimator, LimitListener listener) {
		this.provider = Objects.requireNonNull(provider, "provider");
		this.settings = Objects.requireNonNull(settings, "settings");
		this.state = Objects.requireNonNull(state, "state");
		this.estimator = Objects.requireNonNull(estimator, "estimator");
		this.listener = Objects.requireNonNull(listener, "listener");
		Integer max = settings.maxConcurrentRequests();
		this.concurrency = (max != null) ? new ConcurrencyLimit(max) : null;
		this.keyScope = "key:" + provider;
		state.watch(this.keyScope);
	}

	/**
	 * Tokens a request is counted for at admission: its prompt's estimate plus its
	 * {@code max_tokens} (or {@code max_completion_tokens}), or the default completion
	 * size when it sets neither.
	 * @param request the request, its model filled in
	 * @return the tokens
	 */
	public int estimate(ChatRequest request) {
		int output = ContextWindowCheck.requestedOutput(request);
		return this.estimator.estimate(request) + ((output > 0) ? output : this.settings.defaultCompletionTokens());
	}

	/**
	 * The limits this admits under.
	 * @return the settings
	 */
	public RateLimitSettings settings() {
		return this.settings;
	}

	@Override
	public Mono<Permit> admit(ChatRequest request, @Nullable String key) {
		if (!this.settings.isLimited()) {
			return Mono.just(Permit.NONE);
		}
		return Mono.deferContextual((context) -> {
			boolean wait = !Boolean.TRUE.equals(context.getOrDefault(NO_WAIT, Boolean.FALSE));
			long start = System.nanoTime();
			long deadline = start + (wait ? this.settings.maxWait().toNanos() : 0);
			int tokens = this.settings.countsTokens() ? estimate(request) : 0;
			List<Limited> limits = limits(key, tokens);
			for (Limited limit : limits) {
				if (limit.bucket.cost() > limit.bucket.perMinute()) {
					return Mono.error(
							refuse(limit.property,
									"the call needs " + limit.bucket.cost() + " tokens, more than the limit of "
											+ limit.bucket.perMinute() + " allows at all",
									Duration.ofMinutes(1), wait));
				}
			}
			List<Bucket> buckets = limits.stream().map((limit) -> limit.bucket).toList();
			Mono<Boolean> concurrent = (this.concurrency != null) ? this.concurrency.acquire(remaining(deadline))
					: Mono.just(true);
			return concurrent.flatMap((acquired) -> {
				if (!acquired) {
					return Mono.error(refuse(property("rate-limit.max-concurrent-requests"),
							this.settings.maxConcurrentRequests() + " calls in flight on this instance",
							Duration.ofMillis(100), wait));
				}
				// The permit (and the wait it reports) only once the buckets gave way.
				Mono<Permit> permit = buckets.isEmpty() ? Mono.fromSupplier(() -> permit(List.of(), 0, start))
						: take(limits, buckets, deadline, wait)
							.then(Mono.fromSupplier(() -> permit(limits, tokens, start)));
				// Refused, or given up while waiting for the buckets: the concurrency
				// permit goes back.
				return permit.doOnError((failure) -> releaseConcurrency()).doOnCancel(this::releaseConcurrency);
			});
		});
	}

	@Override
	public @Nullable Instant keySetAsideUntil(String key) {
		Mark mark = this.state.setAside(this.keyScope, fingerprint(key));
		return (mark != null) ? mark.until() : null;
	}

	@Override
	public void keySetAside(String key, Instant until, String reason) {
		this.state.setAside(this.keyScope, fingerprint(key), new Mark(until, reason));
	}

	/**
	 * One ask: taken now, reserved for a moment within the deadline (waited for here, and
	 * given back if the call is cancelled before it), or refused.
	 */
	private Mono<Void> take(List<Limited> limits, List<Bucket> buckets, long deadline, boolean wait) {
		return this.state.take(buckets, remaining(deadline)).flatMap((taken) -> {
			if (!taken.isTaken()) {
				Limited limit = limits.get(taken.bucket());
				return Mono.error(refuse(limit.property, limit.describe(), taken.retryAfter(), wait));
			}
			if (taken.retryAfter().isZero()) {
				return Mono.empty();
			}
			return Mono.delay(taken.retryAfter()).then().doOnCancel(() -> giveBack(buckets));
		});
	}

	private void giveBack(List<Bucket> buckets) {
		List<Bucket> back = new ArrayList<>(buckets.size());
		buckets.forEach((bucket) -> back.add(bucket.withCost(-bucket.cost())));
		this.state.settle(back).subscribe();
	}

	private Permit permit(List<Limited> limits, int estimated, long start) {
		this.listener.admitted(this.provider, Duration.ofNanos(System.nanoTime() - start));
		AtomicBoolean settled = new AtomicBoolean();
		return (usage) -> {
			if (!settled.compareAndSet(false, true)) {
				return;
			}
			releaseConcurrency();
			if (usage != null && estimated > 0) {
				settleTokens(limits, estimated, usage);
			}
		};
	}

	private void settleTokens(List<Limited> limits, int estimated, Usage usage) {
		int actual = usage.totalTokens();
		this.listener.settled(this.provider, estimated, actual);
		if (logger.isDebugEnabled()) {
			logger.debug(
					"Chat provider '" + this.provider + "': call estimated at " + estimated + " tokens used " + actual);
		}
		List<Bucket> corrections = new ArrayList<>();
		for (Limited limit : limits) {
			if (limit.tokens && actual != estimated) {
				corrections.add(limit.bucket.withCost(actual - estimated));
			}
		}
		if (!corrections.isEmpty()) {
			this.state.settle(corrections).subscribe();
		}
	}

	private void releaseConcurrency() {
		if (this.concurrency != null) {
			this.concurrency.release();
		}
	}

	private List<Limited> limits(@Nullable String key, int tokens) {
		List<Limited> limits = new ArrayList<>(4);
		String name = "{" + this.provider + "}";
		add(limits, name + ":rpm", this.settings.provider().requestsPerMinute(), 1, "rate-limit.requests-per-minute",
				false);
		add(limits, name + ":tpm", this.settings.provider().tokensPerMinute(), tokens, "rate-limit.tokens-per-minute",
				true);
		if (key != null) {
			String fingerprint = fingerprint(key);
			add(limits, name + ":key:" + fingerprint + ":rpm", this.settings.perKey().requestsPerMinute(), 1,
					"key-rate-limit.requests-per-minute", false);
			add(limits, name + ":key:" + fingerprint + ":tpm", this.settings.perKey().tokensPerMinute(), tokens,
					"key-rate-limit.tokens-per-minute", true);
		}
		return limits;
	}

	private void add(List<Limited> limits, String bucket, @Nullable Integer perMinute, int cost, String property,
			boolean tokens) {
		if (perMinute != null) {
			limits.add(new Limited(new Bucket(bucket, perMinute, cost), property(property), tokens));
		}
	}

	/**
	 * The refusal; counted only for a call that could wait: one that only asked (the
	 * first key of several, a provider routing may skip) is asked again or goes
	 * elsewhere, and counting it too would count one refused call twice.
	 */
	private ChatCapacityException refuse(String property, String detail, Duration retryAfter, boolean counted) {
		if (counted) {
			this.listener.refused(this.provider, property);
		}
		return new ChatCapacityException(this.provider, property, detail, retryAfter);
	}

	private String property(String name) {
		return "chat.providers." + this.provider + "." + name;
	}

	private static Duration remaining(long deadline) {
		return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
	}

	private String fingerprint(String key) {
		return this.fingerprints.computeIfAbsent(key, ProviderRateLimiter::fingerprintOf);
	}

	/**
	 * What stands for an API key in shared state and bucket names (scope
	 * {@code key:<provider>}): the first 16 hex digits of its SHA-256, never the key.
	 * @param key the API key
	 * @return its fingerprint
	 */
	public static String fingerprintOf(String key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing", ex);
		}
	}

	@Override
	public String toString() {
		return "ProviderRateLimiter{provider=" + this.provider + ", " + this.settings + "}";
	}

	/** One limit that applies to a call: its bucket and property. */
	private record Limited(Bucket bucket, String property, boolean tokens) {

		String describe() {
			return this.tokens
					? "the call needs " + this.bucket.cost() + " tokens of " + this.bucket.perMinute() + " per minute"
					: this.bucket.perMinute() + " requests per minute";
		}

	}

}
