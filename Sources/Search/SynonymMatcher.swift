/// Synonym groups as the search index uses them: each group's words and phrases as sequences of
/// terms (made by the same tokenizer as the pages), and one term that stands for the group.
///
/// A page that contains any member gets the group's term too (with the member's weight), and a
/// query's member is replaced by the group's term, so `TKI` finds pages that say `pekerja
/// migran` or `PMI`. The browser's `tokens.js` applies the same groups, from `meta.json`.
public struct SynonymMatcher: Sendable, Hashable {
    /// A group: the term that stands for it, and its members' term sequences.
    public struct Group: Sendable, Hashable, Codable {
        public let term: String
        public let phrases: [[String]]
    }

    public let groups: [Group]
    /// The first term of every member: a page's term that is none of these starts no member,
    /// which spares most of the matching.
    public let starters: Set<String>

    /// No synonyms.
    public static let none = SynonymMatcher(groups: [])

    /// Groups of words or phrases, tokenized with `tokenizer`. A group's term is `=` and its
    /// first member's terms (`=tki`); members that tokenize to nothing (stopwords) are dropped.
    public init(_ texts: [[String]], tokenizer: Tokenizer) {
        self.init(groups: texts.compactMap { members in
            let phrases = members.map { tokenizer.tokens($0).map(\.term) }.filter { !$0.isEmpty }
            guard let first = phrases.first, phrases.count > 1 else { return nil }
            return Group(term: "=" + first.joined(separator: "_"), phrases: phrases)
        })
    }

    public init(groups: [Group]) {
        self.groups = groups
        starters = Set(groups.flatMap { $0.phrases.compactMap(\.first) })
    }

    /// The group and length of the longest member that starts at `start` of `terms`.
    func match<Terms: RandomAccessCollection<String>>(_ terms: Terms, at start: Int) -> (group: Group, length: Int)? where Terms.Index == Int {
        var best: (Group, Int)?
        for group in groups {
            for phrase in group.phrases where phrase.count > (best?.1 ?? 0) && start + phrase.count <= terms.count {
                if terms[start..<start + phrase.count].elementsEqual(phrase) { best = (group, phrase.count) }
            }
        }
        return best
    }

    /// The group terms of every member occurrence in a page's terms.
    public func groupTerms(in terms: [String]) -> [String] {
        guard !groups.isEmpty else { return [] }
        return groupTerms(in: terms, at: terms.indices.filter { starters.contains(terms[$0]) })
    }

    /// The same, when the caller knows where members may start (`candidates`, ascending: the
    /// positions of `starters`): the index tests them without hashing every term.
    func groupTerms<Terms: RandomAccessCollection<String>>(in terms: Terms, at candidates: [Int]) -> [String] where Terms.Index == Int {
        var found: [String] = []
        var next = 0
        for index in candidates where index >= next {
            if let (group, length) = match(terms, at: index) {
                found.append(group.term)
                next = index + length
            }
        }
        return found
    }

    /// A query's tokens with each member replaced by one token of its group's term (its word
    /// the member's words). The last token, when still being typed, is left as it is.
    public func rewrite(_ tokens: [Tokenizer.Token], keepingLast: Bool = false) -> [Tokenizer.Token] {
        guard !groups.isEmpty else { return tokens }
        let terms = tokens.map(\.term)
        let limit = keepingLast ? tokens.count - 1 : tokens.count
        var result: [Tokenizer.Token] = []
        var index = 0
        while index < tokens.count {
            if index < limit, let (group, length) = match(Array(terms[..<limit]), at: index) {
                result.append(Tokenizer.Token(word: tokens[index..<index + length].map(\.word).joined(separator: " "), term: group.term))
                index += length
            } else {
                result.append(tokens[index])
                index += 1
            }
        }
        return result
    }
}
