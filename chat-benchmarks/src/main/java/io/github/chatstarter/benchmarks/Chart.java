package io.github.chatstarter.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

/**
 * Draws the two grouped bar charts of the report with Java2D: CPU per chunk and memory
 * per stream.
 */
final class Chart {

	private static final Color[] SERIES = { new Color(0x4C72B0), new Color(0xDD8452), new Color(0x55A868) };

	private static final int WIDTH = 1200;

	private static final int HEIGHT = 520;

	private Chart() {
	}

	/** One group of bars: a contender and its values per series (NaN: not measured). */
	record Group(String label, double[] values) {
	}

	static void write(Path file, String leftTitle, List<String> leftSeries, List<Group> left, String rightTitle,
			List<String> rightSeries, List<Group> right) throws IOException {
		BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, WIDTH, HEIGHT);
		panel(g, 0, leftTitle, leftSeries, left);
		panel(g, WIDTH / 2, rightTitle, rightSeries, right);
		g.dispose();
		ImageIO.write(image, "png", file.toFile());
	}

	private static void panel(Graphics2D g, int x0, String title, List<String> series, List<Group> groups) {
		int left = x0 + 70;
		int right = x0 + WIDTH / 2 - 20;
		int top = 60;
		int bottom = HEIGHT - 110;
		double max = 0;
		for (Group group : groups) {
			for (double value : group.values()) {
				if (!Double.isNaN(value)) {
					max = Math.max(max, value);
				}
			}
		}
		max = (max > 0) ? niceCeiling(max) : 1;
		g.setColor(Color.BLACK);
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
		g.drawString(title, x0 + 20, 28);
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
		for (int tick = 0; tick <= 5; tick++) {
			double value = max * tick / 5;
			int y = bottom - (int) ((bottom - top) * tick / 5.0);
			g.setColor(new Color(0xE0E0E0));
			g.drawLine(left, y, right, y);
			g.setColor(Color.DARK_GRAY);
			String text = format(value);
			g.drawString(text, left - 8 - g.getFontMetrics().stringWidth(text), y + 4);
		}
		int slot = (right - left) / Math.max(1, groups.size());
		int bar = Math.max(4, (slot - 16) / Math.max(1, series.size()));
		for (int i = 0; i < groups.size(); i++) {
			Group group = groups.get(i);
			int gx = left + i * slot + 8;
			for (int s = 0; s < group.values().length; s++) {
				double value = group.values()[s];
				int bx = gx + s * bar;
				if (Double.isNaN(value)) {
					g.setColor(Color.GRAY);
					g.drawString("n/a", bx, bottom - 4);
					continue;
				}
				int h = (int) Math.round((bottom - top) * value / max);
				g.setColor(SERIES[s % SERIES.length]);
				g.fillRect(bx, bottom - h, bar - 2, h);
			}
			g.setColor(Color.BLACK);
			drawWrapped(g, group.label(), gx, bottom + 16, slot - 8);
		}
		g.setStroke(new BasicStroke(1.2f));
		g.drawLine(left, bottom, right, bottom);
		g.drawLine(left, top, left, bottom);
		int lx = left;
		for (int s = 0; s < series.size(); s++) {
			g.setColor(SERIES[s % SERIES.length]);
			g.fillRect(lx, 40, 12, 12);
			g.setColor(Color.BLACK);
			g.drawString(series.get(s), lx + 16, 50);
			lx += 26 + g.getFontMetrics().stringWidth(series.get(s));
		}
	}

	private static void drawWrapped(Graphics2D g, String text, int x, int y, int width) {
		StringBuilder line = new StringBuilder();
		int lineY = y;
		for (String word : text.split(" ")) {
			if (line.length() > 0 && g.getFontMetrics().stringWidth(line + " " + word) > width) {
				g.drawString(line.toString(), x, lineY);
				line.setLength(0);
				lineY += 13;
			}
			line.append((line.length() > 0) ? " " : "").append(word);
		}
		g.drawString(line.toString(), x, lineY);
	}

	private static double niceCeiling(double value) {
		double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
		for (double step : new double[] { 1, 2, 2.5, 5, 10 }) {
			if (step * magnitude >= value) {
				return step * magnitude;
			}
		}
		return 10 * magnitude;
	}

	private static String format(double value) {
		return (value >= 100 || value == Math.rint(value)) ? String.format(Locale.ROOT, "%,.0f", value)
				: String.format(Locale.ROOT, "%.1f", value);
	}

}
