package io.github.chatstarter.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;

import javax.net.ssl.SSLException;

import io.github.chatstarter.error.ChatConnectionException;
import io.github.chatstarter.error.ChatException;
import io.github.chatstarter.error.ChatProtocolException;
import io.github.chatstarter.error.ChatTimeoutException;
import io.github.chatstarter.error.UpstreamError;
import io.netty.channel.ConnectTimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.codec.CodecException;
import reactor.netty.http.client.PrematureCloseException;

/**
 * Translates what the HTTP stack throws (connection refused, reset, closed early, …) into
 * the {@link ChatException} a caller can handle; upstream replies are mapped by
 * {@link io.github.chatstarter.error.internal.ChatExceptions} instead.
 */
final class ExchangeErrors {

	private ExchangeErrors() {
	}

	static ChatException translate(ProviderSettings settings, Throwable failure) {
		if (failure instanceof ChatException chatException) {
			return chatException;
		}
		String provider = settings.name();
		UpstreamError upstream = UpstreamError.of(provider);
		Throwable cause = rootCause(failure);
		if (cause instanceof ConnectTimeoutException) {
			return new ChatTimeoutException(
					"Provider '" + provider + "': no connection to " + settings.endpoint().getHost()
							+ " within connect-timeout " + settings.connectTimeout().toMillis() + "ms",
					upstream, failure);
		}
		if (cause instanceof UnknownHostException) {
			return new ChatConnectionException("Provider '" + provider + "': unknown host "
					+ settings.endpoint().getHost() + " (check chat.providers." + provider + ".base-url)", upstream,
					failure);
		}
		if (cause instanceof ConnectException) {
			return new ChatConnectionException(
					"Provider '" + provider + "': connection to " + hostAndPort(settings) + " refused", upstream,
					failure);
		}
		if (isPoolExhausted(cause)) {
			return new ChatConnectionException("Provider '" + provider + "': no free connection in its pool ("
					+ cause.getMessage() + "); raise chat.providers." + provider
					+ ".pool.max-connections or pending-acquire-max-count", upstream, failure);
		}
		if (cause instanceof PrematureCloseException || failure instanceof PrematureCloseException) {
			return new ChatConnectionException(
					"Provider '" + provider + "' closed the connection before the reply was complete", upstream,
					failure);
		}
		SSLException tls = tlsFailure(failure);
		if (tls != null) {
			// The certificate chain is checked below the IOException, so the root cause
			// alone would not tell.
			return new ChatConnectionException("Provider '" + provider + "': TLS with " + hostAndPort(settings)
					+ " failed: " + tls.getMessage() + " (check chat.providers." + provider + ".ssl.bundle)", upstream,
					failure);
		}
		if (cause instanceof IOException) {
			return new ChatConnectionException("Provider '" + provider + "': connection to " + hostAndPort(settings)
					+ " failed: " + cause.getMessage(), upstream, failure);
		}
		if (failure instanceof DataBufferLimitException || failure instanceof CodecException) {
			return new ChatProtocolException(
					"Provider '" + provider + "' sent a reply that could not be read: " + failure.getMessage(),
					upstream, failure);
		}
		return new ChatException("Provider '" + provider + "': the call failed: " + failure, upstream, failure);
	}

	private static @Nullable SSLException tlsFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof SSLException tls) {
				return tls;
			}
		}
		return null;
	}

	/**
	 * Whether the pool refused a connection: its pending queue is full or the wait timed
	 * out. Reactor Netty shades the pool's exception types, so they are recognised by
	 * name.
	 */
	private static boolean isPoolExhausted(Throwable cause) {
		String name = cause.getClass().getName();
		return name.endsWith(".PoolAcquirePendingLimitException") || name.endsWith(".PoolAcquireTimeoutException");
	}

	private static String hostAndPort(ProviderSettings settings) {
		int port = settings.endpoint().getPort();
		return settings.endpoint().getHost() + ((port != -1) ? ":" + port : "");
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			if (cause instanceof PrematureCloseException || cause instanceof ConnectTimeoutException) {
				return cause;
			}
			cause = cause.getCause();
		}
		return cause;
	}

}
