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
		List<List<ChatMessage>> units = units(history);
		int tokens = 0;
		int first = units.size();
		for (int i = units.size() - 1; i >= 0; i--) {
			List<ChatMessage> unit = units.get(i);
			if (unit.isEmpty()) {
				continue;
			}
			int unitTokens = 0;
			for (ChatMessage message : unit) {
				unitTokens += cost.applyAsInt(message);
			}
			if (tokens + unitTokens > budget) {
				break;
			}
			tokens += unitTokens;
			first = i;
		}
		List<ChatMessage> kept = new ArrayList<>();
		boolean started = false;
		for (int i = first; i < units.size(); i++) {
			List<ChatMessage> unit = units.get(i);
			if (!started && (unit.isEmpty() || !ChatMessage.USER.equals(unit.get(0).role()))) {
				for (ChatMessage message : unit) {
					tokens -= cost.applyAsInt(message);
				}
				continue;
			}
			started = true;
			kept.addAll(unit);
		}
		return new Trimmed(List.copyOf(kept), tokens, history.size() - kept.size());
	}

	/**
	 * The history in turns that stay together; an unusable turn (a call without all its
	 * results, results without their call) is an empty list.
	 */
	private static List<List<ChatMessage>> units(List<ChatMessage> history) {
		List<List<ChatMessage>> units = new ArrayList<>();
		int i = 0;
		while (i < history.size()) {
			ChatMessage message = history.get(i);
			String role = message.role();
			if (ChatMessage.ASSISTANT.equals(role) && !message.toolCalls().isEmpty()) {
				Set<String> open = new HashSet<>();
				for (ToolCall call : message.toolCalls()) {
					open.add(String.valueOf(call.id()));
				}
				List<ChatMessage> unit = new ArrayList<>();
				unit.add(message);
				i++;
				while (i < history.size() && ChatMessage.TOOL.equals(history.get(i).role())) {
					ChatMessage result = history.get(i);
					open.remove(String.valueOf(result.toolCallId()));
					unit.add(result);
					i++;
				}
				units.add(open.isEmpty() ? unit : List.of());
			}
			else if (ChatMessage.ASSISTANT.equals(role) && message.functionCall() != null) {
				boolean answered = i + 1 < history.size() && ChatMessage.FUNCTION.equals(history.get(i + 1).role());
				units.add(answered ? List.of(message, history.get(i + 1)) : List.of());
				i += answered ? 2 : 1;
			}
			else if (ChatMessage.TOOL.equals(role) || ChatMessage.FUNCTION.equals(role)) {
				units.add(List.of());
				i++;
			}
			else {
				units.add(List.of(message));
				i++;
			}
		}
		return units;
	}

	/**
	 * The history kept.
	 *
	 * @param messages the messages kept, oldest first
	 * @param tokens their tokens
	 * @param dropped stored messages left out
	 */
	record Trimmed(List<ChatMessage> messages, int tokens, int dropped) {
	}

}
