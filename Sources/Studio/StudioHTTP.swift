import Foundation

/// A request as the studio sees it, whatever server carries it.
public struct StudioRequest: Sendable {
    public var method: String
    /// The path, still percent-encoded, without the query.
    public var path: String
    /// Query parameters, decoded.
    public var query: [String: String]
    /// Headers by lowercased name.
    public var headers: [String: String]
    public var body: Data
    /// The client's address, for rate limits.
    public var remoteAddress: String

    /// A request; `target` is the path with its query.
    public init(method: String, target: String, headers: [String: String], body: Data = Data(), remoteAddress: String = "") {
        self.method = method.uppercased()
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        path = String(parts.first ?? "")
        query = parts.count > 1 ? Self.form(String(parts[1])) : [:]
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        self.body = body
        self.remoteAddress = remoteAddress
    }

    /// The value of a cookie.
    func cookie(_ name: String) -> String? {
        for pair in (headers["cookie"] ?? "").split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, parts[0] == name { return parts[1] }
        }
        return nil
    }

    /// The fields of an `application/x-www-form-urlencoded` body.
    var formFields: [String: String] { Self.form(String(decoding: body, as: UTF8.self)) }

    /// Decodes `a=1&b=x+y` pairs (a repeated name keeps its first value).
    static func form(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String? { String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding }
            guard let name = parts.first.flatMap(decode) else { continue }
            if fields[name] == nil { fields[name] = parts.count > 1 ? decode(parts[1]) ?? "" : "" }
        }
        return fields
    }
}

/// The studio's answer.
public struct StudioResponse: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data

    init(status: Int, type: String, body: String, headers: [String: String] = [:]) {
        self.status = status
        self.body = Data(body.utf8)
        // The studio's pages never go to a cache; its scripts and styles are its own only.
        var all = ["Content-Type": type, "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff",
                   "Referrer-Policy": "same-origin", "X-Frame-Options": "SAMEORIGIN",
                   "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'none'"]
        for (name, value) in headers { all[name] = value }
        self.headers = all
    }

    static func html(_ body: String, status: Int = 200, headers: [String: String] = [:]) -> StudioResponse {
        StudioResponse(status: status, type: "text/html; charset=utf-8", body: body, headers: headers)
    }

    static func json(_ body: String, status: Int = 200) -> StudioResponse {
        StudioResponse(status: status, type: "application/json; charset=utf-8", body: body)
    }

    static func text(_ body: String, status: Int) -> StudioResponse {
        StudioResponse(status: status, type: "text/plain; charset=utf-8", body: body + "\n")
    }

    static func redirect(_ location: String, headers: [String: String] = [:]) -> StudioResponse {
        var response = StudioResponse(status: 303, type: "text/plain; charset=utf-8", body: "", headers: headers)
        response.headers["Location"] = location
        return response
    }
}
