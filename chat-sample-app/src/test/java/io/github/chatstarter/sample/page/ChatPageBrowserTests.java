package io.github.chatstarter.sample.page;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.chatstarter.sample.OfflineSampleTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The chat page in headless Chromium, against the demo upstream: answers grow as they
 * stream, show who answered, keep the conversation, and errors read as messages.
 */
@OfflineSampleTest
class ChatPageBrowserTests {

	private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);

	private static ChromeDriver browser;

	@LocalServerPort
	private int port;

	@BeforeAll
	static void startBrowser() {
		Optional<Path> chromium = HeadlessChromium.browser();
		assumeTrue(chromium.isPresent(), "No Chromium on the PATH: the browser test needs Debian's chromium and "
				+ "chromium-driver packages (apt-get install chromium chromium-driver)");
		browser = HeadlessChromium.start(chromium.get());
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@BeforeEach
	void openPage() {
		// Each test in a tab of its own: a new conversation.
		browser.get("http://127.0.0.1:" + this.port + "/");
		browser.executeScript("sessionStorage.clear()");
		browser.get("http://127.0.0.1:" + this.port + "/");
		// The provider list has loaded once the demo is offered.
		wait(ANSWER_TIMEOUT)
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#provider option[value=demo]")));
	}

	@Test
	void answerShouldGrowWhileStreamingAndShowWhoAnswered() throws Exception {
		ask("How does streaming work?");

		List<String> seen = watchAnswer();

		WebElement answer = lastAnswer();
		String text = answer.findElement(By.className("text")).getText();
		assertThat(text).startsWith("You asked: “How does streaming work?”").contains("turn 1");
		// Several distinct partial texts, each a beginning of the next: the answer grew
		// in steps.
		assertThat(seen).hasSizeGreaterThanOrEqualTo(4);
		for (int i = 1; i < seen.size(); i++) {
			assertThat(seen.get(i)).startsWith(seen.get(i - 1));
		}
		assertThat(seen.get(0)).isNotEqualTo(text);
		assertThat(answer.findElement(By.className("meta")).getText()).contains("demo")
			.contains("demo-chat")
			.containsPattern("\\d+ prompt \\+ \\d+ completion = \\d+ tokens");
		screenshot("chat-page.png");
	}

	@Test
	void aTwoTurnConversationShouldSurviveAReloadUntilANewConversation() throws Exception {
		ask("First question");
		watchAnswer();
		ask("Second question");
		watchAnswer();

		// The server sent the first turn with the second: the demo refers to it.
		assertThat(lastAnswer().findElement(By.className("text")).getText()).contains("“Second question”")
			.contains("Before that you asked: “First question”")
			.contains("turn 2");
		browser.navigate().refresh();
		wait(ANSWER_TIMEOUT).until((driver) -> driver.findElements(By.cssSelector(".message")).size() == 4);
		assertThat(browser.findElements(By.cssSelector(".message .text"))).extracting(WebElement::getText)
			.satisfiesExactly((first) -> assertThat(first).isEqualTo("First question"),
					(answer) -> assertThat(answer).startsWith("You asked: “First question”"),
					(second) -> assertThat(second).isEqualTo("Second question"),
					(answer) -> assertThat(answer).contains("Before that you asked: “First question”"));
		screenshot("chat-page-conversation.png");

		browser.findElement(By.id("new-chat")).click();
		assertThat(browser.findElements(By.cssSelector(".message"))).isEmpty();
		ask("Third question");
		watchAnswer();
		assertThat(lastAnswer().findElement(By.className("text")).getText()).contains("turn 1")
			.doesNotContain("Before that");
		browser.navigate().refresh();
		wait(ANSWER_TIMEOUT).until((driver) -> driver.findElements(By.cssSelector(".message")).size() == 2);
	}

	@Test
	void chosenModelShouldAnswer() {
		new Select(browser.findElement(By.id("provider"))).selectByValue("demo");
		new Select(browser.findElement(By.id("model"))).selectByValue("demo-chat-large");
		ask("Which one are you?");
		watchAnswer();

		assertThat(lastAnswer().findElement(By.className("meta")).getText()).contains("demo-chat-large");
	}

	@Test
	void quotaErrorShouldShowReadableMessage() throws Exception {
		ask("/simulate quota");

		WebElement error = wait(ANSWER_TIMEOUT).until(ExpectedConditions
			.visibilityOfElementLocated(By.cssSelector(".message.assistant[data-state=error] .error")));
		assertThat(error.findElement(By.className("error-title")).getText())
			.isEqualTo("The provider's quota is used up");
		assertThat(error.findElement(By.className("error-detail")).getText()).contains("insufficient quota");
		assertThat(error.findElement(By.className("error-facts")).getText()).contains("ChatQuotaExceededException")
			.contains("demo")
			.contains("HTTP 403");
		assertThat(browser.findElement(By.cssSelector(".message.user")).getAttribute("class")).contains("unanswered");
		screenshot("chat-page-error.png");
	}

	private static void ask(String question) {
		WebElement input = browser.findElement(By.id("question"));
		input.clear();
		input.sendKeys(question);
		browser.findElement(By.id("send")).click();
	}

	/**
	 * Polls the last answer until it is done, collecting each distinct text it showed on
	 * the way.
	 */
	private static List<String> watchAnswer() {
		List<String> seen = new ArrayList<>();
		wait(ANSWER_TIMEOUT).pollingEvery(Duration.ofMillis(10)).until((driver) -> {
			WebElement answer = lastAnswer();
			String text = answer.findElement(By.className("text")).getText();
			if (!text.isEmpty() && (seen.isEmpty() || !seen.get(seen.size() - 1).equals(text))) {
				seen.add(text);
			}
			String state = answer.getAttribute("data-state");
			assertThat(state).as("answer state").isNotEqualTo("error");
			return "done".equals(state);
		});
		return seen;
	}

	private static WebElement lastAnswer() {
		List<WebElement> answers = browser.findElements(By.cssSelector(".message.assistant"));
		assertThat(answers).as("answers on the page").isNotEmpty();
		return answers.get(answers.size() - 1);
	}

	private static WebDriverWait wait(Duration timeout) {
		return new WebDriverWait(browser, timeout);
	}

	private static void screenshot(String name) throws Exception {
		Path target = Path.of("target", "screenshots", name);
		Files.createDirectories(target.getParent());
		Files.write(target, browser.getScreenshotAs(OutputType.BYTES));
	}

}
