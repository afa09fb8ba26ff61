package io.github.chatstarter.client.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.function.LongSupplier;

import io.github.chatstarter.client.SetAside;
import io.github.chatstarter.error.ChatErrorKind;
import io.github.chatstarter.error.ChatException;
import io.github.chatstarter.error.UpstreamError;
import io.github.chatstarter.error.internal.SecretRedactor;
import org.jspecify.annotations.Nullable;

/**
 * One thing set aside until a time, and why: an API key of a provider's pool, or a whole
 * provider that routing skips. The one bookkeeping of both, and the one wording of the
 * failure a call gets while it lasts (of the kind of failure that started it). Timed by a
 * monotonic clock; health gets its end by the wall clock.
 */
public final class Cooldown {

	private final LongSupplier nanoClock;

	/** Reason and end together, so that a reader never sees one without the other. */
	private volatile @Nullable Started started;

	/**
	 * A cooldown not started.
	 * @param nanoClock the monotonic clock, {@code System::nanoTime} outside tests
	 */
	public Cooldown(LongSupplier nanoClock) {
		this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
	}

	/**
	 * Sets the subject aside for a time, replacing any earlier cooldown.
	 * @param reason the failure that sets it aside
	 * @param length how long
	 */
	public void start(ChatException reason, Duration length) {
		this.started = new Started(reason, this.nanoClock.getAsLong() + length.toNanos());
	}

	/**
	 * Time left, or 0 when the subject is usable.
	 * @return the nanoseconds left
	 */
	public long remainingNanos() {
		Started started = this.started;
		return (started != null) ? Math.max(0, started.untilNanos - this.nanoClock.getAsLong()) : 0;
	}

	/**
	 * The failure a call gets while the subject is set aside, or {@code null} when it is
	 * usable: of the kind of failure that set it aside, saying when it is usable again.
	 * @param subject what is set aside, such as {@code Provider 'xingyun'}
	 * @return the failure, or {@code null}
	 */
	public @Nullable ChatException failure(String subject) {
		Started started = this.started;
		long remaining = remainingNanos();
		if (started == null || remaining == 0) {
			return null;
		}
		String message = subject + " (usable again in " + seconds(remaining) + "; set aside after: "
				+ started.reason.getMessage() + ")";
		return kind(ChatErrorKind.of(started.reason)).create(message, started.reason.getUpstream(), started.reason);
	}

	/**
	 * What health shows while the subject is set aside.
	 * @param shown the subject as health shows it (a masked key, a provider's name)
	 * @param secrets secrets to mask in the reason
	 * @return the status, or {@code null} when the subject is usable
	 */
	public @Nullable SetAside status(String shown, Collection<String> secrets) {
		Started started = this.started;
		long remaining = remainingNanos();
		if (started == null || remaining == 0) {
			return null;
		}
		return new SetAside(shown, Instant.now().plusNanos(remaining),
				SecretRedactor.redact(String.valueOf(started.reason.getMessage()), secrets),
				ChatErrorKind.of(started.reason));
	}

	/**
	 * The failure a call gets while another instance has the subject set aside.
	 * @param subject what is set aside
	 * @param until when it is usable again
	 * @param kind the name of the kind of failure that set it aside
	 * @param upstream the provider, for the exception
	 * @return the failure, of that kind
	 */
	public static ChatException failureElsewhere(String subject, Instant until, String kind, UpstreamError upstream) {
		String message = subject + " (usable again in " + seconds(Duration.between(Instant.now(), until).toNanos())
				+ "; set aside by another instance after a failure of kind " + kind + ")";
		return kind(named(kind)).create(message, upstream, null);
	}

	/**
	 * The name of a failure's kind, as marks shared with other instances carry it.
	 * @param reason the failure
	 * @return its kind's name
	 */
	public static String kindName(ChatException reason) {
		return kind(ChatErrorKind.of(reason)).name();
	}

	/** The kind of that name, or {@code null} (a mark from a newer or older version). */
	private static @Nullable ChatErrorKind named(String name) {
		for (ChatErrorKind kind : ChatErrorKind.values()) {
			if (kind.name().equals(name)) {
				return kind;
			}
		}
		return null;
	}

	/** A failure of no known kind sets aside as a rejected key does. */
	private static ChatErrorKind kind(@Nullable ChatErrorKind kind) {
		return (kind != null) ? kind : ChatErrorKind.AUTHENTICATION;
	}

	private static String seconds(long nanos) {
		return Math.max(1, Duration.ofNanos(nanos).toSeconds()) + "s";
	}

	private record Started(ChatException reason, long untilNanos) {
	}

}
