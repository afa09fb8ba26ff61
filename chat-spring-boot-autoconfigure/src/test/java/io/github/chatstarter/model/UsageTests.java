package io.github.chatstarter.model;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static io.github.chatstarter.model.Fixtures.MAPPER;
import static io.github.chatstarter.model.Fixtures.read;
import static io.github.chatstarter.model.Fixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

class UsageTests {

	@Test
	void plusShouldAddPromptCompletionAndTotalTokens() {
		Usage sum = Usage.of(80, 30).plus(Usage.of(130, 8));
		assertThat(sum).isEqualTo(Usage.of(210, 38));
		assertThat(sum.totalTokens()).isEqualTo(248);
	}

	@Test
	void plusShouldCountMissingCountsAsZeroAndTotalsAsReportedOrDerived() {
		Usage reportedTotal = read("{\"prompt_tokens\":10,\"completion_tokens\":2,\"total_tokens\":15}", Usage.class);
		Usage onlyCompletion = read("{\"completion_tokens\":4}", Usage.class);
		Usage sum = reportedTotal.plus(onlyCompletion);
		assertThat(sum.promptTokens()).isEqualTo(10);
		assertThat(sum.completionTokens()).isEqualTo(6);
		assertThat(sum.totalTokens()).isEqualTo(19);
	}

	@Test
	void plusShouldAddTheDetailsAndVendorCountsNameByName() {
		Usage first = read(Fixtures.resource("reasoning-reply.json"), ChatResponse.class).usage();
		Usage second = read("""
				{"prompt_tokens": 200, "completion_tokens": 50, "total_tokens": 250,
				 "prompt_tokens_details": {"cached_tokens": 128, "audio_tokens": 0},
				 "completion_tokens_details": {"reasoning_tokens": 30},
				 "prompt_cache_hit_tokens": 128, "prompt_cache_miss_tokens": 72}
				""", Usage.class);
		Usage sum = first.plus(second);
		assertThat(sum).isEqualTo(Usage.of(215, 170));
		assertThat(sum.cachedTokens()).isEqualTo(128);
		assertThat(sum.reasoningTokens()).isEqualTo(128);
		assertThat(sum.promptTokensDetails()).isEqualTo(Map.of("cached_tokens", 128, "audio_tokens", 0));
		assertThat(sum.extra()).isEqualTo(Map.of("prompt_cache_hit_tokens", 128, "prompt_cache_miss_tokens", 87));
		assertThat(tree(sum)).isEqualTo(MAPPER.readTree("""
				{"prompt_tokens": 215, "completion_tokens": 170, "total_tokens": 385,
				 "prompt_tokens_details": {"cached_tokens": 128, "audio_tokens": 0},
				 "completion_tokens_details": {"reasoning_tokens": 128},
				 "prompt_cache_hit_tokens": 128, "prompt_cache_miss_tokens": 87}
				"""));
	}

	@Test
	void plusShouldAddNestedAndFractionalCountsAndTakeTheOtherValueOfAnythingElse() {
		Usage first = read("""
				{"prompt_tokens": 1, "cost": 0.25, "is_byok": false, "search_context_size": "low",
				 "cost_details": {"upstream_inference_cost": 0.5}, "queue_time": null, "labels": ["a"]}
				""", Usage.class);
		Usage second = read(
				"""
						{"prompt_tokens": 2, "cost": 0.5, "is_byok": true, "search_context_size": "high",
						 "cost_details": {"upstream_inference_cost": 0.25, "cache_discount": 1}, "queue_time": 3, "labels": ["b"]}
						""",
				Usage.class);
		Map<String, Object> extra = first.plus(second).extra();
		assertThat(extra).containsEntry("cost", 0.75)
			.containsEntry("is_byok", true)
			.containsEntry("search_context_size", "high")
			.containsEntry("cost_details", Map.of("upstream_inference_cost", 0.75, "cache_discount", 1))
			.containsEntry("queue_time", 3)
			.containsEntry("labels", List.of("b"));
		assertThat(second.plus(first).extra()).containsEntry("queue_time", 3);
	}

	@Test
	void plusShouldKeepWholeCountsExactPastTheIntRange() {
		Usage big = read("{\"search_units\": 2147483647, \"huge\": 9223372036854775807}", Usage.class);
		Map<String, Object> extra = big.plus(big).extra();
		assertThat(extra).containsEntry("search_units", 4294967294L)
			.containsEntry("huge", new BigInteger("18446744073709551614"));
	}

	@Test
	void plusShouldLeaveBothUsagesUnchanged() {
		Usage first = read("{\"prompt_tokens\": 1, \"prompt_tokens_details\": {\"cached_tokens\": 1}, \"x\": 1}",
				Usage.class);
		Usage second = read("{\"prompt_tokens\": 2, \"prompt_tokens_details\": {\"cached_tokens\": 2}, \"x\": 2}",
				Usage.class);
		first.plus(second);
		assertThat(first.cachedTokens()).isEqualTo(1);
		assertThat(first.extra()).containsEntry("x", 1);
		assertThat(second.cachedTokens()).isEqualTo(2);
		assertThat(second.extra()).containsEntry("x", 2);
	}

}
