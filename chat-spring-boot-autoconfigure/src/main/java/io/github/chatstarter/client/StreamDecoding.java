package io.github.chatstarter.client;

import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

import io.github.chatstarter.model.ChatChunk;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.util.concurrent.Queues;
import reactor.util.context.Context;

/**
 * A streamed reply's body turned into chunks: each received buffer is decoded (and
 * released) as it arrives, and its chunks go straight to the subscriber while it has
 * demand; only chunks beyond its demand wait in a queue, made when first needed. The end
 * of the body is checked by {@link ChatStreamDecoder#finish()}.
 * <p>
 * Hand-written, one operator per stream, rather than as Reactor's
 * {@code concatMapIterable} followed by {@code doOnDiscard} and a {@code concatWith} for
 * the end: {@code concatMapIterable} keeps a queue of up to 256 received buffers per
 * stream, and for every read asks the list of its chunks for a spliterator (to learn
 * whether it is empty) and an iterator; the other two add two operators and a context.
 * Upstream demand is the same (256 buffers, topped up once a quarter of them was used and
 * nothing waits), so Reactor Netty reads as before.
 */
final class StreamDecoding implements CoreSubscriber<DataBuffer>, Subscription {

	private static final int PREFETCH = Queues.SMALL_BUFFER_SIZE;

	/** Upstream demand is topped up after this many buffers. */
	private static final int LIMIT = PREFETCH - (PREFETCH >> 2);

	private static final AtomicIntegerFieldUpdater<StreamDecoding> WIP = AtomicIntegerFieldUpdater
		.newUpdater(StreamDecoding.class, "wip");

	private static final AtomicLongFieldUpdater<StreamDecoding> REQUESTED = AtomicLongFieldUpdater
		.newUpdater(StreamDecoding.class, "requested");

	private static final AtomicIntegerFieldUpdater<StreamDecoding> CONSUMED = AtomicIntegerFieldUpdater
		.newUpdater(StreamDecoding.class, "consumed");

	private final ChatStreamDecoder decoder;

	private final CoreSubscriber<? super ChatChunk> actual;

	private @Nullable Subscription upstream;

	/** Chunks beyond the subscriber's demand; written by the receiving thread only. */
	private volatile @Nullable Queue<ChatChunk> queue;

	private volatile int wip;

	private volatile long requested;

	/** Buffers received since upstream demand was last topped up. */
	private volatile int consumed;

	/** The body ended (or failed): nothing more is queued. */
	private volatile boolean done;

	private volatile @Nullable Throwable error;

	private volatile boolean cancelled;

	private boolean terminated;

	private StreamDecoding(ChatStreamDecoder decoder, CoreSubscriber<? super ChatChunk> actual) {
		this.decoder = decoder;
		this.actual = actual;
	}

	/**
	 * The body's chunks.
	 * @param body the received buffers
	 * @param decoder the stream's decoder
	 * @return the chunks, then the end of the body checked
	 */
	static Flux<ChatChunk> decode(Flux<DataBuffer> body, ChatStreamDecoder decoder) {
		return new Flux<>() {

			@Override
			public void subscribe(CoreSubscriber<? super ChatChunk> actual) {
				body.subscribe(new StreamDecoding(decoder, actual));
			}

		};
	}

	@Override
	public Context currentContext() {
		return this.actual.currentContext();
	}

	@Override
	public void onSubscribe(Subscription subscription) {
		if (Operators.validate(this.upstream, subscription)) {
			this.upstream = subscription;
			this.actual.onSubscribe(this);
			subscription.request(PREFETCH);
		}
	}

	@Override
	public void onNext(DataBuffer buffer) {
		if (this.done || this.cancelled) {
			DataBufferUtils.release(buffer);
			return;
		}
		CONSUMED.incrementAndGet(this);
		Iterator<ChatChunk> chunks;
		try {
			// Releases the buffer, unless decoding it failed.
			chunks = this.decoder.decode(buffer).iterator();
		}
		catch (Throwable failure) {
			DataBufferUtils.release(buffer);
			fail(failure);
			return;
		}
		if (this.wip == 0 && WIP.compareAndSet(this, 0, 1)) {
			Queue<ChatChunk> waiting = this.queue;
			if (waiting == null || waiting.isEmpty()) {
				emitWhileDemanded(chunks);
			}
			enqueue(chunks);
			drainLoop();
		}
		else {
			enqueue(chunks);
			drain();
		}
	}

