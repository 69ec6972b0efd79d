import Foundation

/// Words that mean the same to a reader searching the site, from `content/sinonim.yml`: each
/// item a group of words or phrases (`[TKI, PMI, pekerja migran]`), so that a search for one
/// finds pages that use another. Editors extend it; the search index and the browser apply it.
public struct Synonyms: Sendable, Hashable {
    /// The groups, each with its words and phrases as written.
    public let groups: [[String]]

    /// No synonyms.
    public static let none = Synonyms(groups: [])

    /// The file under `content/`.
    public static let fileName = "sinonim.yml"

    /// Creates synonyms from groups.
    public init(groups: [[String]]) {
        self.groups = groups
    }

    /// Reads the file's YAML: a list of lists of text. Every problem is reported at its place.
    public static func decode(_ node: YAMLNode?, file: String, diagnostics: inout Diagnostics) -> Synonyms? {
        // An empty file has no groups: not an error.
        guard let node, !node.isNull else { return Synonyms.none }
        guard let items = node.items else {
            diagnostics.error(file, node.position, "\(fileName) harus berupa daftar kelompok, bukan \(node.kindName)",
                              hint: "satu kelompok per baris, misalnya: - [TKI, PMI, pekerja migran]")
            return nil
        }
        var groups: [[String]] = []
        var failed = false
        var seen: [String: SourcePosition] = [:]
        for item in items {
            guard let members = item.items else {
                diagnostics.error(file, item.position, "kelompok sinonim harus berupa daftar, bukan \(item.kindName)",
                                  hint: "tulis kata-kata sekelompok di dalam [ ], dipisah koma")
                failed = true
                continue
            }
            var group: [String] = []
            for member in members {
                guard let text = member.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
                    diagnostics.error(file, member.position, "anggota kelompok sinonim harus berupa teks, bukan \(member.kindName)")
                    failed = true
                    continue
                }
                let key = text.lowercased()
                if let first = seen[key] {
                    diagnostics.error(file, member.position, "\"\(text)\" sudah ada di kelompok baris \(first.line)",
                                      hint: "satu kata hanya boleh ada di satu kelompok")
                    failed = true
                    continue
                }
                seen[key] = member.position
                group.append(text)
            }
            if members.count == 1, let only = group.first {
                diagnostics.warning(file, item.position, "kelompok sinonim \"\(only)\" hanya punya satu kata",
                                    hint: "sinonim perlu sedikitnya dua kata atau frasa")
            }
            if group.count > 1 { groups.append(group) }
        }
        return failed ? nil : Synonyms(groups: groups)
    }
}
