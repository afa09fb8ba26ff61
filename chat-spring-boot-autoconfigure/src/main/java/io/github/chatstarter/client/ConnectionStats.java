package io.github.chatstarter.client;

/**
 * A snapshot of a provider's connection pool.
 *
 * @param active connections in use by a call
 * @param idle connections open and waiting for the next call
 * @param pending calls waiting for a connection
 */
public record ConnectionStats(int active, int idle, int pending) {

}
