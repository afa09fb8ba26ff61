package io.github.chatstarter.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;

import io.github.chatstarter.error.ChatConnectionException;
import io.github.chatstarter.error.ChatException;
import io.github.chatstarter.error.ChatProtocolException;
import io.github.chatstarter.error.ChatTimeoutException;
import io.github.chatstarter.error.UpstreamError;
import io.netty.channel.ConnectTimeoutException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.codec.CodecException;
import reactor.netty.http.client.PrematureCloseException;

/**
 * Translates what the HTTP stack throws (connection refused, reset, closed early, …) into the
 * {@link ChatException} a caller can handle; upstream replies are mapped by
 * {@link io.github.chatstarter.error.ChatExceptions} instead.
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
			return new ChatTimeoutException("Provider '" + provider + "': no connection to " + settings.endpoint().getHost()
					+ " within connect-timeout " + settings.connectTimeout().toMillis() + "ms", upstream, failure);
		}
		if (cause instanceof UnknownHostException) {
			return new ChatConnectionException("Provider '" + provider + "': unknown host " + settings.endpoint().getHost()
					+ " (check chat.providers." + provider + ".base-url)", upstream, failure);
		}
		if (cause instanceof ConnectException) {
			return new ChatConnectionException("Provider '" + provider + "': connection to " + hostAndPort(settings)
					+ " refused", upstream, failure);
		}
		if (cause instanceof PrematureCloseException || failure instanceof PrematureCloseException) {
			return new ChatConnectionException("Provider '" + provider + "' closed the connection before the reply was complete",
					upstream, failure);
		}
		if (cause instanceof IOException) {
			return new ChatConnectionException("Provider '" + provider + "': connection to " + hostAndPort(settings)
					+ " failed: " + cause.getMessage(), upstream, failure);
		}
		if (failure instanceof DataBufferLimitException || failure instanceof CodecException) {
			return new ChatProtocolException("Provider '" + provider + "' sent a reply that could not be read: "
					+ failure.getMessage(), upstream, failure);
		}
		return new ChatException("Provider '" + provider + "': the call failed: " + failure, upstream, failure);
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
