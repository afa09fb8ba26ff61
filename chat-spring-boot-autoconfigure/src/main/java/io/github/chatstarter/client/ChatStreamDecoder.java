package io.github.chatstarter.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import io.github.chatstarter.error.ChatException;
import io.github.chatstarter.error.ChatProtocolException;
import io.github.chatstarter.error.UpstreamError;
import io.github.chatstarter.error.internal.BodyStart;
import io.github.chatstarter.model.ChatChunk;
import io.github.chatstarter.model.ChatChunkChoice;
import io.github.chatstarter.model.FinishReasons;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * Turns the body of one streamed reply into chunks. Knows how a chat stream ends:
 * {@code data: [DONE]}, or the connection closing after a {@code finish_reason}; a body
 * that stops before either is an error, never a silently short answer. A relay that
 * ignored {@code stream: true} and answered with one JSON object is decoded as that
 * object's single chunk. Not thread-safe: one instance per stream.
 */
final class ChatStreamDecoder implements ServerSentEventSplitter.Listener {

	private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

	private enum Mode {

		UNKNOWN, EVENTS, JSON

	}

	private final ChatCodec codec;

	private final String provider;

	private final ServerSentEventSplitter splitter;

	private final int maxEventSize;

	/** Told when {@code [DONE]} arrives, so that the exchange's deadline knows. */
	private final Runnable onDone;

	private Mode mode = Mode.UNKNOWN;

	/** Body of a plain JSON reply, gathered until the end. */
	private byte @Nullable [] json;

	private int jsonLength;

	private @Nullable List<ChatChunk> decoded;

	private boolean done;

	private boolean finished;

	/** Whether a relay's web search started and has not said it finished. */
	private boolean searching;

	private int chunkCount;

	ChatStreamDecoder(ChatCodec codec, String provider, int maxEventSize, Runnable onDone) {
		this.codec = codec;
		this.provider = provider;
		this.maxEventSize = maxEventSize;
		this.onDone = onDone;
		this.splitter = new ServerSentEventSplitter(this, maxEventSize);
	}

	/**
	 * Decodes what this buffer completes, and releases it. When decoding fails the buffer
	 * is left to the caller ({@link StreamDecoding} releases it), which must release it
	 * exactly once: releasing it twice would take a reference from the connection's own
	 * buffer.
	 */
	Iterable<ChatChunk> decode(DataBuffer buffer) {
		Iterable<ChatChunk> chunks = read(buffer);
		DataBufferUtils.release(buffer);
		return chunks;
	}

	private Iterable<ChatChunk> read(DataBuffer buffer) {
		if (this.done) {
			return List.of();
		}
		if (this.mode == Mode.UNKNOWN) {
			this.mode = detectMode(buffer);
			if (this.mode == Mode.EVENTS) {
				skipFiller(buffer);
			}
		}
		if (this.mode == Mode.JSON) {
			appendJson(buffer);
			return List.of();
		}
		if (this.mode == Mode.UNKNOWN) {
			// Only white space so far.
			return List.of();
		}
		this.decoded = null;
		try {
			this.splitter.feed(buffer);
		}
		catch (ServerSentEventSplitter.EventTooLargeException ex) {
			throw new ChatProtocolException("Provider '" + this.provider + "': " + ex.getMessage(),
					UpstreamError.of(this.provider), ex);
		}
		catch (ChatException ex) {
			List<ChatChunk> before = this.decoded;
			if (before == null) {
				throw ex;
			}
			// Chunks that came in the same read as the error go out before it, exactly as
			// when they arrive in two reads; nothing after the error is read.
			this.done = true;
			return new ChunksThenError(before, ex);
		}
		List<ChatChunk> result = this.decoded;
		// Not kept until the next read: an idle stream would hold its last chunks.
		this.decoded = null;
		return (result != null) ? result : List.of();
	}

	/**
	 * Ends the body: returns what its last bytes complete, or fails if the answer was cut
	 * off.
	 */
	List<ChatChunk> finish() {
		if (this.mode == Mode.JSON && this.json != null) {
			return List.of(ChatChunk.from(this.codec.readResponse(this.json, 0, this.jsonLength, 200)));
		}
		this.decoded = null;
		if (!this.done) {
			this.splitter.finish();
		}
		List<ChatChunk> last = (this.decoded != null) ? this.decoded : List.of();
		this.decoded = null;
		if (!this.done && !this.finished) {
			throw new ChatProtocolException("Provider '" + this.provider
					+ "' ended the stream before the answer was complete (no finish_reason and no [DONE] after "
					+ this.chunkCount + " chunks)", UpstreamError.of(this.provider), null);
		}
		return last;
	}

