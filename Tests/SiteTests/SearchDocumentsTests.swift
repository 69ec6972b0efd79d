@testable import Site
import Testing

/// What a search document says of its page.
@Suite struct SearchDocumentsTests {
    /// A result's breadcrumb is the page's crumbs after the home page, joined by " › ", as
    /// `joined(separator:)` joins them, empty names included.
    @Test(arguments: [
        [String](),
        ["Beranda"],
        ["Beranda", "Jawa Barat"],
        ["Beranda", "Jawa Barat", "Kabupaten Indramayu"],
        ["Beranda", "", "Kabupaten Indramayu"],
        ["Beranda", "Jawa Barat", ""],
    ])
    func breadcrumbsJoinTheCrumbsAfterHome(names: [String]) {
        let links = names.map { Link(name: $0, url: "/\($0)/") }
        #expect(SearchDocuments.breadcrumb(links) == names.dropFirst().joined(separator: " › "))
    }
}
