package io.github.chatstarter.client;

import io.github.chatstarter.model.ChatRequest;
import org.jspecify.annotations.Nullable;

/**
 * What one call needs to send its request again (to retry, or to fail over to another
 * key), kept only until the call delivered its first item: from then on it can be neither
 * retried nor failed over. An open stream would otherwise hold its encoded request for as
 * long as it streams, through the retry's and the exchange's closures and through
 * WebClient's request, which its response keeps; a long conversation's request is tens of
 * kilobytes.
 */
final class ResendableRequest {

	private volatile @Nullable ChatRequest request;

	private volatile byte @Nullable [] body;

	private volatile boolean delivered;

	/**
	 * @param request the prepared request
	 * @param body the request encoded
	 */
	ResendableRequest(ChatRequest request, byte[] body) {
		this.request = request;
		this.body = body;
	}

	/**
	 * Whether the call delivered an item, after which it may not be sent again.
	 */
	boolean delivered() {
		return this.delivered;
	}

	/**
	 * Marks the call delivered (called for each item; only the first changes anything)
	 * and lets go of the request.
	 */
	void markDelivered() {
		if (!this.delivered) {
			this.delivered = true;
			this.request = null;
			this.body = null;
		}
	}

	/**
	 * The prepared request.
	 * @throws IllegalStateException once the call delivered an item
	 */
	ChatRequest request() {
		ChatRequest request = this.request;
		if (request == null) {
			throw alreadyDelivered();
		}
		return request;
	}

	/**
	 * The request encoded.
	 * @throws IllegalStateException once the call delivered an item (an exchange filter
	 * that sends a request again after its response delivered items)
	 */
	byte[] body() {
		byte[] body = this.body;
		if (body == null) {
			throw alreadyDelivered();
		}
		return body;
	}

	private static IllegalStateException alreadyDelivered() {
		return new IllegalStateException(
				"The call delivered items already: its request is no longer kept and cannot be sent again");
	}

}
