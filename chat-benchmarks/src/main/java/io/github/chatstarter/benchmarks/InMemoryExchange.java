package io.github.chatstarter.benchmarks;

import io.github.chatstarter.client.ProviderChatTemplate;
import org.openjdk.jmh.annotations.TearDown;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.ExchangeStrategies;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * What the JMH benchmarks share: the starter's template and a plain WebClient over one
 * exchange function that answers from memory, closed after the trial.
 */
abstract class InMemoryExchange {

	ProviderChatTemplate template;

	WebClient webClient;

	private static final ExchangeStrategies STRATEGIES = ExchangeStrategies.withDefaults();

	/**
	 * An exchange function that writes the request as a connector would
	 * ({@link InMemoryRequest}) and answers with the given JSON body in a buffer as the
	 * connector hands one ({@link ConnectorBuffers}).
	 */
	static ExchangeFunction answering(byte[] reply) {
		return (clientRequest) -> clientRequest
			.writeTo(new InMemoryRequest(clientRequest.method(), clientRequest.url()), STRATEGIES)
			.then(Mono.fromSupplier(() -> ClientResponse.create(HttpStatus.OK)
				.header("Content-Type", MediaType.APPLICATION_JSON_VALUE)
				.body(Flux.just(ConnectorBuffers.read(reply)))
				.build()));
	}

	void connect(ExchangeFunction fromMemory) {
		this.template = Requests.inMemoryTemplate(fromMemory);
		this.webClient = Requests.inMemoryWebClient(fromMemory);
	}

	@TearDown
	public void tearDown() {
		this.template.close();
	}

}
