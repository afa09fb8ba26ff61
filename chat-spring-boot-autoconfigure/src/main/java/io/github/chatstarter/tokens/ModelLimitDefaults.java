package io.github.chatstarter.tokens;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The one table of model limits the starter knows without configuration: the models that
 * the relays xing-yun, aigc2d and ai-gs document, and the well-known families, as their
 * vendors document them. A name is looked up as given (lower case, any {@code vendor/}
 * prefix dropped), then by a {@code -8k}/{@code -32k}/{@code -128k} part of it, then with
 * its last {@code -…} or {@code :…} part cut off, again and again
 * ({@code gpt-4o-2024-08-06} finds {@code gpt-4o}, never {@code gpt-4}).
 */
final class ModelLimitDefaults {

	private static final Pattern THOUSANDS = Pattern.compile("-(\\d{1,4})k(?=-|$)");

	private static final Map<String, ModelLimits> TABLE = table();

	private ModelLimitDefaults() {
	}

	/**
	 * The default limits of a model.
	 * @param model the model's name as a request gives it
	 * @return its limits, or {@code null} when the model is not known
	 */
	static @Nullable ModelLimits find(String model) {
		String name = normalize(model);
		ModelLimits exact = TABLE.get(name);
		if (exact != null) {
			return exact;
		}
		Matcher thousands = THOUSANDS.matcher(name);
		if (thousands.find()) {
			return ModelLimits.of(Integer.parseInt(thousands.group(1)) * 1024);
		}
		for (int cut = lastSeparator(name); cut > 0; cut = lastSeparator(name)) {
			name = name.substring(0, cut);
			ModelLimits family = TABLE.get(name);
			if (family != null) {
				return family;
			}
		}
		return null;
	}

	/**
	 * A model's name as the table keys it: lower case, without a {@code vendor/} prefix.
	 * @param model the name as given
	 * @return the key
	 */
	static String normalize(String model) {
		String name = model.strip().toLowerCase(Locale.ROOT);
		int slash = name.lastIndexOf('/');
		return (slash >= 0) ? name.substring(slash + 1) : name;
	}

	/** The table's entries, each model or family with its limits. */
	static Map<String, ModelLimits> entries() {
		return TABLE;
	}

	private static int lastSeparator(String name) {
		return Math.max(name.lastIndexOf('-'), name.lastIndexOf(':'));
	}

	private static Map<String, ModelLimits> table() {
		Map<String, ModelLimits> table = new LinkedHashMap<>();
		// OpenAI, and the relays that serve it (xing-yun: gpt-3.5-turbo 4K, -16k 16K,
		// gpt-4 8K, gpt-4-turbo and gpt-4-1106-preview 128K in and 4K out).
		table.put("gpt-3.5-turbo", ModelLimits.of(4096));
		table.put("gpt-3.5-turbo-16k", ModelLimits.of(16385));
		table.put("gpt-3.5-turbo-1106", ModelLimits.of(16385, 4096));
		table.put("gpt-3.5-turbo-0125", ModelLimits.of(16385, 4096));
		table.put("gpt-4", ModelLimits.of(8192));
		table.put("gpt-4-32k", ModelLimits.of(32768));
		table.put("gpt-4-turbo", ModelLimits.of(128000, 4096));
		table.put("gpt-4-1106", ModelLimits.of(128000, 4096));
		table.put("gpt-4-0125", ModelLimits.of(128000, 4096));
		table.put("gpt-4-vision", ModelLimits.of(128000, 4096));
		table.put("gpt-4o", ModelLimits.of(128000, 16384));
		table.put("chatgpt-4o", ModelLimits.of(128000, 16384));
		table.put("gpt-4.1", ModelLimits.of(1047576, 32768));
		table.put("gpt-4.5", ModelLimits.of(128000, 16384));
		table.put("gpt-5", ModelLimits.of(400000, 128000));
		table.put("gpt-5-chat", ModelLimits.of(128000, 16384));
		table.put("o1", ModelLimits.of(200000, 100000));
		table.put("o1-preview", ModelLimits.of(128000, 32768));
		table.put("o1-mini", ModelLimits.of(128000, 65536));
		table.put("o3", ModelLimits.of(200000, 100000));
		table.put("o4-mini", ModelLimits.of(200000, 100000));
		// DeepSeek.
		table.put("deepseek-chat", ModelLimits.of(128000, 8192));
		table.put("deepseek-reasoner", ModelLimits.of(128000, 65536));
		// Qwen (xing-yun: qwen-turbo 8K).
		table.put("qwen-turbo", ModelLimits.of(8192));
		table.put("qwen-plus", ModelLimits.of(131072, 8192));
		table.put("qwen-max", ModelLimits.of(32768, 8192));
		// Zhipu GLM.
		table.put("glm-3-turbo", ModelLimits.of(128000, 4096));
		table.put("glm-4", ModelLimits.of(128000, 4096));
		table.put("glm-4-long", ModelLimits.of(1000000, 4096));
		table.put("glm-4.5", ModelLimits.of(128000, 96000));
		table.put("glm-4.6", ModelLimits.of(200000, 128000));
		// Moonshot (moonshot-v1-8k/-32k/-128k by their names).
		table.put("kimi-k2", ModelLimits.of(131072));
		// Baidu ERNIE (aigc2d: ernie-bot, ernie-bot-turbo, ernie-bot-4).
		table.put("ernie-bot", ModelLimits.of(8192, 2048));
		table.put("ernie-bot-turbo", ModelLimits.of(8192, 2048));
		table.put("ernie-bot-4", ModelLimits.of(8192, 2048));
		// iFlytek Spark (aigc2d: spark-v3.0).
		table.put("spark", ModelLimits.of(8192, 8192));
		table.put("spark-v1.5", ModelLimits.of(4096, 4096));
		// Anthropic Claude (aigc2d: claude-2, claude-instant-1).
		table.put("claude", ModelLimits.of(100000, 4096));
		table.put("claude-2", ModelLimits.of(100000, 4096));
		table.put("claude-2.0", ModelLimits.of(100000, 4096));
		table.put("claude-2.1", ModelLimits.of(200000, 4096));
		table.put("claude-instant", ModelLimits.of(100000, 4096));
		table.put("claude-instant-1", ModelLimits.of(100000, 4096));
		table.put("claude-3", ModelLimits.of(200000, 4096));
		table.put("claude-3-5", ModelLimits.of(200000, 8192));
		table.put("claude-3-7", ModelLimits.of(200000, 64000));
		table.put("claude-sonnet-4", ModelLimits.of(200000, 64000));
		table.put("claude-opus-4", ModelLimits.of(200000, 32000));
		table.put("claude-haiku-4", ModelLimits.of(200000, 64000));
		return Map.copyOf(table);
	}

}
