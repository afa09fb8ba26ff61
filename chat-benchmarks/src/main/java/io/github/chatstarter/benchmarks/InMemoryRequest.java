package io.github.chatstarter.benchmarks;

import java.net.URI;

import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.AbstractClientHttpRequest;

/**
 * A request written as Reactor Netty's connector writes one, into nothing: headers copied
 * into Netty's header object, the body's buffers consumed and released, then committed.
 * Written for the benchmarks instead of spring-test's {@code MockClientHttpRequest},
 * which keeps a replayable copy of the body and builds an exception per request (part of
 * every WebClient-based contender's figures that no real exchange has).
 */
final class InMemoryRequest extends AbstractClientHttpRequest {

	private static final DataBufferFactory BUFFERS = new NettyDataBufferFactory(UnpooledByteBufAllocator.DEFAULT);

	private final HttpMethod method;

	private final URI uri;

	private final DefaultHttpHeaders nettyHeaders = new DefaultHttpHeaders();

	InMemoryRequest(HttpMethod method, URI uri) {
		this.method = method;
		this.uri = uri;
	}

	@Override
	public HttpMethod getMethod() {
		return this.method;
	}

	@Override
	public URI getURI() {
		return this.uri;
	}

	@Override
	public DataBufferFactory bufferFactory() {
		return BUFFERS;
	}

	@Override
	public <T> T getNativeRequest() {
		throw new UnsupportedOperationException("No native request in memory");
	}

	@Override
	public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
		return doCommit(() -> Flux.from(body).doOnNext(DataBufferUtils::release).then());
	}

	@Override
	public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
		return writeWith(Flux.from(body).flatMap(Flux::from));
	}

	@Override
	public Mono<Void> setComplete() {
		return doCommit();
	}

	@Override
	protected void applyHeaders() {
		getHeaders().forEach(this.nettyHeaders::set);
	}

	@Override
	protected void applyCookies() {
		// No cookies in these requests.
	}

}
