package io.github.chatstarter.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.NettyDataBufferFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ReplyBodyTests {

	private final NettyDataBufferFactory buffers = new NettyDataBufferFactory(Unpooled.buffer().alloc());

	@Test
	void bodyWithContentLengthShouldBeCopiedIntoOneArrayOfThatLengthAndEachBufferReleased() {
		ReplyBody body = new ReplyBody(10, 1024);
		ByteBuf first = bytes("{\"a\":");
		ByteBuf second = bytes("123}");
		body.append(this.buffers.wrap(first));
		body.append(this.buffers.wrap(second));
		assertThat(body.bytes()).hasSize(10);
		assertThat(new String(body.bytes(), 0, body.length(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":123}");
		assertThat(first.refCnt()).isZero();
		assertThat(second.refCnt()).isZero();
	}

	@Test
	void bodyLongerThanItsContentLengthOrWithoutOneShouldGrow() {
		ReplyBody body = new ReplyBody(-1, 1 << 20);
		byte[] large = new byte[5000];
		Arrays.fill(large, (byte) 'x');
		body.append(this.buffers.wrap(Unpooled.wrappedBuffer(large)));
		body.append(this.buffers.wrap(bytes("yz")));
		assertThat(body.length()).isEqualTo(5002);
		assertThat(body.bytes()[5001]).isEqualTo((byte) 'z');
	}

	@Test
	void bodyBeyondTheLimitShouldFailAndLeaveTheBufferToTheCaller() {
		ReplyBody body = new ReplyBody(-1, 8);
		body.append(this.buffers.wrap(bytes("12345")));
		ByteBuf beyond = bytes("6789");
		assertThatExceptionOfType(DataBufferLimitException.class)
			.isThrownBy(() -> body.append(this.buffers.wrap(beyond)))
			.withMessageContaining("8");
		assertThat(beyond.refCnt()).isOne();
		beyond.release();
	}

	private static ByteBuf bytes(String text) {
		return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
	}

}
