package io.github.chatstarter.tokens;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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

	/** Bytes of the messages whose counts are remembered, per tokenizer. */
	static final long REMEMBERED_BYTES = 8_000_000;

	/** Messages of more bytes than this are counted every time rather than remembered. */
	static final int LONGEST_REMEMBERED_MESSAGE = 128_000;

	private final Map<String, Tokenizer> tokenizers = new ConcurrentHashMap<>();

	/**
	 * The last request estimated: a conversation counts the request it composed, and the
	 * provider's pre-flight then counts the same request again (a copy, the model filled
	 * in). One slot, as the two follow each other on one thread.
	 */
	private volatile @Nullable Estimated last;

	/**
	 * Raw counts of messages counted before, per encoding. A conversation sends its
	 * history on every call, and counting is what costs (jtokkit takes about 100 ns a
	 * token); a message counted before costs a hash of its fields instead, nearly nothing
	 * when it is the same object (an in-memory history, a list the application resends).
	 * Counts depend only on a message's content, which never changes, so a remembered
	 * count is never stale. Caffeine bounds the memory by the bytes held.
	 */
	private final Map<Encoding, Cache<ChatMessage, Integer>> counted = Map.of(Tokenizers.CL100K, counts(),
			Tokenizers.O200K, counts());

	DefaultTokenEstimator() {
		// Loads the tokenizers now, not on the first call (which may run on a network
		// thread).
		Tokenizers.load();
	}

	@Override
	public int estimate(ChatRequest request) {
		Tokenizer tokenizer = tokenizer(request.model());
		Estimated last = this.last;
		if (last != null && last.exact && last.isFor(request, tokenizer)) {
			return last.tokens;
		}
		int tokens = count(request, tokenizer);
		this.last = new Estimated(request, tokenizer, tokens, true);
		return tokens;
	}

	@Override
	public boolean fits(ChatRequest request, int limit) {
		Tokenizer tokenizer = tokenizer(request.model());
		Estimated last = this.last;
		if (last != null && last.isFor(request, tokenizer) && (last.exact || last.tokens <= limit)) {
			return last.tokens <= limit;
		}
		ResponseFormat format = request.responseFormat();
		if (request.tools().isEmpty() && request.functions().isEmpty()
				&& (format == null || format.jsonSchema() == null)) {
			// A token is at least one byte: messages not counted before are bounded by
			// their UTF-8 length, which costs a pass over the text instead of the
			// tokenizer's work (about 100 ns a token).
			Cache<ChatMessage, Integer> counts = this.counted.get(tokenizer.encoding);
			long bound = REPLY_PRIMING;
			for (ChatMessage message : request.messages()) {
				Integer known = (counts != null) ? counts.getIfPresent(message) : null;
				bound += tokenizer.scale((known != null) ? known : measure(message, DefaultTokenEstimator::utf8Length));
			}
			if (bound <= limit) {
				this.last = new Estimated(request, tokenizer, (int) bound, false);
				return true;
			}
		}
		return estimate(request) <= limit;
	}

	private int count(ChatRequest request, Tokenizer tokenizer) {
		int tokens = REPLY_PRIMING;
		for (ChatMessage message : request.messages()) {
			tokens += tokenizer.scale(counted(message, tokenizer.encoding));
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
		return tokenizer.scale(counted(message, tokenizer.encoding));
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

	private int counted(ChatMessage message, Encoding encoding) {
		Cache<ChatMessage, Integer> counts = this.counted.get(encoding);
		if (counts == null || weight(message) > LONGEST_REMEMBERED_MESSAGE) {
			return raw(message, encoding);
		}
		// getIfPresent, not get(key, function): a hit, the usual case, then allocates
		// nothing.
		Integer known = counts.getIfPresent(message);
		if (known != null) {
			return known;
		}
		int tokens = raw(message, encoding);
		counts.put(message, tokens);
		return tokens;
	}

	private static Cache<ChatMessage, Integer> counts() {
		return Caffeine.newBuilder()
			.maximumWeight(REMEMBERED_BYTES)
			.<ChatMessage, Integer>weigher((message, count) -> weight(message))
			.build();
	}

	/**
	 * Memory a remembered message holds, about: its UTF-8 bytes, and an image's address
	 * as its length.
	 */
	private static int weight(ChatMessage message) {
		int weight = measure(message, DefaultTokenEstimator::utf8Length);
		if (message.isMultimodal()) {
			for (ContentPart part : message.contentParts()) {
				ContentPart.ImageUrl image = part.imageUrl();
				weight += (image != null) ? image.url().length() : 0;
			}
		}
		return weight;
	}

	/** UTF-8 bytes of a text, without encoding it. */
	static int utf8Length(@Nullable String text) {
		if (text == null) {
			return 0;
		}
		int bytes = text.length();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c >= 0x80) {
				// 2 bytes below U+0800, 3 above; a surrogate pair's 4 as 2 + 2.
				bytes += (c < 0x800 || Character.isSurrogate(c)) ? 1 : 2;
			}
		}
		return bytes;
	}

	private static int raw(ChatMessage message, Encoding encoding) {
		return measure(message, (text) -> count(encoding, text));
	}

	/**
	 * A message's tokens as OpenAI's chat format frames them, each text measured by the
	 * given function: its token count, or its UTF-8 length as a bound.
	 */
	private static int measure(ChatMessage message, ToIntFunction<@Nullable String> texts) {
		int tokens = TOKENS_PER_MESSAGE + texts.applyAsInt(message.role());
		if (message.isMultimodal()) {
			for (ContentPart part : message.contentParts()) {
				tokens += texts.applyAsInt(part.text()) + texts.applyAsInt(part.thinking());
				ContentPart.ImageUrl image = part.imageUrl();
				if (image != null) {
					tokens += "low".equals(image.detail()) ? LOW_DETAIL_IMAGE : IMAGE;
				}
			}
		}
		else {
			tokens += texts.applyAsInt(message.content()) + texts.applyAsInt(message.reasoningContent());
		}
		String name = message.name();
		if (name != null) {
			tokens += 1 + texts.applyAsInt(name);
		}
		for (ToolCall call : message.toolCalls()) {
			tokens += TOKENS_PER_MESSAGE + texts.applyAsInt(call.id()) + function(call.function(), texts);
		}
		return tokens + function(message.functionCall(), texts) + texts.applyAsInt(message.toolCallId())
				+ texts.applyAsInt(message.refusal());
	}

	private static int function(@Nullable FunctionCall function, ToIntFunction<@Nullable String> texts) {
		return (function != null) ? texts.applyAsInt(function.name()) + texts.applyAsInt(function.arguments()) : 0;
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
	 * A request's count, or a bound of it ({@code exact} false); what it depends on is
	 * compared by equality, which for messages already compared is mostly identity.
	 */
	private record Estimated(ChatRequest request, Tokenizer tokenizer, int tokens, boolean exact) {

		boolean isFor(ChatRequest other, Tokenizer otherTokenizer) {
			return this.tokenizer == otherTokenizer && (this.request == other
					|| (this.request.messages().equals(other.messages()) && this.request.tools().equals(other.tools())
							&& this.request.functions().equals(other.functions())
							&& Objects.equals(this.request.responseFormat(), other.responseFormat())));
		}

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
