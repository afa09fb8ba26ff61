package io.github.chatstarter.test;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Allows the one wait BlockHound finds inside Netty itself: Netty 4.2's adaptive
 * allocator takes a {@code StampedLock} for a moment while it grows or trims its
 * magazines under load. That is memory bookkeeping, not I/O, and Netty's own integration
 * does not list it yet.
 */
public final class NettyAllocatorBlockHoundIntegration implements BlockHoundIntegration {

	@Override
	public void applyTo(BlockHound.Builder builder) {
		builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup",
				"tryExpandMagazines");
		builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free");
	}

}
