package io.github.chatstarter.client;

import java.nio.charset.StandardCharsets;

import io.github.chatstarter.error.internal.SecretRedactor;
import org.apache.commons.logging.Log;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.client.reactive.ClientHttpRequestDecorator;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Logs request and response bodies at TRACE level, as they cross the wire, keys masked.
 * Installed only for providers whose bodies are to be logged, and a no-op unless TRACE is
 * on for {@link ChatCallLog}. The template reads raw bytes, so the codecs' own logging
 * never sees them.
 */
final class BodyLoggingFilter implements ExchangeFilterFunction {

	private final ProviderSettings settings;

	private final Log logger = ChatCallLog.logger;

	BodyLoggingFilter(ProviderSettings settings) {
		this.settings = settings;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		if (!this.logger.isTraceEnabled()) {
			return next.exchange(request);
		}
		String provider = this.settings.name();
		BodyInserter<?, ? super org.springframework.http.client.reactive.ClientHttpRequest> body = request.body();
		ClientRequest logged = ClientRequest.from(request)
			.body((message, context) -> body.insert(new ClientHttpRequestDecorator(message) {

				@Override
				public Mono<Void> writeWith(Publisher<? extends DataBuffer> chunks) {
					String prefix = provider + " >>> " + request.method() + " " + request.url() + " ";
					// A Mono stays a Mono: Reactor Netty then writes headers and body
					// together.
					return super.writeWith((chunks instanceof Mono<? extends DataBuffer> single)
							? single.doOnNext((chunk) -> log(prefix, chunk))
							: Flux.from(chunks).doOnNext((chunk) -> log(prefix, chunk)));
				}

			}, context))
			.build();
		return next.exchange(logged)
			.map((response) -> response.mutate()
				.body((chunks) -> chunks
					.doOnNext((chunk) -> log(provider + " <<< " + response.statusCode().value() + " ", chunk)))
				.build());
	}

	private void log(String prefix, DataBuffer chunk) {
		String text = chunk.toString(chunk.readPosition(), chunk.readableByteCount(), StandardCharsets.UTF_8);
		this.logger.trace(prefix + SecretRedactor.redact(text, this.settings.apiKeys()));
	}

}
