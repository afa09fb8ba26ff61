package io.github.chatstarter.sample.page;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's {@code chromium} driven through its {@code chromedriver}, both found on the
 * PATH. Selenium Manager cannot download anything here, so Selenium is given both
 * executables.
 */
final class HeadlessChromium {

	private static final List<String> BROWSERS = List.of("chromium", "chromium-browser");

	private static final String DRIVER = "chromedriver";

	private HeadlessChromium() {
	}

	/**
	 * The Chromium executable, if one is installed.
	 */
	static Optional<Path> browser() {
		return BROWSERS.stream().map(HeadlessChromium::onPath).flatMap(Optional::stream).findFirst();
	}

	/**
	 * Starts a headless Chromium with the given browser executable.
	 * @throws IllegalStateException if {@code chromedriver} is missing
	 */
	static ChromeDriver start(Path browser) {
		Path driver = onPath(DRIVER).orElseThrow(() -> new IllegalStateException("Chromium is installed at " + browser
				+ " but " + DRIVER + " is not on the PATH: install Debian's chromium-driver package"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(browser.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--window-size=1100,900");
		return new ChromeDriver(service, options);
	}

	private static Optional<Path> onPath(String executable) {
		String path = System.getenv("PATH");
		if (path == null) {
			return Optional.empty();
		}
		return Arrays.stream(path.split(File.pathSeparator))
			.map((directory) -> Path.of(directory, executable))
			.filter(Files::isExecutable)
			.findFirst();
	}

}
