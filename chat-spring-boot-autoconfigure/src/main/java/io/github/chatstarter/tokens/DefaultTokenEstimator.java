package io.github.chatstarter.tokens;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import io.github.chatstarter.model.ChatMessage;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.model.ContentPart;
import io.github.chatstarter.model.FunctionCall;
import io.github.chatstarter.model.ResponseFormat;
import io.github.chatstarter.model.ToolCall;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link TokenEstimator} on jtokkit's {@code cl100k_base} and {@code o200k_base}.
 */
final class DefaultTokenEstimator implements TokenEstimator {

	/** Framing of each message in OpenAI's chat format. */
	static final int TOKENS_PER_MESSAGE = 3;

	/** Tokens that prime the reply ({@code <|start|>assistant<|message|>}). */
	static final int REPLY_PRIMING = 3;

	/** An image at detail {@code low}. */
	static final int LOW_DETAIL_IMAGE = 85;

	/**
	 * An image at any other detail: 85 + 170 per 512-pixel tile of a 1024×1024 picture.
	 */
	static final int IMAGE = 765;

	/**
	 * Margin on {@code cl100k_base} counts for models without their own tokenizer here.
	 */
	static final double ESTIMATE_FACTOR = 1.1;

	/** OpenAI's families on {@code o200k_base}; matched at the start of the name. */
	private static final List<String> O200K = List.of("gpt-4o", "chatgpt-4o", "gpt-4.1", "gpt-4.5", "gpt-5", "gpt-oss",
			"o1", "o3", "o4");

	/** OpenAI's families on {@code cl100k_base}. */
	private static final List<String> CL100K = List.of("gpt-4", "gpt-3.5", "gpt-35");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Bounds the models remembered, which callers could otherwise grow at will. */
	private static final int MAX_REMEMBERED_MODELS = 1000;

	private final Map<String, Tokenizer> tokenizers = new ConcurrentHashMap<>();

	DefaultTokenEstimator() {
		// Loads the tokenizers now, not on the first call (which may run on a network
		// thread).
		Tokenizers.load();
	}

	@Override
	public int estimate(ChatRequest request) {
		Tokenizer tokenizer = tokenizer(request.model());
		int tokens = REPLY_PRIMING;
		for (ChatMessage message : request.messages()) {
			tokens += tokenizer.scale(raw(message, tokenizer.encoding));
		}
		int definitions = 0;
		if (!request.tools().isEmpty()) {
			definitions += count(tokenizer.encoding, JSON.writeValueAsString(request.tools()));
		}
		if (!request.functions().isEmpty()) {
			definitions += count(tokenizer.encoding, JSON.writeValueAsString(request.functions()));
		}
		ResponseFormat format = request.responseFormat();
		if (format != null && format.jsonSchema() != null) {
			definitions += count(tokenizer.encoding, JSON.writeValueAsString(format));
		}
		return tokens + tokenizer.scale(definitions);
	}

	@Override
	public int estimate(ChatMessage message, @Nullable String model) {
		Tokenizer tokenizer = tokenizer(model);
		return tokenizer.scale(raw(message, tokenizer.encoding));
	}

	@Override
	public int count(String text, @Nullable String model) {
		Tokenizer tokenizer = tokenizer(model);
		return tokenizer.scale(count(tokenizer.encoding, text));
	}

	@Override
	public boolean isExact(@Nullable String model) {
		return tokenizer(model).exact;
	}

	private static int raw(ChatMessage message, Encoding encoding) {
		int tokens = TOKENS_PER_MESSAGE + count(encoding, message.role());
		if (message.isMultimodal()) {
			for (ContentPart part : message.contentParts()) {
				tokens += count(encoding, part.text()) + count(encoding, part.thinking());
				ContentPart.ImageUrl image = part.imageUrl();
				if (image != null) {
					tokens += "low".equals(image.detail()) ? LOW_DETAIL_IMAGE : IMAGE;
				}
			}
		}
		else {
			tokens += count(encoding, message.content()) + count(encoding, message.reasoningContent());
		}
		String name = message.name();
		if (name != null) {
			tokens += 1 + count(encoding, name);
		}
		for (ToolCall call : message.toolCalls()) {
			tokens += TOKENS_PER_MESSAGE + count(encoding, call.id()) + function(encoding, call.function());
		}
		return tokens + function(encoding, message.functionCall()) + count(encoding, message.toolCallId())
				+ count(encoding, message.refusal());
	}

	private static int function(Encoding encoding, @Nullable FunctionCall function) {
		return (function != null) ? count(encoding, function.name()) + count(encoding, function.arguments()) : 0;
	}

	private static int count(Encoding encoding, @Nullable String text) {
		return (text == null || text.isEmpty()) ? 0 : encoding.countTokensOrdinary(text);
	}

	private Tokenizer tokenizer(@Nullable String model) {
		if (model == null) {
			return Tokenizer.ESTIMATE;
		}
		Tokenizer known = this.tokenizers.get(model);
		if (known != null) {
			return known;
		}
		Tokenizer tokenizer = matches(model, O200K) ? Tokenizer.O200K
				: matches(model, CL100K) ? Tokenizer.CL100K : Tokenizer.ESTIMATE;
		if (this.tokenizers.size() < MAX_REMEMBERED_MODELS) {
			this.tokenizers.put(model, tokenizer);
		}
		return tokenizer;
	}

	/**
	 * Whether a model belongs to one of the families: its name (without a {@code vendor/}
	 * prefix, case ignored) is the family's, or the family's followed by {@code -} or
	 * {@code :} ({@code gpt-4} takes in {@code gpt-4-turbo}, not {@code gpt-4o} or
	 * {@code gpt-4.1}).
	 */
	private static boolean matches(String model, List<String> families) {
		String name = ModelLimitDefaults.normalize(model);
		for (String family : families) {
			if (name.startsWith(family) && (name.length() == family.length() || name.charAt(family.length()) == '-'
					|| name.charAt(family.length()) == ':')) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A tokenizer and whether its counts are exact or get the margin.
	 */
	private static final class Tokenizer {

		static final Tokenizer O200K = new Tokenizer(Tokenizers.O200K, true);

		static final Tokenizer CL100K = new Tokenizer(Tokenizers.CL100K, true);

		static final Tokenizer ESTIMATE = new Tokenizer(Tokenizers.CL100K, false);

		final Encoding encoding;

		final boolean exact;

		private Tokenizer(Encoding encoding, boolean exact) {
			this.encoding = encoding;
			this.exact = exact;
		}

		int scale(int tokens) {
			return this.exact ? tokens : (int) Math.ceil(tokens * ESTIMATE_FACTOR);
		}

	}

	/**
	 * The tokenizers, loaded once per class loader.
	 */
	private static final class Tokenizers {

		private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

		static final Encoding CL100K = REGISTRY.getEncoding(EncodingType.CL100K_BASE);

		static final Encoding O200K = REGISTRY.getEncoding(EncodingType.O200K_BASE);

		private Tokenizers() {
		}

		static void load() {
			// Initialising the class loads both encodings.
		}

	}

}
