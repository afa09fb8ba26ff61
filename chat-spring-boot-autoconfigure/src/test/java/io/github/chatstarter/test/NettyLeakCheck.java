package io.github.chatstarter.test;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class after which Netty found a leaked buffer. Registered for every test
 * class (JUnit extension auto-detection); the tests run with
 * {@code -Dio.netty.leakDetection.level=paranoid}, so every buffer is tracked. Netty
 * reports a leak when it notices, on a later allocation, that a buffer was collected
 * unreleased: after each class this collects garbage, waits for its references to be
 * processed, and allocates so that pending reports are flushed.
 */
public final class NettyLeakCheck implements BeforeAllCallback, AfterAllCallback {

	private static final Queue<String> leaks = new ConcurrentLinkedQueue<>();

	static {
		ByteBufUtil.setLeakListener((resourceType, records) -> leaks.add(resourceType + ": " + records));
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		leaks.clear();
	}

	@Override
	public void afterAll(ExtensionContext context) throws InterruptedException {
		for (int round = 0; round < 3; round++) {
			collectGarbage();
			for (int i = 0; i < 64; i++) {
				ByteBuf probe = PooledByteBufAllocator.DEFAULT.directBuffer(16);
				probe.release();
			}
		}
		List<String> found = List.copyOf(leaks);
		leaks.clear();
		if (!found.isEmpty()) {
			throw new AssertionError("Netty reported " + found.size() + " leaked buffer(s) in "
					+ context.getDisplayName() + ":\n" + String.join("\n", found));
		}
	}

	/**
	 * Collects garbage and waits until the collector's references were processed, which
	 * is when Netty's detector can see what was collected: a sentinel's weak reference is
	 * enqueued at the same time.
	 */
	private static void collectGarbage() throws InterruptedException {
		ReferenceQueue<Object> queue = new ReferenceQueue<>();
		WeakReference<Object> sentinel = new WeakReference<>(new Object(), queue);
		for (int attempt = 0; attempt < 50 && queue.remove(100) == null; attempt++) {
			System.gc();
		}
		sentinel.clear();
	}

}