	@Override
	public void onEvent(@Nullable String type, byte[] data, int offset, int length) {
		if (this.done) {
			return;
		}
		int start = offset;
		int end = offset + length;
		while (start < end && isWhitespace(data[start])) {
			start++;
		}
		while (end > start && isWhitespace(data[end - 1])) {
			end--;
		}
		if (start == end) {
			return;
		}
		if ("error".equals(type)) {
			throw this.codec.readErrorEvent(data, start, end - start);
		}
		if (isDone(data, start, end)) {
			this.done = true;
			this.onDone.run();
			return;
		}
		ChatChunk chunk;
		try {
			chunk = this.codec.readChunk(data, start, end - start);
		}
		catch (ChatProtocolException ex) {
			if (!eachLineIsAnEvent(type, data, start, end)) {
				throw ex;
			}
			return;
		}
		if (chunk.isWebSearch()) {
			this.searching = true;
		}
		else if (this.searching && FinishReasons.FUNCTION_CALL.equals(chunk.finishReason())) {
			// The relay's "search finished" signal, not the end: the answer follows.
			this.searching = false;
			chunk = chunk.asWebSearchFinished();
		}
		if (!this.finished && !chunk.isWebSearchFinished()) {
			for (ChatChunkChoice choice : chunk.choices()) {
				if (choice.finishReason() != null) {
					this.finished = true;
					break;
				}
			}
		}
		this.chunkCount++;
		add(chunk);
	}

	/**
	 * Chunks, then the error that followed them in the same read: {@link StreamDecoding}
	 * emits what the iterator gave and signals what it threw as the stream's error, after
	 * them.
	 */
	private record ChunksThenError(List<ChatChunk> chunks, ChatException error) implements Iterable<ChatChunk> {

		@Override
		public Iterator<ChatChunk> iterator() {
			Iterator<ChatChunk> delegate = this.chunks.iterator();
			return new Iterator<>() {

				@Override
				public boolean hasNext() {
					if (!delegate.hasNext()) {
						throw ChunksThenError.this.error;
					}
					return true;
				}

				@Override
				public ChatChunk next() {
					return delegate.next();
				}

			};
		}

	}

	/**
	 * ai-gs's API documentation prints its stream with one newline between {@code data:}
	 * lines instead of a blank line, which makes them one event. When such an event is
	 * not one JSON document but each of its lines is a chunk (or {@code [DONE]}), each
	 * line is decoded as its own event. Only tried once the whole failed, so well-formed
	 * streams pay nothing.
	 * @return whether the lines were decoded as events
	 */
	private boolean eachLineIsAnEvent(@Nullable String type, byte[] data, int start, int end) {
		int lines = 0;
		for (int lineStart = start; lineStart < end;) {
			int lineEnd = indexOf(data, (byte) '\n', lineStart, end);
			if (!looksLikeOneEvent(data, lineStart, lineEnd)) {
				return false;
			}
			lines++;
			lineStart = lineEnd + 1;
		}
		if (lines < 2) {
			return false;
		}
		for (int lineStart = start; lineStart < end && !this.done;) {
			int lineEnd = indexOf(data, (byte) '\n', lineStart, end);
			onEvent(type, data, lineStart, lineEnd - lineStart);
			lineStart = lineEnd + 1;
		}
		return true;
	}

	private static boolean looksLikeOneEvent(byte[] data, int start, int end) {
		int first = start;
		int last = end - 1;
		while (first <= last && isWhitespace(data[first])) {
			first++;
		}
		while (last >= first && isWhitespace(data[last])) {
			last--;
		}
		return first <= last && ((data[first] == '{' && data[last] == '}') || isDone(data, first, last + 1));
	}

	private static int indexOf(byte[] data, byte wanted, int from, int end) {
		for (int i = from; i < end; i++) {
			if (data[i] == wanted) {
				return i;
			}
		}
		return end;
	}

	private void add(ChatChunk chunk) {
		if (this.decoded == null) {
			this.decoded = new ArrayList<>(4);
		}
		this.decoded.add(chunk);
	}

	private Mode detectMode(DataBuffer buffer) {
		for (int i = buffer.readPosition(); i < buffer.writePosition(); i++) {
			byte b = buffer.getByte(i);
			if (!BodyStart.isFiller(b)) {
				return (b == '{') ? Mode.JSON : Mode.EVENTS;
			}
		}
		return Mode.UNKNOWN;
	}

	/**
	 * Moves past what may precede the first event, so the splitter sees the stream from
	 * its first field.
	 */
	private static void skipFiller(DataBuffer buffer) {
		int position = buffer.readPosition();
		while (position < buffer.writePosition() && BodyStart.isFiller(buffer.getByte(position))) {
			position++;
		}
		buffer.readPosition(position);
	}

	private void appendJson(DataBuffer buffer) {
		int count = buffer.readableByteCount();
		if (this.json == null) {
			this.json = new byte[Math.max(1024, count)];
		}
		if (this.jsonLength + count > this.maxEventSize) {
			throw new ChatProtocolException(
					"Provider '" + this.provider + "' sent a reply larger than " + this.maxEventSize + " bytes",
					UpstreamError.of(this.provider), null);
		}
		if (this.jsonLength + count > this.json.length) {
			this.json = Arrays.copyOf(this.json, Math.max(this.json.length * 2, this.jsonLength + count));
		}
		buffer.read(this.json, this.jsonLength, count);
		this.jsonLength += count;
	}

	private static boolean isDone(byte[] data, int start, int end) {
		if (end - start != DONE.length) {
			return false;
		}
		for (int i = 0; i < DONE.length; i++) {
			if (data[start + i] != DONE[i]) {
				return false;
			}
		}
		return true;
	}

	private static boolean isWhitespace(byte b) {
		return b == ' ' || b == '\t' || b == '\n' || b == '\r';
	}

}
