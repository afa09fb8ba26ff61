package io.github.chatstarter.test;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Allows the waits BlockHound finds inside libraries that are bookkeeping, not I/O: Netty
 * 4.2's adaptive allocator takes a {@code StampedLock} for a moment while it grows or
 * trims its magazines under load (Netty's own integration does not list it yet), and
 * Resilience4j's circuit-breaker window takes a lock for each recorded call, which many
 * concurrent calls contend for, Lettuce's count of writers to a shared connection, and
 * Spring Data Redis's lock around its shared reactive connection.
 */
public final class NettyAllocatorBlockHoundIntegration implements BlockHoundIntegration {

	@Override
	public void applyTo(BlockHound.Builder builder) {
		builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup",
				"tryExpandMagazines");
		builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free");
		// Resilience4j's count-based window guards each record with a lock held for a few
		// arithmetic operations: contended under many concurrent calls, never waiting on
		// I/O.
		builder.allowBlockingCallsInside("io.github.resilience4j.core.metrics.FixedSizeSlidingWindowMetrics", "record");
		// Lettuce counts the threads writing to a shared connection under a lock held for
		// a few operations. It must not be interrupted there: its write() gives the count
		// back in a finally block even when taking it failed, so an error thrown from the
		// lock leaves the count negative, and every later write spins forever (seen with
		// 200 concurrent callers against Redis on three contexts, ManyInstancesTests).
		builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "incrementWriters");
		builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "lockWritersExclusive");
		// Spring Data Redis hands out its one shared connection under a lock, taken for
		// each command: contended under many concurrent callers, never waiting on I/O
		// once the connection is open (the shared state opens it at startup).
		builder.allowBlockingCallsInside("org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory",
				"doInLock");
		builder.allowBlockingCallsInside(
				"org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory$SharedConnection",
				"getConnection");
	}

}
