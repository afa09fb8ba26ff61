package io.github.chatstarter.client;

import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.netty.resources.ConnectionPoolMetrics;
import reactor.netty.resources.ConnectionProvider;

/**
 * Keeps Reactor Netty's view of each remote address's pool (a provider's pool has one per
 * host), so the template can tell how many connections it holds without needing
 * Micrometer.
 */
final class PoolMetrics implements ConnectionProvider.MeterRegistrar {

	private final Map<String, ConnectionPoolMetrics> pools = new ConcurrentHashMap<>();

	@Override
	public void registerMetrics(String poolName, String id, SocketAddress remoteAddress,
			ConnectionPoolMetrics metrics) {
		this.pools.put(id, metrics);
	}

	@Override
	public void deRegisterMetrics(String poolName, String id, SocketAddress remoteAddress) {
		this.pools.remove(id);
	}

	ConnectionStats stats() {
		int active = 0;
		int idle = 0;
		int pending = 0;
		for (ConnectionPoolMetrics metrics : this.pools.values()) {
			active += metrics.acquiredSize();
			idle += metrics.idleSize();
			pending += metrics.pendingAcquireSize();
		}
		return new ConnectionStats(active, idle, pending);
	}

}
