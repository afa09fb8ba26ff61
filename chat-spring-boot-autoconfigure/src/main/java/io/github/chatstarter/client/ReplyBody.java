package io.github.chatstarter.client;

import java.util.Arrays;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * The body of a non-streamed reply, gathered into one array as its buffers arrive.
 * <p>
 * Written by hand rather than with {@code DataBufferUtils.join}: that one keeps every
 * buffer in a list until the body ends, allocates a joined buffer and copies them into it
 * (through a stream of their {@code ByteBuffer}s), and the template then copied the
 * joined buffer once more into the array Jackson reads. Here each buffer is copied once,
 * into an array sized from the reply's {@code Content-Length} when it has one, and
 * released at once. Not thread-safe: one instance per reply.
 */
final class ReplyBody {

	/** First size when the reply has no {@code Content-Length}. */
	private static final int INITIAL_CAPACITY = 1024;

	/**
	 * Largest first size taken from {@code Content-Length}: an announced length is not
	 * trusted with more up front; a longer body grows the array as it arrives.
	 */
	private static final int MAX_INITIAL_CAPACITY = 1024 * 1024;

	private final int limit;

	private byte[] bytes;

	private int length;

	/**
	 * @param contentLength the reply's announced length, or a negative number
	 * @param limit most bytes accepted
	 */
	ReplyBody(long contentLength, int limit) {
		this.limit = limit;
		this.bytes = new byte[(contentLength > 0) ? (int) Math.min(contentLength, Math.min(limit, MAX_INITIAL_CAPACITY))
				: INITIAL_CAPACITY];
	}

	/**
	 * Copies the buffer's bytes and releases it. A buffer beyond the limit is neither
	 * read nor released: the operator that failed on it discards it, and releasing it
	 * here as well would release it twice.
	 * @param buffer the next buffer of the body
	 * @throws DataBufferLimitException when the body grows beyond the limit
	 */
	void append(DataBuffer buffer) {
		int count = buffer.readableByteCount();
		if (count > this.limit - this.length) {
			throw new DataBufferLimitException("Exceeded limit on max bytes to buffer : " + this.limit);
		}
		if (this.length + count > this.bytes.length) {
			int doubled = (int) Math.min((long) this.bytes.length * 2, this.limit);
			this.bytes = Arrays.copyOf(this.bytes, Math.max(doubled, this.length + count));
		}
		buffer.read(this.bytes, this.length, count);
		this.length += count;
		DataBufferUtils.release(buffer);
	}

	/**
	 * The array holding the body; only its first {@link #length()} bytes are the body.
	 */
	byte[] bytes() {
		return this.bytes;
	}

	int length() {
		return this.length;
	}

}
