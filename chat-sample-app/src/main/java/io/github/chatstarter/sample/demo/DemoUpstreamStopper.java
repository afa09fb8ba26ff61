package io.github.chatstarter.sample.demo;

import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.SmartApplicationListener;

/**
 * Stops the demo upstream when its application's context closes or the application fails
 * to start. Only its own context counts: a child context closing must not stop it.
 */
final class DemoUpstreamStopper implements SmartApplicationListener {

	private final DemoUpstream upstream;

	private final AtomicBoolean stopped = new AtomicBoolean();

	private volatile @Nullable ApplicationContext context;

	DemoUpstreamStopper(DemoUpstream upstream) {
		this.upstream = upstream;
	}

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return ApplicationPreparedEvent.class.isAssignableFrom(eventType)
				|| ContextClosedEvent.class.isAssignableFrom(eventType)
				|| ApplicationFailedEvent.class.isAssignableFrom(eventType);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationPreparedEvent prepared) {
			this.context = prepared.getApplicationContext();
		}
		else if (event instanceof ApplicationFailedEvent
				|| (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == this.context)) {
			stop();
		}
	}

	private void stop() {
		if (this.stopped.compareAndSet(false, true)) {
			this.upstream.close();
		}
	}

}
