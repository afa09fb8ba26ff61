package io.github.chatstarter.benchmarks;

import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;

/**
 * Bytes held in memory handed to a WebClient-based pipeline as Reactor Netty's connector
 * hands a network read: a {@code NettyDataBuffer} over a Netty {@code ByteBuf}, as the
 * raw contender gets a {@code ByteBuf}. Spring's {@code DefaultDataBuffer} (what
 * {@code DefaultDataBufferFactory} wraps) boxes its index checks' arguments on every read
 * and position change, about 8 % of a 150-byte event's decoding in a profile: a cost of
 * the benchmark's feeding, not of a real exchange.
 */
final class ConnectorBuffers {

	private static final NettyDataBufferFactory FACTORY = new NettyDataBufferFactory(UnpooledByteBufAllocator.DEFAULT);

	private ConnectorBuffers() {
	}

	static DataBuffer read(byte[] bytes) {
		return FACTORY.wrap(Unpooled.wrappedBuffer(bytes));
	}

}
