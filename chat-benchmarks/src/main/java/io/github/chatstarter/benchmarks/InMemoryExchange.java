package io.github.chatstarter.benchmarks;

import io.github.chatstarter.client.ProviderChatTemplate;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * What the JMH benchmarks share: the starter's template and a plain WebClient over one
 * exchange function that answers from memory, closed after the trial.
 */
abstract class InMemoryExchange {

	ProviderChatTemplate template;

	WebClient webClient;

	void connect(ExchangeFunction fromMemory) {
		this.template = Requests.inMemoryTemplate(fromMemory);
		this.webClient = Requests.inMemoryWebClient(fromMemory);
	}

	@TearDown
	public void tearDown() {
		this.template.close();
	}

}
