package io.github.chatstarter.autoconfigure.health;

import java.time.Instant;
import java.util.Locale;

import io.github.chatstarter.state.ClusterState;
import io.github.chatstarter.state.ClusterStore;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;

/**
 * The store that instances share limits and provider state through. Always UP: while it
 * does not answer, chats go on with this instance's own limits and state, so a down Redis
 * is a detail ({@code shared: false}, {@code localSince}, {@code localShare}), never a
 * reason to take the application out of a load balancer.
 */
final class ClusterStoreHealthIndicator implements ReactiveHealthIndicator {

	private final ClusterState state;

	private final ClusterStore store;

	private final double localShare;

	ClusterStoreHealthIndicator(ClusterState state, ClusterStore store, double localShare) {
		this.state = state;
		this.store = store;
		this.localShare = localShare;
	}

	@Override
	public Mono<Health> health() {
		return Mono.fromSupplier(() -> {
			Health.Builder health = Health.up()
				.withDetail("store", this.store.name().toLowerCase(Locale.ROOT))
				.withDetail("shared", this.state.isShared());
			Instant localSince = this.state.localSince();
			if (!this.state.isShared()) {
				health.withDetail("localShare", this.localShare);
				if (localSince != null) {
					health.withDetail("localSince", localSince.toString());
				}
			}
			return health.build();
		});
	}

}
