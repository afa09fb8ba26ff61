package io.github.chatstarter.autoconfigure;

import io.github.chatstarter.state.ClusterState;

import org.springframework.context.SmartLifecycle;

/**
 * Stops the shared state's background work while Redis is still there: Spring stops
 * lifecycle beans (Lettuce's connection factory among them, in phase 0) before it
 * destroys any bean, so closing the state on destruction would leave its refresher
 * meeting a stopped factory and warning that Redis failed. Stops after the web server has
 * drained (whose graceful shutdown is a later phase), before the connection factory.
 */
final class ClusterStateLifecycle implements SmartLifecycle {

	/** Between the web server's graceful shutdown and Lettuce's connection factory. */
	static final int PHASE = Integer.MAX_VALUE / 2;

	private final ClusterState state;

	private volatile boolean running;

	ClusterStateLifecycle(ClusterState state) {
		this.state = state;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.state.close();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
