package io.github.chatstarter.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;

/**
 * Splits a server-sent event stream into events as the bytes arrive, following the WHATWG
 * event-stream rules: LF, CRLF or CR line ends, {@code :} comments, {@code data:} with or
 * without its space, several {@code data} lines joined by LF, {@code event}, {@code id}
 * and {@code retry} fields.
 * <p>
 * Written by hand rather than with Spring's {@code ServerSentEventHttpMessageReader}
 * because that one decodes every line into a {@code String} and then the data again into
 * JSON: here an event's data is handed over as a slice of the receive buffer, so a
 * single-line event (nearly all of them) is parsed by Jackson straight from the bytes,
 * with no copy. Events split across network reads at any byte, inside a multi-byte
 * character included, are joined first. Not thread-safe: one instance per stream.
 */
final class ServerSentEventSplitter {

	/**
	 * Receives each complete event that has data.
	 */
	interface Listener {

		/**
		 * @param type the {@code event} field, or {@code null}
		 * @param data buffer holding the data; valid only during this call
		 * @param offset start of the data
		 * @param length length of the data
		 */
		void onEvent(@Nullable String type, byte[] data, int offset, int length);

	}

	/**
	 * Smallest own buffer, made when a read first ends inside an event; it doubles as
	 * events need.
	 */
	private static final int INITIAL_CAPACITY = 512;

	/** Largest read taken through the thread's scratch array. */
	private static final int MAX_SCRATCH = 64 * 1024;

	private static final byte[] NONE = new byte[0];

	/**
	 * Each thread's array for reads that start with no unfinished event (see feed). One
	 * per thread rather than per stream: an idle stream then holds no receive buffer.
	 */
	private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

	private final Listener listener;

	private final int maxEventSize;

	/**
	 * The bytes being scanned: during a read that started with nothing unfinished, the
	 * thread's scratch array; otherwise this stream's own array, which holds only an
	 * unfinished event between reads.
	 */
	private byte[] buffer = NONE;

	/** End of the bytes received. */
	private int end;

	/** Next byte to look at. */
	private int position;

	/** Start of the line being read. */
	private int lineStart;

	/** Start of the event being read; bytes before it are done with. */
	private int eventStart;

	private boolean lastWasCarriageReturn;

	/** Offsets and lengths of the current event's data lines. */
	private int[] dataLines = new int[4];

	private int dataLineCount;

	private @Nullable String eventType;

	ServerSentEventSplitter(Listener listener, int maxEventSize) {
		this.listener = listener;
		this.maxEventSize = maxEventSize;
	}

	/**
	 * Reads the buffer's bytes (without releasing it) and reports the events they
	 * complete.
	 */
	void feed(DataBuffer data) {
		int count = data.readableByteCount();
		if (this.end == 0 && count <= MAX_SCRATCH) {
			feedThroughScratch(data, count);
			return;
		}
		ensureRoom(count);
		data.read(this.buffer, this.end, count);
		this.end += count;
		scan();
	}

	/**
	 * A read that starts with no unfinished event is scanned in the thread's scratch
	 * array, and only what an event left unfinished at its end is copied into this
	 * stream's own array. Most reads end at an event's end, so most streams never make
	 * one, and an idle stream holds no receive buffer (an own buffer of 512 bytes up
	 * front was a sixteenth of an idle stream's heap).
	 */
	private void feedThroughScratch(DataBuffer data, int count) {
		Scratch scratch = SCRATCH.get();
		// A read scanned while another is (not expected: listeners only decode) gets an
		// array of its own.
		byte[] bytes = scratch.inUse ? new byte[count] : scratch.take(count);
		byte[] own = this.buffer;
		this.buffer = bytes;
		try {
			data.read(bytes, 0, count);
			this.end = count;
			scan();
		}
		catch (RuntimeException ex) {
			// The stream fails: nothing of this read is kept.
			this.eventStart = this.lineStart = this.position = this.end = 0;
			this.dataLineCount = 0;
			this.buffer = own;
			throw ex;
		}
		finally {
			if (bytes == scratch.bytes) {
				scratch.inUse = false;
			}
		}
		if (this.end > 0) {
			int remaining = this.end - this.eventStart;
			if (own.length < remaining) {
				own = new byte[Math.max(INITIAL_CAPACITY, remaining)];
			}
			System.arraycopy(bytes, this.eventStart, own, 0, remaining);
			shift(this.eventStart);
		}
		this.buffer = own;
	}

	/**
	 * Ends the stream: a last line or event without its closing blank line still counts.
	 */
	void finish() {
		if (this.position > this.lineStart) {
			endLine(this.position);
		}
		dispatch();
		this.eventStart = this.lineStart = this.position = this.end;
	}

