// The chat page: streams answers from POST /api/chat/stream (fetch + ReadableStream, since EventSource
// cannot POST). The starter keeps the conversation on the server, one per browser tab: the tab's id lives in
// sessionStorage, so a reload shows the same conversation and another tab has its own.
'use strict';

const DEMO_PROVIDER = 'demo';

const page = {
	messages: document.getElementById('messages'),
	form: document.getElementById('ask'),
	question: document.getElementById('question'),
	send: document.getElementById('send'),
	provider: document.getElementById('provider'),
	model: document.getElementById('model'),
	newChat: document.getElementById('new-chat'),
	welcome: document.getElementById('welcome'),
	demoHint: document.getElementById('demo-hint'),
	providersError: document.getElementById('providers-error'),
};

let providers = [];

// This tab's conversation; sessionStorage survives a reload but is not shared with other tabs.
const CONVERSATION_KEY = 'chat-conversation';

function newConversationId() {
	const id = (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + '-' + Math.random().toString(16).slice(2));
	sessionStorage.setItem(CONVERSATION_KEY, id);
	return id;
}

let conversation = sessionStorage.getItem(CONVERSATION_KEY) || newConversationId();

// Shows the questions and answers the server kept for this tab (after a reload).
async function loadConversation() {
	try {
		const response = await fetch('/api/conversations/' + encodeURIComponent(conversation),
			{ headers: { Accept: 'application/json' } });
		if (!response.ok) {
			return;
		}
		for (const turn of await response.json()) {
			const bubble = addMessage(turn.role, turn.content);
			if (turn.role === 'assistant') {
				bubble.dataset.state = 'done';
			}
		}
	}
	catch (ignored) {
		// An empty page is the worst that can happen.
	}
}

// ---- providers and models ----

async function loadProviders() {
	try {
		const response = await fetch('/api/providers', { headers: { Accept: 'application/json' } });
		if (!response.ok) {
			throw new Error((await readError(response)).message);
		}
		providers = await response.json();
	}
	catch (error) {
		page.providersError.textContent = 'The provider list could not be loaded: ' + error.message;
		page.providersError.hidden = false;
		return;
	}
	for (const provider of providers) {
		const health = (provider.health && provider.health !== 'UP') ? ' [' + provider.health + ']' : '';
		page.provider.append(new Option(provider.name + (provider.isDefault ? ' (default)' : '') + health, provider.name));
	}
	page.demoHint.hidden = !providers.some((provider) => provider.name === DEMO_PROVIDER);
	fillModels();
}

// The models of the chosen provider, or of all providers when routing picks one.
function fillModels() {
	const chosen = providers.filter((provider) => !page.provider.value || provider.name === page.provider.value);
	page.model.replaceChildren(new Option('Default model', ''));
	const seen = new Set();
	for (const provider of chosen) {
		for (const model of provider.models) {
			if (!seen.has(model)) {
				seen.add(model);
				page.model.append(new Option(model + (model === provider.defaultModel ? ' (default)' : ''), model));
			}
		}
	}
}

// ---- rendering ----

function element(tag, className, text) {
	const node = document.createElement(tag);
	if (className) {
		node.className = className;
	}
	if (text !== undefined) {
		node.textContent = text;
	}
	return node;
}

function addMessage(role, text) {
	page.welcome.hidden = true;
	const bubble = element('div', 'message ' + role);
	bubble.append(element('div', 'text', text), element('div', 'meta'));
	page.messages.append(bubble);
	bubble.scrollIntoView({ block: 'end' });
	return bubble;
}

function describe(info) {
	const parts = [];
	if (info.provider) {
		parts.push(info.provider);
	}
	if (info.model) {
		parts.push(info.model);
	}
	if (info.usage) {
		const usage = info.usage;
		parts.push(usage.promptTokens + ' prompt + ' + usage.completionTokens + ' completion = '
			+ usage.totalTokens + ' tokens');
	}
	if (info.finishReason && info.finishReason !== 'stop') {
		parts.push('finish reason: ' + info.finishReason);
	}
	return parts.join(' · ');
}

