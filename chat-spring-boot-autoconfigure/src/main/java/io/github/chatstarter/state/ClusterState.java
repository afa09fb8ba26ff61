package io.github.chatstarter.state;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * State that the instances of an application share: token buckets for rate limits, and
 * marks on what is set aside (an API key that was rejected, a provider in cooldown).
 * Reads of marks are local and never block; writes and bucket operations are one round
 * trip at most.
 */
public interface ClusterState extends AutoCloseable {

	/**
	 * Takes each bucket's cost from it, all or none: now when every bucket holds it,
	 * otherwise reserved for the moment all will have refilled enough, if that is within
	 * the given time (the buckets go below empty until then, so later callers queue
	 * behind: one round trip per call, never a poll per refill).
	 * @param buckets the buckets and what to take
	 * @param within longest wait a reservation may have; zero takes only what is there
	 * now
	 * @return {@link Taken#TAKEN}, a reservation ({@link Taken#isTaken()}, with how long
	 * until it is due), or how long until all could be and which bucket needs that long
	 */
	Mono<Taken> take(List<Bucket> buckets, Duration within);

	/**
	 * Takes (positive cost) or gives back (negative cost) without waiting, as a call
	 * settles its estimate against what it used; a bucket may go below empty.
	 * @param buckets the buckets and the corrections
	 * @return completion
	 */
	Mono<Void> settle(List<Bucket> buckets);

	/**
	 * Sets something aside for everyone until the mark's time.
	 * @param scope what kind of thing, such as {@code key:xingyun} or {@code provider}
	 * @param member which one, never a secret (a key's fingerprint)
	 * @param mark until when and why
	 */
	void setAside(String scope, String member, Mark mark);

	/**
	 * The mark on a member while it is set aside, as this instance knows it now (shared
	 * marks arrive within the refresh interval).
	 * @param scope the scope
	 * @param member the member
	 * @return the mark, or {@code null} when the member is usable
	 */
	@Nullable Mark setAside(String scope, String member);

	/**
	 * Whether the state is shared with other instances right now (Redis answers).
	 * @return whether it is shared
	 */
	boolean isShared();

	/**
	 * Since when this instance uses its own state because the shared store does not
	 * answer, or {@code null} while it is shared (or was never meant to be).
	 * @return the start of the fallback, or {@code null}
	 */
	default @Nullable Instant localSince() {
		return null;
	}

	/**
	 * Starts following a scope's marks now, so that members set aside before this
	 * instance started are skipped from its first call.
	 * @param scope the scope
	 */
	default void watch(String scope) {
	}

	@Override
	default void close() {
	}

	/**
	 * State of this instance only.
	 * @return the state
	 */
	static ClusterState local() {
		return new LocalClusterState(System::nanoTime);
	}

}
