package io.github.chatstarter.test;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Allows the waits BlockHound finds inside libraries that are bookkeeping, not I/O: Netty
 * 4.2's adaptive allocator takes a {@code StampedLock} for a moment while it grows or
 * trims its magazines under load (Netty's own integration does not list it yet), and
 * Resilience4j's circuit-breaker window takes a lock for each recorded call, which many
 * concurrent calls contend for.
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
	}

}