function showError(bubble, error) {
	bubble.dataset.state = 'error';
	const box = element('div', 'error');
	box.append(element('strong', 'error-title', error.title || 'Error'));
	box.append(element('p', 'error-detail', error.message || ''));
	const facts = [error.type, error.provider, error.upstreamStatus ? 'HTTP ' + error.upstreamStatus : null, error.code]
		.filter(Boolean).join(' · ');
	if (facts) {
		box.append(element('small', 'error-facts', facts));
	}
	bubble.append(box);
	bubble.scrollIntoView({ block: 'end' });
}

// ---- talking to the server ----

// A failed call's body is a ChatError; anything else (a proxy's page, a crash) still reads as text.
async function readError(response) {
	const body = await response.text();
	try {
		return JSON.parse(body);
	}
	catch (ignored) {
		return { title: 'HTTP ' + response.status, message: body.slice(0, 300) || response.statusText };
	}
}

// Splits a server-sent-event stream into {event, data} records, whatever the network's chunking.
async function* serverSentEvents(body) {
	const reader = body.pipeThrough(new TextDecoderStream()).getReader();
	let buffer = '';
	for (;;) {
		const { value, done } = await reader.read();
		if (done) {
			return;
		}
		buffer += value.replace(/\r\n?/g, '\n');
		let end;
		while ((end = buffer.indexOf('\n\n')) >= 0) {
			const block = buffer.slice(0, end);
			buffer = buffer.slice(end + 2);
			let event = 'message';
			const data = [];
			for (const line of block.split('\n')) {
				const colon = line.indexOf(':');
				const field = colon < 0 ? line : line.slice(0, colon);
				const content = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
				if (field === 'event') {
					event = content;
				}
				else if (field === 'data') {
					data.push(content);
				}
			}
			if (data.length > 0) {
				yield { event, data: JSON.parse(data.join('\n')) };
			}
		}
	}
}

async function ask(question) {
	const userBubble = addMessage('user', question);
	const bubble = addMessage('assistant', '');
	bubble.dataset.state = 'streaming';
	const text = bubble.querySelector('.text');
	const meta = bubble.querySelector('.meta');
	const messages = [{ role: 'user', content: question }];
	let answer = '';
	let finished = false;
	try {
		const response = await fetch('/api/chat/stream', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
			body: JSON.stringify({ messages, conversation, provider: page.provider.value || null,
				model: page.model.value || null }),
		});
		if (!response.ok) {
			showError(bubble, await readError(response));
			return;
		}
		for await (const { event, data } of serverSentEvents(response.body)) {
			if (event === 'text') {
				answer += data.text;
				text.textContent = answer;
			}
			else if (event === 'web-search') {
				// ai-gs with online: true searches the web before it answers.
				text.textContent = data.status === 'started' && !answer ? 'Searching the web…' : answer;
			}
			else if (event === 'done') {
				finished = true;
				meta.textContent = describe(data);
				bubble.dataset.state = 'done';
			}
			else if (event === 'error') {
				finished = true;
				showError(bubble, data);
			}
		}
		if (!finished) {
			showError(bubble, { title: 'The connection closed before the answer was complete', message: '' });
		}
	}
	catch (error) {
		showError(bubble, { title: 'The answer could not be received', message: error.message });
	}
	finally {
		if (bubble.dataset.state !== 'done') {
			// The server stores nothing of a failed answer.
			userBubble.classList.add('unanswered');
			userBubble.title = 'Not answered: this question is not part of the conversation';
		}
	}
}

// ---- wiring ----

page.form.addEventListener('submit', async (event) => {
	event.preventDefault();
	const question = page.question.value.trim();
	if (!question || page.send.disabled) {
		return;
	}
	page.question.value = '';
	page.send.disabled = true;
	try {
		await ask(question);
	}
	finally {
		page.send.disabled = false;
		page.question.focus();
	}
});

page.question.addEventListener('keydown', (event) => {
	if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
		event.preventDefault();
		page.form.requestSubmit();
	}
});

page.provider.addEventListener('change', fillModels);

page.newChat.addEventListener('click', async () => {
	const old = conversation;
	conversation = newConversationId();
	page.messages.querySelectorAll('.message').forEach((node) => node.remove());
	page.welcome.hidden = false;
	page.question.focus();
	await fetch('/api/conversations/' + encodeURIComponent(old), { method: 'DELETE' }).catch(() => undefined);
});

loadProviders();
loadConversation();
