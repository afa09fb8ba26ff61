package io.github.chatstarter.benchmarks;

import java.util.concurrent.CompletableFuture;

/**
 * One client under test, built for one stub scenario (its base URL). Every contender asks
 * the same question ("Say hello", model {@value Payloads#MODEL}) and hands back the
 * answer's text.
 */
interface Contender extends AutoCloseable {

	/** Non-streaming: completes with the answer's text. */
	CompletableFuture<String> chat();

	/**
	 * Streaming: calls the listener per non-empty content delta; the returned handle
	 * stops the stream.
	 */
	Cancellable stream(StreamListener listener);

	@Override
	void close();

	/** Stops a stream early. */
	interface Cancellable {

		void cancel();

	}

	/** What a stream tells the harness. Called on the client's threads. */
	interface StreamListener {

		void onContent(String text);

		void onComplete();

		void onError(Throwable error);

	}

}
