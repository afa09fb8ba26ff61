package io.github.chatstarter.benchmarks;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import okhttp3.OkHttpClient;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

/**
 * Spring AI's {@code OpenAiChatModel} on openai-java, given the same OkHttp setup as the
 * SDK contender. Its non-streaming {@code call} blocks, so the harness runs it on a
 * thread pool as an application would.
 */
final class SpringAiContender implements Contender {

	private final OkHttpClient okHttp = OkHttpClients.unlimited();

	private final OpenAIClient client;

	private final OpenAIClientAsync asyncClient;

	private final OpenAiChatModel model;

	private final ExecutorService blocking = Requests.blockingPool("spring-ai");

	SpringAiContender(String baseUrl) {
		this.client = OpenAIOkHttpClient.builder()
			.baseUrl(baseUrl)
			.apiKey(Requests.API_KEY)
			.maxRetries(0)
			.okHttpClient(this.okHttp)
			.build();
		this.asyncClient = OpenAIOkHttpClientAsync.builder()
			.baseUrl(baseUrl)
			.apiKey(Requests.API_KEY)
			.maxRetries(0)
			.okHttpClient(this.okHttp)
			.build();
		this.model = OpenAiChatModel.builder()
			.openAiClient(this.client)
			.openAiClientAsync(this.asyncClient)
			.options(OpenAiChatOptions.builder().model(Payloads.MODEL).build())
			.build();
	}

	@Override
	public CompletableFuture<String> chat() {
		return CompletableFuture.supplyAsync(() -> text(this.model.call(new Prompt(Requests.QUESTION))), this.blocking);
	}

	@Override
	public Cancellable stream(StreamListener listener) {
		Flux<String> contents = this.model.stream(new Prompt(Requests.QUESTION)).map(SpringAiContender::text);
		return Requests.subscribe(contents, listener);
	}

	private static String text(ChatResponse response) {
		if (response.getResult() == null) {
			return "";
		}
		String text = response.getResult().getOutput().getText();
		return (text != null) ? text : "";
	}

	@Override
	public void close() {
		this.blocking.shutdownNow();
		this.client.close();
		this.asyncClient.close();
		OkHttpClients.shutdown(this.okHttp);
	}

}