	private void scan() {
		byte[] bytes = this.buffer;
		int i = this.position;
		int limit = this.end;
		while (i < limit) {
			byte b = bytes[i];
			if (b == '\n' || b == '\r') {
				if (b == '\n' && this.lastWasCarriageReturn) {
					// Second half of a CRLF whose CR ended the line already.
					this.lastWasCarriageReturn = false;
					this.lineStart = i + 1;
					i++;
					continue;
				}
				this.lastWasCarriageReturn = (b == '\r');
				if (i == this.lineStart) {
					dispatch();
					this.eventStart = i + 1;
				}
				else {
					endLine(i);
				}
				this.lineStart = i + 1;
			}
			else {
				this.lastWasCarriageReturn = false;
			}
			i++;
		}
		this.position = i;
		if (this.eventStart == this.end) {
			// Nothing pending: start over at the front of the buffer.
			this.eventStart = this.lineStart = this.position = this.end = 0;
		}
		else if (this.end - this.eventStart > this.maxEventSize) {
			throw new EventTooLargeException(this.end - this.eventStart, this.maxEventSize);
		}
	}

	private void endLine(int lineEnd) {
		byte[] bytes = this.buffer;
		int start = this.lineStart;
		if (bytes[start] == ':') {
			return;
		}
		int colon = start;
		while (colon < lineEnd && bytes[colon] != ':') {
			colon++;
		}
		int valueStart = (colon < lineEnd) ? colon + 1 : lineEnd;
		if (valueStart < lineEnd && bytes[valueStart] == ' ') {
			valueStart++;
		}
		int nameLength = colon - start;
		if (nameLength == 4 && bytes[start] == 'd' && bytes[start + 1] == 'a' && bytes[start + 2] == 't'
				&& bytes[start + 3] == 'a') {
			addDataLine(valueStart, lineEnd - valueStart);
		}
		else if (nameLength == 5 && new String(bytes, start, 5, StandardCharsets.US_ASCII).equals("event")) {
			this.eventType = new String(bytes, valueStart, lineEnd - valueStart, StandardCharsets.UTF_8);
		}
		// id and retry only matter to browsers reconnecting; other field names are
		// ignored as the spec says.
	}

	private void addDataLine(int offset, int length) {
		int slot = this.dataLineCount * 2;
		if (slot + 2 > this.dataLines.length) {
			this.dataLines = Arrays.copyOf(this.dataLines, this.dataLines.length * 2);
		}
		this.dataLines[slot] = offset;
		this.dataLines[slot + 1] = length;
		this.dataLineCount++;
	}

	private void dispatch() {
		String type = this.eventType;
		int lines = this.dataLineCount;
		this.eventType = null;
		this.dataLineCount = 0;
		if (lines == 0) {
			return;
		}
		if (lines == 1) {
			this.listener.onEvent(type, this.buffer, this.dataLines[0], this.dataLines[1]);
			return;
		}
		int total = lines - 1;
		for (int line = 0; line < lines; line++) {
			total += this.dataLines[line * 2 + 1];
		}
		byte[] joined = new byte[total];
		int at = 0;
		for (int line = 0; line < lines; line++) {
			if (line > 0) {
				joined[at++] = '\n';
			}
			int length = this.dataLines[line * 2 + 1];
			System.arraycopy(this.buffer, this.dataLines[line * 2], joined, at, length);
			at += length;
		}
		this.listener.onEvent(type, joined, 0, total);
	}

	/**
	 * Makes room for more bytes, first by dropping the events already handled.
	 */
	private void ensureRoom(int incoming) {
		if (this.eventStart > 0) {
			System.arraycopy(this.buffer, this.eventStart, this.buffer, 0, this.end - this.eventStart);
			shift(this.eventStart);
		}
		if (this.end + incoming > this.buffer.length) {
			int capacity = Math.max(this.buffer.length * 2, this.end + incoming);
			this.buffer = Arrays.copyOf(this.buffer, capacity);
		}
	}

	/** The unfinished event moved by this many bytes to the front of its array. */
	private void shift(int shift) {
		this.end -= shift;
		this.position -= shift;
		this.lineStart -= shift;
		this.eventStart = 0;
		for (int line = 0; line < this.dataLineCount; line++) {
			this.dataLines[line * 2] -= shift;
		}
	}

	/** A thread's scratch array, grown to its largest read. */
	private static final class Scratch {

		private byte[] bytes = new byte[INITIAL_CAPACITY];

		private boolean inUse;

		byte[] take(int count) {
			if (this.bytes.length < count) {
				this.bytes = new byte[Math.max(this.bytes.length * 2, count)];
			}
			this.inUse = true;
			return this.bytes;
		}

	}

	/**
	 * An event grew past the configured limit without ending.
	 */
	static final class EventTooLargeException extends IllegalStateException {

		EventTooLargeException(int size, int limit) {
			super("A stream event grew to " + size + " bytes without ending; the limit is " + limit);
		}

	}

}
