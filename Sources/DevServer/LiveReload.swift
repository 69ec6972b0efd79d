import FlyingFox
import Content
import Foundation
import Statistics

/// Live reload: every open page keeps a WebSocket to the server and is told to reload after a
/// rebuild, or shown the build's errors in an overlay until they are fixed.
public final class LiveReload: WSMessageHandler, @unchecked Sendable {
    /// Where the script, the overlay's style and the socket are served.
    public static let scriptPath = "/__desmigratif/reload.js"
    public static let stylePath = "/__desmigratif/overlay.css"
    public static let socketPath = "/__desmigratif/events"

    private let lock = NSLock()
    private var clients: [UUID: AsyncStream<WSMessage>.Continuation] = [:]
    private var errors: [String] = []

    /// A hub with no clients.
    public init() {}

    /// Tells every page to reload (after a successful build).
    public func reload() {
        lock.withLock { errors = [] }
        broadcast(#"{"type":"reload"}"#)
    }

    /// Shows the diagnostics on every page (after a failed build), until the next success.
    public func show(errors lines: [String]) {
        lock.withLock { errors = lines }
        broadcast(Self.errorMessage(lines))
    }

    /// How many pages are listening.
    public var clientCount: Int { lock.withLock { clients.count } }

    public func makeMessages(for client: AsyncStream<WSMessage>) async throws -> AsyncStream<WSMessage> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<WSMessage>.makeStream()
        let current = lock.withLock { () -> [String] in
            clients[id] = continuation
            return errors
        }
        continuation.yield(.text(current.isEmpty ? #"{"type":"ok"}"# : Self.errorMessage(current)))
        // When the page goes away its stream ends: forget it.
        Task { [weak self] in
            for await _ in client {}
            self?.lock.withLock { _ = self?.clients.removeValue(forKey: id) }
            continuation.finish()
        }
        return stream
    }

    private func broadcast(_ text: String) {
        let targets = lock.withLock { Array(clients.values) }
        for client in targets { client.yield(.text(text)) }
    }

    static func errorMessage(_ lines: [String]) -> String {
        #"{"type":"error","diagnostics":["# + lines.map(JSONText.string).joined(separator: ",") + "]}"
    }

    /// The browser side: plain JavaScript, no framework. It builds the overlay with textContent
    /// only, so diagnostics cannot inject markup, and reconnects when the server restarts.
    static let script = """
    (() => {
      const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
      let overlay = null;
      function hide() { if (overlay) { overlay.remove(); overlay = null; } }
      function show(lines) {
        hide();
        overlay = document.createElement('div');
        overlay.id = 'desmigratif-overlay';
        overlay.setAttribute('role', 'alert');
        const title = document.createElement('h2');
        title.textContent = 'Situs gagal dibangun';
        const hint = document.createElement('p');
        hint.textContent = 'Perbaiki berkas di bawah ini dan simpan; halaman ini akan dimuat ulang sendiri.';
        const list = document.createElement('pre');
        list.textContent = lines.join('\\n');
        overlay.append(title, hint, list);
        document.body.append(overlay);
      }
      function connect() {
        const socket = new WebSocket(scheme + '//' + location.host + '\(socketPath)');
        socket.onmessage = (event) => {
          const message = JSON.parse(event.data);
          if (message.type === 'reload') location.reload();
          else if (message.type === 'error') show(message.diagnostics);
          else hide();
        };
        socket.onclose = () => setTimeout(connect, 1000);
      }
      connect();
    })();

    """

    static let style = """
    #desmigratif-overlay { position: fixed; inset: 0; z-index: 2147483647; overflow: auto; padding: 1.5rem;
      background: rgba(27, 31, 36, 0.96); color: #fff; font: 1rem/1.5 system-ui, sans-serif; }
    #desmigratif-overlay h2 { margin: 0 0 0.5rem; color: #ffbf47; }
    #desmigratif-overlay pre { white-space: pre-wrap; font: 0.95rem/1.5 ui-monospace, monospace; }

    """
}
