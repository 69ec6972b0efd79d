import Foundation

/// Who may use the studio and how: the bound `Host` only (a page of another site that renames
/// itself to 127.0.0.1 by DNS rebinding is refused), sessions by cookie, a token per session on
/// every request that changes something, a same-origin `Origin`, and — when the studio listens
/// beyond this machine — a password, with failed logins slowed down.
public final class StudioGuard: @unchecked Sendable {
    /// The `host:port` values a request's `Host` may carry.
    public let allowedHosts: Set<String>
    /// The origins a state-changing request may come from.
    public let allowedOrigins: Set<String>
    /// The password, when one is required.
    private let password: String?
    private var sessions: [String: Session] = [:]
    private var failures: [String: [Date]] = [:]
    private let lock = NSLock()

    /// The session cookie's name.
    public static let cookieName = "desmigratif_studio"
    /// Failed logins allowed per address in `failureWindow` before the next ones are refused.
    public static let failureLimit = 5
    public static let failureWindow: TimeInterval = 60
    /// Sessions kept at once; starting one more forgets an old one.
    static let maximumSessions = 1000

    struct Session {
        let token: String
        var language: String
    }

    /// A guard for a server bound to `host:port`; `password` nil means no login (loopback only).
    public init(host: String, port: UInt16, password: String?) {
        var hosts: Set<String> = ["\(host):\(port)"]
        if host == "127.0.0.1" { hosts.insert("localhost:\(port)") }
        allowedHosts = hosts
        allowedOrigins = Set(hosts.map { "http://\($0)" })
        self.password = password
    }

    /// Whether a login is needed at all.
    public var needsPassword: Bool { password != nil }

    /// Whether the request's `Host` is the bound one.
    public func hostAllowed(_ host: String?) -> Bool {
        guard let host else { return false }
        return allowedHosts.contains(host.lowercased())
    }

    /// Whether a state-changing request comes from the studio's own pages: its `Origin` (or,
    /// when a browser sends none, its `Referer`) is this server.
    public func originAllowed(origin: String?, referer: String?) -> Bool {
        if let origin { return allowedOrigins.contains(origin.lowercased()) }
        guard let referer, let url = URL(string: referer), let host = url.host, let scheme = url.scheme else { return false }
        return allowedOrigins.contains("\(scheme)://\(host)\(url.port.map { ":\($0)" } ?? "")".lowercased())
    }

    /// The session a cookie names, if it is one of this server's.
    public func session(cookie: String?) -> (id: String, token: String)? {
        guard let id = cookie else { return nil }
        return lock.withLock { sessions[id].map { (id, $0.token) } }
    }

    /// Starts a session (at the first visit, or after a login) and returns its id and token.
    public func startSession() -> (id: String, token: String) {
        let id = Self.random(), token = Self.random()
        lock.withLock {
            // Any page load without a cookie starts one: keep their number bounded.
            if sessions.count >= Self.maximumSessions { sessions.remove(at: sessions.startIndex) }
            sessions[id] = Session(token: token, language: "id")
        }
        return (id, token)
    }

    /// Whether `token` is the session's.
    public func tokenValid(_ token: String?, session id: String) -> Bool {
        guard let token else { return false }
        return lock.withLock { sessions[id].map { Self.equal($0.token, token) } ?? false }
    }

    /// The outcome of a login attempt.
    public enum LoginOutcome: Equatable, Sendable {
        case accepted(session: String)
        case refused
        /// Too many failures from this address: try again after the given seconds.
        case tooMany(retryAfter: Int)
    }

    /// Checks a password from `address`, counting failures per address.
    public func login(password attempt: String, from address: String, now: Date = Date()) -> LoginOutcome {
        let recent: [Date] = lock.withLock {
            let kept = (failures[address] ?? []).filter { now.timeIntervalSince($0) < Self.failureWindow }
            failures[address] = kept
            return kept
        }
        if recent.count >= Self.failureLimit, let oldest = recent.first {
            return .tooMany(retryAfter: max(1, Int((Self.failureWindow - now.timeIntervalSince(oldest)).rounded(.up))))
        }
        guard let password, Self.equal(password, attempt) else {
            lock.withLock { failures[address, default: []].append(now) }
            return .refused
        }
        return .accepted(session: startSession().id)
    }

    /// The interface language chosen in a session.
    public func language(session id: String?) -> String {
        guard let id else { return "id" }
        return lock.withLock { sessions[id]?.language ?? "id" }
    }

    /// Chooses the interface language of a session.
    public func setLanguage(_ language: String, session id: String) {
        lock.withLock { sessions[id]?.language = language == "en" ? "en" : "id" }
    }

    /// 32 random bytes as hex.
    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// Compares without stopping at the first difference, so timing does not tell how much matched.
    static func equal(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        var difference = x.count ^ y.count
        for index in 0..<min(x.count, y.count) { difference |= Int(x[index] ^ y[index]) }
        return difference == 0
    }
}
