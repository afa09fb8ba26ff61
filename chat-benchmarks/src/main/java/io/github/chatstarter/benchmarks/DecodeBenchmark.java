package io.github.chatstarter.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.chatstarter.ChatTemplate;
import io.github.chatstarter.model.ChatChunk;
import io.github.chatstarter.model.ChatRequest;
import io.netty.buffer.Unpooled;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * Cost of decoding one streamed chunk, without the network: each contender's own stream
 * pipeline over a reply of {@value #EVENTS} events held in memory and delivered as
 * network reads would deliver it. {@code split=false}: one read per event;
 * {@code split=true}: every read ends in the middle of an event's JSON. ChatTemplate and
 * WebClient run their whole WebClient pipeline over an {@link ExchangeFunction} that
 * answers from memory, so the call itself is included: for ChatTemplate a streamed call
 * whose reply is only its finish event took about 5 µs and 9.7 KB from memory, some 50 ns
 * and 100 B of each of the {@value #EVENTS} chunks' figures.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecodeBenchmark extends InMemoryExchange {

	static final int EVENTS = 100;

	@Param({ "150", "1024", "16384" })
	int size;

	@Param({ "false", "true" })
	boolean split;

	private byte[][] reads;

	private final ChatRequest request = ChatRequest.ofUserMessage(Requests.QUESTION);

	private final ChatRequest streamRequest = Requests.chatRequest(true);

	@Setup
	public void setUp() {
		this.reads = reads(this.size, this.split);
		ExchangeFunction fromMemory = (clientRequest) -> Mono.just(ClientResponse.create(HttpStatus.OK)
			.header("Content-Type", MediaType.TEXT_EVENT_STREAM_VALUE)
			.body(body())
			.build());
		connect(fromMemory);
		check(raw());
		check(chatTemplate());
		check(webClient());
	}

	@Benchmark
	@OperationsPerInvocation(EVENTS)
	public int raw() {
		return count(RawNettyContender.decode(Flux.fromArray(this.reads).map(Unpooled::wrappedBuffer)));
	}

	@Benchmark
	@OperationsPerInvocation(EVENTS)
	public int chatTemplate() {
		return count(((ChatTemplate) this.template).stream(this.request));
	}

	@Benchmark
	@OperationsPerInvocation(EVENTS)
	public int webClient() {
		Flux<ChatChunk> chunks = WebClientContender.chunks(this.webClient, this.streamRequest);
		return count(chunks);
	}

	private Flux<DataBuffer> body() {
		return Flux.fromArray(this.reads).map(ConnectorBuffers::read);
	}

	/** Sums the content lengths, so nothing can be optimised away. */
	private static int count(Flux<ChatChunk> chunks) {
		Integer total = chunks.reduce(0, (sum, chunk) -> sum + chunk.content().length()).block();
		return (total != null) ? total : -1;
	}

	private void check(int total) {
		int expected = EVENTS * Payloads.contentLength(this.size);
		if (total != expected) {
			throw new IllegalStateException("Decoded " + total + " content characters instead of " + expected);
		}
	}

	/**
	 * The reply cut into network reads: at event ends, or in the middle of every event's
	 * JSON.
	 */
	static byte[][] reads(int size, boolean split) {
		byte[] event = Payloads.chunkEvent(size);
		byte[] all = Payloads.stream(EVENTS, size);
		List<byte[]> reads = new ArrayList<>();
		int start = 0;
		for (int i = 0; i < EVENTS; i++) {
			int cut = split ? i * event.length + event.length / 2 : (i + 1) * event.length;
			reads.add(java.util.Arrays.copyOfRange(all, start, cut));
			start = cut;
		}
		reads.add(java.util.Arrays.copyOfRange(all, start, all.length));
		return reads.toArray(new byte[0][]);
	}

}
