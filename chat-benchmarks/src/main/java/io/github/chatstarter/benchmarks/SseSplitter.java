package io.github.chatstarter.benchmarks;

import java.util.Arrays;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

/**
 * The practical limit of SSE decoding: splits events on the bytes as they arrive, one
 * copy of each line into a reused array and no String per line or event. Handles LF, CRLF
 * and CR line endings, events split across reads at any byte, several {@code data:} lines
 * per event, comments and other fields. One instance per stream; not thread-safe.
 */
final class SseSplitter {

	/**
	 * Receives each complete event's data. The array is reused: read it before returning.
	 */
	interface EventSink {

		void event(byte[] data, int offset, int length);

	}

	private static final byte[] DONE = { '[', 'D', 'O', 'N', 'E', ']' };

	private byte[] line = new byte[64];

	private int lineLength;

	private byte[] data = new byte[64];

	private int dataOffset;

	private int dataLength;

	private boolean hasData;

	private boolean afterCr;

	private boolean done;

	/** Whether {@code data: [DONE]} was seen. */
	boolean done() {
		return this.done;
	}

	void feed(ByteBuf buf, EventSink sink) {
		int index = buf.readerIndex();
		int end = buf.writerIndex();
		while (index < end) {
			if (this.afterCr) {
				this.afterCr = false;
				if (buf.getByte(index) == '\n') {
					index++;
					continue;
				}
			}
			int eol = buf.forEachByte(index, end - index, ByteProcessor.FIND_CRLF);
			if (eol < 0) {
				appendToLine(buf, index, end - index);
				return;
			}
			appendToLine(buf, index, eol - index);
			this.afterCr = buf.getByte(eol) == '\r';
			endOfLine(sink);
			index = eol + 1;
		}
	}

	/** Same as {@link #feed(ByteBuf, EventSink)} for a plain array. */
	void feed(byte[] bytes, int offset, int length, EventSink sink) {
		int index = offset;
		int end = offset + length;
		while (index < end) {
			if (this.afterCr) {
				this.afterCr = false;
				if (bytes[index] == '\n') {
					index++;
					continue;
				}
			}
			int eol = index;
			while (eol < end && bytes[eol] != '\n' && bytes[eol] != '\r') {
				eol++;
			}
			appendToLine(bytes, index, eol - index);
			if (eol == end) {
				return;
			}
			this.afterCr = bytes[eol] == '\r';
			endOfLine(sink);
			index = eol + 1;
		}
	}

	private void appendToLine(ByteBuf buf, int index, int length) {
		ensureLineCapacity(length);
		buf.getBytes(index, this.line, this.lineLength, length);
		this.lineLength += length;
	}

	private void appendToLine(byte[] bytes, int index, int length) {
		ensureLineCapacity(length);
		System.arraycopy(bytes, index, this.line, this.lineLength, length);
		this.lineLength += length;
	}

	private void ensureLineCapacity(int more) {
		if (this.lineLength + more > this.line.length) {
			this.line = Arrays.copyOf(this.line, Math.max(this.line.length * 2, this.lineLength + more));
		}
	}

	private void endOfLine(EventSink sink) {
		int length = this.lineLength;
		this.lineLength = 0;
		if (length == 0) {
			dispatch(sink);
			return;
		}
		byte[] bytes = this.line;
		if (length < 5 || bytes[0] != 'd' || bytes[1] != 'a' || bytes[2] != 't' || bytes[3] != 'a' || bytes[4] != ':') {
			return; // comment, event:, id:, retry: or unknown field
		}
		int start = (length > 5 && bytes[5] == ' ') ? 6 : 5;
		if (!this.hasData) {
			// The usual single data line: swap arrays instead of copying.
			this.line = this.data;
			this.data = bytes;
			this.dataOffset = start;
			this.dataLength = length - start;
			this.hasData = true;
			return;
		}
		int needed = this.dataOffset + this.dataLength + 1 + length - start;
		if (needed > this.data.length) {
			this.data = Arrays.copyOf(this.data, Math.max(needed, this.data.length * 2));
		}
		this.data[this.dataOffset + this.dataLength] = '\n';
		System.arraycopy(bytes, start, this.data, this.dataOffset + this.dataLength + 1, length - start);
		this.dataLength += 1 + length - start;
	}

	private void dispatch(EventSink sink) {
		if (!this.hasData) {
			return;
		}
		this.hasData = false;
		if (this.dataLength == DONE.length
				&& Arrays.equals(this.data, this.dataOffset, this.dataOffset + DONE.length, DONE, 0, DONE.length)) {
			this.done = true;
			return;
		}
		sink.event(this.data, this.dataOffset, this.dataLength);
	}

}
