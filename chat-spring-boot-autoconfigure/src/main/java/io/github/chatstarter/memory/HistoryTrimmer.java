package io.github.chatstarter.memory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;

import io.github.chatstarter.model.ChatMessage;
import io.github.chatstarter.model.ToolCall;

/**
 * Cuts a conversation's history to a token budget, oldest first, in whole turns: an
 * assistant message that calls tools and the {@code tool} results that answer it (or a
 * legacy {@code function_call} and its {@code function} result) are kept or left out
 * together, never split, as a split pair makes OpenAI-compatible servers answer 400. A
 * call whose results are missing, and results without their call, are left out. The
 * history kept starts with a user message, as some vendors (ERNIE, Claude) require.
 */
final class HistoryTrimmer {

	private HistoryTrimmer() {
	}

	/**
	 * The most recent turns that fit the budget.
	 * @param history the stored messages, oldest first, without system messages
	 * @param budget tokens the history may take; below 0 as 0
	 * @param cost tokens of one message
	 * @return what is kept
	 */
	static Trimmed trim(List<ChatMessage> history, int budget, ToIntFunction<ChatMessage> cost) {
		// Turns as index ranges rather than a list per turn: this runs on every call of a
		// conversation, and usually keeps everything.
		int[] ends = new int[history.size()];
		boolean[] usable = new boolean[history.size()];
		int units = units(history, ends, usable);
		int[] unitTokens = new int[units];
		int tokens = 0;
		int first = units;
		for (int unit = units - 1; unit >= 0; unit--) {
			if (!usable[unit]) {
				continue;
			}
			int start = (unit > 0) ? ends[unit - 1] : 0;
			for (int i = start; i < ends[unit]; i++) {
				unitTokens[unit] += cost.applyAsInt(history.get(i));
			}
			if (tokens + unitTokens[unit] > budget) {
				break;
			}
			tokens += unitTokens[unit];
			first = unit;
		}
		// The history kept starts with a user message.
		while (first < units && (!usable[first]
				|| !ChatMessage.USER.equals(history.get((first > 0) ? ends[first - 1] : 0).role()))) {
			tokens -= unitTokens[first];
			first++;
		}
		int from = (first > 0) ? ends[first - 1] : 0;
		List<ChatMessage> kept = new ArrayList<>(history.size() - from);
		for (int unit = first; unit < units; unit++) {
			if (usable[unit]) {
				kept.addAll(history.subList((unit > 0) ? ends[unit - 1] : 0, ends[unit]));
			}
		}
		return new Trimmed(kept, tokens);
	}

	/**
	 * Splits the history into turns that stay together, each ending (exclusive) at its
	 * {@code ends} entry; an unusable turn (a call without all its results, results
	 * without their call) is marked so.
	 * @return the number of turns
	 */
	private static int units(List<ChatMessage> history, int[] ends, boolean[] usable) {
		int units = 0;
		int i = 0;
		while (i < history.size()) {
			ChatMessage message = history.get(i);
			String role = message.role();
			boolean ok = true;
			if (ChatMessage.ASSISTANT.equals(role) && !message.toolCalls().isEmpty()) {
				Set<String> open = new HashSet<>();
				for (ToolCall call : message.toolCalls()) {
					open.add(String.valueOf(call.id()));
				}
				i++;
				while (i < history.size() && ChatMessage.TOOL.equals(history.get(i).role())) {
					open.remove(String.valueOf(history.get(i).toolCallId()));
					i++;
				}
				ok = open.isEmpty();
			}
			else if (ChatMessage.ASSISTANT.equals(role) && message.functionCall() != null) {
				ok = i + 1 < history.size() && ChatMessage.FUNCTION.equals(history.get(i + 1).role());
				i += ok ? 2 : 1;
			}
			else {
				ok = !ChatMessage.TOOL.equals(role) && !ChatMessage.FUNCTION.equals(role);
				i++;
			}
			ends[units] = i;
			usable[units] = ok;
			units++;
		}
		return units;
	}

	/**
	 * The history kept.
	 *
	 * @param messages the messages kept, oldest first
	 * @param tokens their tokens
	 */
	record Trimmed(List<ChatMessage> messages, int tokens) {
	}

}
