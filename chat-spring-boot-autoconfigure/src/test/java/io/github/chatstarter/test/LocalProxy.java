package io.github.chatstarter.test;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A tiny HTTP ({@code CONNECT}) or SOCKS5 proxy on 127.0.0.1 that tunnels to 127.0.0.1
 * only and records each tunnel's target and credentials. Written here because no test
 * library offers a SOCKS5 proxy and WireMock does not tunnel plain HTTP through
 * {@code CONNECT}, which Reactor Netty always uses.
 */
public final class LocalProxy implements BeforeEachCallback, AfterEachCallback {

	/** Kind of proxy. */
	public enum Kind {

		HTTP, SOCKS5

	}

	/**
	 * One tunnel: where to, and the credentials given (null when none).
	 */
	public record Tunnel(String target, String credentials) {
	}

	private final Kind kind;

	private final List<Tunnel> tunnels = new CopyOnWriteArrayList<>();

	private ServerSocket server;

	private ExecutorService executor;

	public LocalProxy(Kind kind) {
		this.kind = kind;
	}

	@Override
	public void beforeEach(ExtensionContext context) throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.executor = Executors.newCachedThreadPool();
		this.executor.execute(this::accept);
	}

	@Override
	public void afterEach(ExtensionContext context) throws IOException {
		this.server.close();
		this.executor.shutdownNow();
	}

	public int port() {
		return this.server.getLocalPort();
	}

	/**
	 * Tunnels opened so far, as {@code host:port} with the credentials as
	 * {@code user:password}.
	 */
	public List<Tunnel> tunnels() {
		return List.copyOf(this.tunnels);
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				this.executor.execute(() -> serve(client));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket client) {
		try (client) {
			InputStream in = client.getInputStream();
			OutputStream out = client.getOutputStream();
			Tunnel tunnel = (this.kind == Kind.HTTP) ? httpHandshake(in, out)
					: socksHandshake(new DataInputStream(in), out);
			if (tunnel == null) {
				return;
			}
			String[] hostAndPort = tunnel.target().split(":");
			if (!hostAndPort[0].equals("127.0.0.1") && !hostAndPort[0].equals("localhost")) {
				throw new IOException("This test proxy only tunnels to 127.0.0.1, not " + tunnel.target());
			}
			this.tunnels.add(tunnel);
			try (Socket upstream = new Socket()) {
				upstream
					.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(hostAndPort[1])));
				if (this.kind == Kind.HTTP) {
					out.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				}
				else {
					out.write(new byte[] { 5, 0, 0, 1, 0, 0, 0, 0, 0, 0 });
				}
				out.flush();
				this.executor.execute(() -> copy(in, upstream));
				upstream.getInputStream().transferTo(out);
			}
		}
		catch (IOException ex) {
			// The client went away; the test's assertions tell what happened.
		}
	}

	private static void copy(InputStream in, Socket upstream) {
		try {
			in.transferTo(upstream.getOutputStream());
			upstream.shutdownOutput();
		}
		catch (IOException ex) {
			// One side closed.
		}
	}

	private static Tunnel httpHandshake(InputStream in, OutputStream out) throws IOException {
		String requestLine = readLine(in);
		String credentials = null;
		for (String header = readLine(in); !header.isEmpty(); header = readLine(in)) {
			if (header.toLowerCase(Locale.ROOT).startsWith("proxy-authorization: basic ")) {
				credentials = new String(Base64.getDecoder().decode(header.substring(27).strip()),
						StandardCharsets.UTF_8);
			}
		}
		String[] parts = requestLine.split(" ");
		if (!parts[0].equals("CONNECT")) {
			out.write(
					"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			return null;
		}
		return new Tunnel(parts[1], credentials);
	}

	private static Tunnel socksHandshake(DataInputStream in, OutputStream out) throws IOException {
		if (in.readUnsignedByte() != 5) {
			return null;
		}
		byte[] methods = new byte[in.readUnsignedByte()];
		in.readFully(methods);
		boolean userPassword = new String(methods, StandardCharsets.ISO_8859_1).indexOf(2) >= 0;
		String credentials = null;
		out.write(new byte[] { 5, (byte) (userPassword ? 2 : 0) });
		out.flush();
		if (userPassword) {
			in.readUnsignedByte();
			String user = readString(in, in.readUnsignedByte());
			String password = readString(in, in.readUnsignedByte());
			credentials = user + ":" + password;
			out.write(new byte[] { 1, 0 });
			out.flush();
		}
		in.readUnsignedByte();
		int command = in.readUnsignedByte();
		in.readUnsignedByte();
		int addressType = in.readUnsignedByte();
		String host;
		if (addressType == 1) {
			byte[] address = new byte[4];
			in.readFully(address);
			host = InetAddress.getByAddress(address).getHostAddress();
		}
		else if (addressType == 3) {
			host = readString(in, in.readUnsignedByte());
		}
		else {
			return null;
		}
		int port = in.readUnsignedShort();
		return (command == 1) ? new Tunnel(host + ":" + port, credentials) : null;
	}

	private static String readString(DataInputStream in, int length) throws IOException {
		byte[] bytes = new byte[length];
		in.readFully(bytes);
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.US_ASCII);
	}

}
