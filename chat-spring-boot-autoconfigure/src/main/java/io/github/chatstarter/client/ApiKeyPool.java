package io.github.chatstarter.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import io.github.chatstarter.client.internal.Cooldown;
import io.github.chatstarter.error.ChatAuthenticationException;
import io.github.chatstarter.error.ChatErrorKind;
import io.github.chatstarter.error.ChatException;
import io.github.chatstarter.error.ChatQuotaExceededException;
import io.github.chatstarter.error.internal.SecretRedactor;
import io.github.chatstarter.error.UpstreamError;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The API keys of one provider, used in turn. A key the provider rejected or whose quota
 * ran out is set aside for a cooldown while the others carry on; relay users often buy
 * several keys for this. A single key is never set aside: there is nothing to rotate to,
 * and routing skips the whole provider instead.
 */
final class ApiKeyPool {

	private static final Log logger = LogFactory.getLog(ApiKeyPool.class);

	private final String provider;

	private final List<String> keys;

	private final Duration cooldown;

	private final AtomicInteger next = new AtomicInteger();

	private final Cooldown[] cooldowns;

	private final CallAdmission shared;

	ApiKeyPool(String provider, List<String> keys, Duration cooldown, LongSupplier nanoClock) {
		this(provider, keys, cooldown, nanoClock, CallAdmission.NONE);
	}

	ApiKeyPool(String provider, List<String> keys, Duration cooldown, LongSupplier nanoClock, CallAdmission shared) {
		this.provider = provider;
		this.shared = shared;
		this.keys = List.copyOf(keys);
		this.cooldown = cooldown;
		this.cooldowns = new Cooldown[keys.size()];
		for (int i = 0; i < this.cooldowns.length; i++) {
			this.cooldowns[i] = new Cooldown(nanoClock);
		}
	}

	/**
	 * The next usable key, or {@code null} when the provider has none configured.
	 * @throws ChatException when every key is set aside (of the kind that set the soonest
	 * one aside)
	 */
	@Nullable String acquire() {
		int size = this.keys.size();
		if (size == 0) {
			return null;
		}
		if (size == 1) {
			ChatException paused = paused();
			if (paused != null) {
				throw paused;
			}
			return this.keys.get(0);
		}
		return candidates().get(0);
	}

	/**
	 * The usable keys, the next in turn first: those this instance set aside and those
	 * another instance did are left out; an empty pool gives one {@code null}.
	 * @throws ChatException when every key is set aside
	 */
	List<@Nullable String> candidates() {
		int size = this.keys.size();
		List<@Nullable String> usable = new ArrayList<>(Math.max(1, size));
		if (size <= 1) {
			usable.add(acquire());
			return usable;
		}
		Instant wallNow = Instant.now();
		int start = Math.floorMod(this.next.getAndIncrement(), size);
		for (int i = 0; i < size; i++) {
			int index = (start + i) % size;
			String key = this.keys.get(index);
			Instant elsewhere = this.shared.keySetAsideUntil(key);
			if (this.cooldowns[index].remainingNanos() == 0 && (elsewhere == null || !elsewhere.isAfter(wallNow))) {
				usable.add(key);
			}
		}
		if (usable.isEmpty()) {
			throw allSetAside();
		}
		return usable;
	}

	/**
	 * Why the only key may not be used now: the relay said it has nothing left (here or
	 * on another instance). A single key is never set aside for being rejected.
	 */
	private @Nullable ChatException paused() {
		String subject = "Provider '" + this.provider + "': its API key is paused by the relay's rate limit";
		ChatException here = this.cooldowns[0].failure(subject);
		if (here != null) {
			return here;
		}
		Instant elsewhere = this.shared.keySetAsideUntil(this.keys.get(0));
		return (elsewhere != null && elsewhere.isAfter(Instant.now())) ? Cooldown.failureElsewhere(subject, elsewhere,
				ChatErrorKind.RATE_LIMIT.name(), UpstreamError.of(this.provider)) : null;
	}

	/**
	 * Pauses a key until the relay's rate limit lets it through again
	 * ({@code Retry-After} on a 429, or its {@code x-ratelimit-*} headers saying nothing
	 * is left), for every instance that shares state. Unlike {@link #setAside}, also the
	 * only key: the provider's calls then fail at once instead of collecting 429s.
	 * @param key the key, or {@code null} when the provider has none
	 * @param pause how long
	 * @param reason the rate-limit failure
	 */
	void pause(@Nullable String key, Duration pause, ChatException reason) {
		if (start(key, reason, pause) && logger.isInfoEnabled()) {
			logger.info("Chat provider '" + this.provider + "': API key " + SecretRedactor.mask(key) + " paused for "
					+ pause.toMillis() + "ms by the relay's rate limit");
		}
	}

	/**
	 * Starts a key's cooldown here and tells the other instances.
	 * @return whether the key is one of the pool's
	 */
	private boolean start(@Nullable String key, ChatException reason, Duration length) {
		int index = (key != null) ? this.keys.indexOf(key) : -1;
		if (index < 0) {
			return false;
		}
		this.cooldowns[index].start(reason, length);
		this.shared.keySetAside(this.keys.get(index), Instant.now().plus(length), Cooldown.kindName(reason));
		return true;
	}

	/**
	 * How many keys the pool has.
	 */
	int size() {
		return this.keys.size();
	}

	/**
	 * Whether the failure says this key is unusable for now, so another key may succeed.
	 */
	boolean isKeyFailure(Throwable failure) {
		return this.keys.size() > 1
				&& (failure instanceof ChatAuthenticationException || failure instanceof ChatQuotaExceededException);
	}

	/**
	 * Sets the key aside for the cooldown.
	 */
	void setAside(@Nullable String key, ChatException reason) {
		if (start(key, reason, this.cooldown)) {
			logger.warn("Chat provider '" + this.provider + "': API key " + SecretRedactor.mask(key) + " set aside for "
					+ this.cooldown.toSeconds() + "s: " + reason.getMessage());
		}
	}

	/**
	 * The keys configured and those set aside now, for health.
	 */
	ApiKeyStatus status() {
		List<SetAside> setAside = new ArrayList<>();
		for (int i = 0; i < this.keys.size(); i++) {
			SetAside status = this.cooldowns[i].status(SecretRedactor.mask(this.keys.get(i)), this.keys);
			if (status != null) {
				setAside.add(status);
			}
		}
		return new ApiKeyStatus(this.keys.size(), setAside);
	}

	/**
	 * The failure when every key is set aside: of the kind that set aside the key usable
	 * soonest.
	 */
	private ChatException allSetAside() {
		int soonest = 0;
		for (int i = 1; i < this.keys.size(); i++) {
			if (this.cooldowns[i].remainingNanos() < this.cooldowns[soonest].remainingNanos()) {
				soonest = i;
			}
		}
		String subject = "Provider '" + this.provider + "': all " + this.keys.size() + " API keys are set aside";
		ChatException here = this.cooldowns[soonest].failure(subject);
		if (here != null) {
			return here;
		}
		// Set aside by other instances only.
		Instant soonestElsewhere = null;
		for (String key : this.keys) {
			Instant elsewhere = this.shared.keySetAsideUntil(key);
			if (elsewhere != null && (soonestElsewhere == null || elsewhere.isBefore(soonestElsewhere))) {
				soonestElsewhere = elsewhere;
			}
		}
		return Cooldown.failureElsewhere(subject, (soonestElsewhere != null) ? soonestElsewhere : Instant.now(),
				ChatErrorKind.AUTHENTICATION.name(), UpstreamError.of(this.provider));
	}

}
