package io.github.chatstarter.test;

import java.time.Duration;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * Proves the guards every test runs under are really on. Its deliberate leak is logged as
 * a LEAK, so the build's leak check leaves this class's output out.
 */
class TestGuardsTests {

	@Test
	void blockingOnAnEventLoopShouldFail() {
		Throwable thrown = catchThrowable(() -> Mono.delay(Duration.ofMillis(1)).doOnNext((tick) -> sleep()).block());
		assertThat(thrown).isNotNull();
		assertThat((thrown instanceof BlockingOperationError) ? thrown : thrown.getCause())
			.isInstanceOf(BlockingOperationError.class);
	}

	@Test
	void leakDetectionShouldBeParanoid() {
		assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
	}

	@Test
	void leakedBufferShouldFailTheClass() throws InterruptedException {
		leak();
		ExtensionContext context = mock(ExtensionContext.class);
		when(context.getDisplayName()).thenReturn("LeakyTests");
		NettyLeakCheck check = new NettyLeakCheck();
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> check.afterAll(context))
			.withMessageContaining("leaked buffer");
	}

	private static void sleep() {
		try {
			Thread.sleep(5);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void leak() {
		ByteBuf leaked = PooledByteBufAllocator.DEFAULT.directBuffer(32);
		leaked.writeInt(42);
	}

}
