package io.github.chatstarter.benchmarks;

import java.util.concurrent.TimeUnit;

import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.model.ChatResponse;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.net.URI;

import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * Cost of one non-streamed call without the network: what each contender does per call
 * besides the transport (encoding the request, WebClient's exchange, decoding the reply),
 * over an {@link ExchangeFunction} that answers from memory. {@code raw} is the floor:
 * encode, decode, nothing else. Unlike requests per second over the loopback, the bytes
 * allocated per call do not depend on the machine's load.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CallBenchmark extends InMemoryExchange {

	private static final byte[] REPLY = Payloads.completion(ClientRun.REPLY_CONTENT);

	private final ChatRequest request = Requests.chatRequest(false);

	private ExchangeFunction fromMemory;

	private ClientRequest exchangeOnly;

	@Setup
	public void setUp() {
		ExchangeFunction fromMemory = InMemoryExchange.answering(REPLY);
		this.fromMemory = fromMemory;
		this.exchangeOnly = ClientRequest.create(HttpMethod.POST, URI.create(Requests.IN_MEMORY_BASE_URL))
			.body(BodyInserters.fromValue(RawNettyContender.JSON.writeValueAsBytes(this.request)))
			.build();
		connect(fromMemory);
		if (exchangeOnly() != REPLY.length) {
			throw new IllegalStateException("The in-memory exchange answered something else");
		}
		check(raw());
		check(chatTemplate());
		check(webClient());
	}

	@Benchmark
	public String raw() {
		RawNettyContender.JSON.writeValueAsBytes(this.request);
		return RawNettyContender.JSON.readValue(REPLY, ChatResponse.class).content();
	}

	/**
	 * The in-memory exchange function alone (request written, reply's buffers taken,
	 * nothing encoded or decoded): the share of {@link #chatTemplate()} and
	 * {@link #webClient()} that a real connector replaces with its own work.
	 */
	@Benchmark
	public int exchangeOnly() {
		Integer length = this.fromMemory.exchange(this.exchangeOnly)
			.flatMap((response) -> response.body(BodyExtractors.toDataBuffers())
				.reduce(0, (sum, buffer) -> sum + buffer.readableByteCount()))
			.block();
		return (length != null) ? length : -1;
	}

	@Benchmark
	public String chatTemplate() {
		return this.template.chat(this.request).map(ChatResponse::content).block();
	}

	@Benchmark
	public String webClient() {
		return WebClientContender.chat(this.webClient, this.request).block();
	}

	private static void check(String content) {
		if (content.length() != ClientRun.REPLY_CONTENT) {
			throw new IllegalStateException(
					"Decoded " + content.length() + " characters instead of " + ClientRun.REPLY_CONTENT);
		}
	}

}
