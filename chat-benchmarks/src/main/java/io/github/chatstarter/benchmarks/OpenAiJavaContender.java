package io.github.chatstarter.benchmarks;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import com.openai.core.http.AsyncStreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import okhttp3.OkHttpClient;

/**
 * The official SDK's asynchronous client, as its README shows it, with OkHttp's
 * dispatcher limits raised (see {@link OkHttpClients}) and retries off.
 */
final class OpenAiJavaContender implements Contender {

	static final ChatCompletionCreateParams PARAMS = ChatCompletionCreateParams.builder()
		.model(Payloads.MODEL)
		.addUserMessage(Requests.QUESTION)
		.build();

	private final OkHttpClient okHttp = OkHttpClients.unlimited();

	private final OpenAIClientAsync client;

	OpenAiJavaContender(String baseUrl) {
		this.client = OpenAIOkHttpClientAsync.builder()
			.baseUrl(baseUrl)
			.apiKey(Requests.API_KEY)
			.maxRetries(0)
			.okHttpClient(this.okHttp)
			.build();
	}

	@Override
	public CompletableFuture<String> chat() {
		return this.client.chat()
			.completions()
			.create(PARAMS)
			.thenApply((completion) -> completion.choices().get(0).message().content().orElse(""));
	}

	@Override
	public Cancellable stream(StreamListener listener) {
		AsyncStreamResponse<ChatCompletionChunk> response = this.client.chat().completions().createStreaming(PARAMS);
		response.subscribe(new AsyncStreamResponse.Handler<ChatCompletionChunk>() {

			@Override
			public void onNext(ChatCompletionChunk chunk) {
				if (!chunk.choices().isEmpty()) {
					chunk.choices()
						.get(0)
						.delta()
						.content()
						.filter((text) -> !text.isEmpty())
						.ifPresent(listener::onContent);
				}
			}

			@Override
			public void onComplete(Optional<Throwable> error) {
				error.ifPresentOrElse(listener::onError, listener::onComplete);
			}

		});
		return response::close;
	}

	@Override
	public void close() {
		this.client.close();
		OkHttpClients.shutdown(this.okHttp);
	}

}
