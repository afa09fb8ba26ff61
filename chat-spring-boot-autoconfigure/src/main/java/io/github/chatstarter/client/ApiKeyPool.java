package io.github.chatstarter.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;

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

	private final long cooldownNanos;

	private final LongSupplier nanoClock;

	private final AtomicInteger next = new AtomicInteger();

	private final AtomicLongArray setAsideUntil;

	private final AtomicReferenceArray<ChatException> reasons;

	private final CallAdmission shared;

	ApiKeyPool(String provider, List<String> keys, Duration cooldown, LongSupplier nanoClock) {
		this(provider, keys, cooldown, nanoClock, CallAdmission.NONE);
	}

	ApiKeyPool(String provider, List<String> keys, Duration cooldown, LongSupplier nanoClock, CallAdmission shared) {
		this.provider = provider;
		this.shared = shared;
		this.keys = List.copyOf(keys);
		this.cooldownNanos = cooldown.toNanos();
		this.nanoClock = nanoClock;
		this.setAsideUntil = new AtomicLongArray(keys.size());
		this.reasons = new AtomicReferenceArray<>(keys.size());
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
			usable.add((size == 0) ? null : this.keys.get(0));
			return usable;
		}
		long now = this.nanoClock.getAsLong();
		Instant wallNow = Instant.now();
		int start = Math.floorMod(this.next.getAndIncrement(), size);
		for (int i = 0; i < size; i++) {
			int index = (start + i) % size;
			String key = this.keys.get(index);
			Instant elsewhere = this.shared.keySetAsideUntil(key);
			if (this.setAsideUntil.get(index) - now <= 0 && (elsewhere == null || !elsewhere.isAfter(wallNow))) {
				usable.add(key);
			}
		}
		if (usable.isEmpty()) {
			throw allSetAside(now);
		}
		return usable;
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
		int index = (key != null) ? this.keys.indexOf(key) : -1;
		if (index < 0) {
			return;
		}
		this.setAsideUntil.set(index, this.nanoClock.getAsLong() + this.cooldownNanos);
		this.reasons.set(index, reason);
		ChatErrorKind kind = ChatErrorKind.of(reason);
		this.shared.keySetAside(this.keys.get(index), Instant.now().plusNanos(this.cooldownNanos),
				(kind != null) ? kind.name() : reason.getClass().getSimpleName());
		logger.warn("Chat provider '" + this.provider + "': API key " + SecretRedactor.mask(key) + " set aside for "
				+ Duration.ofNanos(this.cooldownNanos).toSeconds() + "s: " + reason.getMessage());
	}

	/**
	 * The keys configured and those set aside now, for health.
	 */
	ApiKeyStatus status() {
		long now = this.nanoClock.getAsLong();
		Instant wallNow = Instant.now();
		List<SetAside> setAside = new ArrayList<>();
		for (int i = 0; i < this.keys.size(); i++) {
			long remaining = this.setAsideUntil.get(i) - now;
			ChatException reason = this.reasons.get(i);
			if (remaining > 0 && reason != null) {
				setAside.add(new SetAside(SecretRedactor.mask(this.keys.get(i)), wallNow.plusNanos(remaining),
						SecretRedactor.redact(String.valueOf(reason.getMessage()), this.keys),
						ChatErrorKind.of(reason)));
			}
		}
		return new ApiKeyStatus(this.keys.size(), setAside);
	}

	private ChatException allSetAside(long now) {
		int soonest = 0;
		for (int i = 1; i < this.keys.size(); i++) {
			if (this.setAsideUntil.get(i) - this.setAsideUntil.get(soonest) < 0) {
				soonest = i;
			}
		}
		long waitSeconds = Math.max(1, Duration.ofNanos(this.setAsideUntil.get(soonest) - now).toSeconds());
		ChatException reason = this.reasons.get(soonest);
		String message = "Provider '" + this.provider + "': all " + this.keys.size()
				+ " API keys are set aside after being rejected or running out of quota"
				+ ((reason != null)
						? "; the next is usable again in " + waitSeconds + "s (last: " + reason.getMessage() + ")"
						: " (by another instance)");
		UpstreamError upstream = (reason != null) ? reason.getUpstream() : UpstreamError.of(this.provider);
		return (reason instanceof ChatQuotaExceededException)
				? new ChatQuotaExceededException(message, upstream, reason)
				: new ChatAuthenticationException(message, upstream, reason);
	}

}
