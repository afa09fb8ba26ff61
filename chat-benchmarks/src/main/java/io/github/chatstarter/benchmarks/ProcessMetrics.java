package io.github.chatstarter.benchmarks;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import io.netty.util.internal.PlatformDependent;

/**
 * What the client JVM spends: CPU time, heap after GC, direct memory, threads, resident
 * memory.
 */
final class ProcessMetrics {

	private static final com.sun.management.OperatingSystemMXBean OS = (com.sun.management.OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	private ProcessMetrics() {
	}

	static long cpuNanos() {
		return OS.getProcessCpuTime();
	}

	/** Heap in use after full collections, so that only live objects count. */
	static long heapAfterGc() throws InterruptedException {
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(150);
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	/**
	 * NIO direct buffers plus Netty's own direct memory, which it allocates without the
	 * JDK's accounting.
	 */
	static long directBytes() {
		long nio = 0;
		for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
			if ("direct".equals(pool.getName())) {
				nio += pool.getMemoryUsed();
			}
		}
		return nio + Math.max(0, PlatformDependent.usedDirectMemory());
	}

	static int threads() {
		return ManagementFactory.getThreadMXBean().getThreadCount();
	}

	/** Resident set size from /proc, or -1 where there is none. */
	static long residentBytes() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			return -1;
		}
		return -1;
	}

}