	/**
	 * Straight to the subscriber while it has demand (fast path, with the drain held).
	 */
	private void emitWhileDemanded(Iterator<ChatChunk> chunks) {
		long demand = this.requested;
		long emitted = 0;
		try {
			while (emitted != demand && !this.cancelled && chunks.hasNext()) {
				this.actual.onNext(chunks.next());
				emitted++;
			}
		}
		catch (Throwable failure) {
			// The chunks of a read that ended in an error event came first.
			fail(failure);
		}
		if (emitted != 0 && demand != Long.MAX_VALUE) {
			REQUESTED.addAndGet(this, -emitted);
		}
	}

	/** Queues what is left of a read's chunks; called by the receiving thread only. */
	private void enqueue(Iterator<ChatChunk> chunks) {
		try {
			while (chunks.hasNext()) {
				Queue<ChatChunk> waiting = this.queue;
				if (waiting == null) {
					waiting = Queues.<ChatChunk>unbounded(16).get();
					this.queue = waiting;
				}
				waiting.offer(chunks.next());
			}
		}
		catch (Throwable failure) {
			fail(failure);
		}
	}

	private void fail(Throwable failure) {
		if (this.error == null) {
			this.error = failure;
		}
		this.done = true;
		Subscription subscription = this.upstream;
		if (subscription != null) {
			subscription.cancel();
		}
		drain();
	}

	@Override
	public void onError(Throwable failure) {
		if (this.done) {
			Operators.onErrorDropped(failure, this.actual.currentContext());
			return;
		}
		this.error = failure;
		this.done = true;
		drain();
	}

	@Override
	public void onComplete() {
		if (this.done) {
			return;
		}
		try {
			enqueue(this.decoder.finish().iterator());
		}
		catch (Throwable failure) {
			this.error = failure;
		}
		this.done = true;
		drain();
	}

	@Override
	public void request(long n) {
		if (Operators.validate(n)) {
			Operators.addCap(REQUESTED, this, n);
			drain();
		}
	}

	@Override
	public void cancel() {
		if (!this.cancelled) {
			this.cancelled = true;
			Subscription subscription = this.upstream;
			if (subscription != null) {
				subscription.cancel();
			}
			drain();
		}
	}

	private void drain() {
		if (WIP.getAndIncrement(this) == 0) {
			drainLoop();
		}
	}

	/** Emits queued chunks while demanded, then the end; runs holding the drain. */
	private void drainLoop() {
		int missed = 1;
		for (;;) {
			Queue<ChatChunk> waiting = this.queue;
			if (this.cancelled) {
				if (waiting != null) {
					waiting.clear();
				}
			}
			else if (!this.terminated) {
				long demand = this.requested;
				long emitted = 0;
				while (emitted != demand && waiting != null && !this.cancelled) {
					ChatChunk chunk = waiting.poll();
					if (chunk == null) {
						break;
					}
					this.actual.onNext(chunk);
					emitted++;
				}
				if (emitted != 0 && demand != Long.MAX_VALUE) {
					REQUESTED.addAndGet(this, -emitted);
				}
				if (waiting == null || waiting.isEmpty()) {
					if (this.done) {
						// Read before the queue was found empty: done is set after the
						// last
						// chunks were queued.
						terminate();
					}
					else {
						topUp();
					}
				}
			}
			missed = WIP.addAndGet(this, -missed);
			if (missed == 0) {
				return;
			}
		}
	}

	private void terminate() {
		Queue<ChatChunk> waiting = this.queue;
		if (waiting != null && !waiting.isEmpty()) {
			return;
		}
		this.terminated = true;
		Throwable failure = this.error;
		if (failure != null) {
			this.actual.onError(failure);
		}
		else {
			this.actual.onComplete();
		}
	}

	/** Asks for more buffers once enough were used and none of their chunks wait. */
	private void topUp() {
		int used = this.consumed;
		Subscription subscription = this.upstream;
		if (used >= LIMIT && subscription != null) {
			CONSUMED.addAndGet(this, -used);
			subscription.request(used);
		}
	}

}
