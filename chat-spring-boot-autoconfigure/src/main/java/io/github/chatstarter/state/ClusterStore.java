package io.github.chatstarter.state;

/**
 * Where rate limits and provider state live ({@code chat.cluster.store}).
 */
public enum ClusterStore {

	/** In this instance only. */
	NONE,

	/** In Redis, shared by every instance that uses the same Redis and key prefix. */
	REDIS

}
