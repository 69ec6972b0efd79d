import Templating

// The typed view models templates render. Each lists its fields once (`fields`), which gives
// both the value a template sees and the shape the theme is checked against when it loads.
// Field names are the themes' (snake_case); Swift names follow the glossary.

/// Text with its address: breadcrumbs, menus, region links.
struct NamedLink: ViewModel {
    let name: String
    let url: String
    static let fields: [ViewField<NamedLink>] = [.init("name") { $0.name }, .init("url") { $0.url }]
}

/// A titled link: a figure's sources.
struct TitledLink: ViewModel {
    let title: String
    let url: String
    static let fields: [ViewField<TitledLink>] = [.init("title") { $0.title }, .init("url") { $0.url }]
}

/// A date, machine-readable and as readers see it.
struct DateView: ViewModel {
    let iso: String
    let display: String
    static let fields: [ViewField<DateView>] = [.init("iso") { $0.iso }, .init("display") { $0.display }]
}

/// A cited or declared source: number (in a page's list), publisher, title (linked), date.
struct SourceView: ViewModel {
    let number: String?
    let id: String
    let title: String
    let publisher: String?
    let url: String?
    let date: DateView?
    static let fields: [ViewField<SourceView>] = [
        .init("number") { $0.number }, .init("id") { $0.id }, .init("title") { $0.title }, .init("publisher") { $0.publisher },
        .init("url") { $0.url }, .init("date") { $0.date },
    ]
}

/// Under every figure: the data sets it comes from and whether any is illustrative.
struct SourceLine: ViewModel {
    let items: [TitledLink]
    let ilustrasi: Bool
    static let fields: [ViewField<SourceLine>] = [.init("items") { $0.items }, .init("ilustrasi") { $0.ilustrasi }]
}

/// A heading in a page's table of contents.
struct TOCEntry: ViewModel {
    let text: String
    let id: String
    let sub: Bool
    static let fields: [ViewField<TOCEntry>] = [.init("text") { $0.text }, .init("id") { $0.id }, .init("sub") { $0.sub }]
}

/// A link to a pillar's page.
struct PilarLink: ViewModel {
    let name: String
    let url: String
    let nomor: Int
    let id: String
    static let fields: [ViewField<PilarLink>] = [.init("name") { $0.name }, .init("url") { $0.url }, .init("nomor") { $0.nomor }, .init("id") { $0.id }]
}

/// A pillar in a list of pillars, with its page's summary.
struct PilarSummary: ViewModel {
    let link: PilarLink
    let summary: String
    static let fields: [ViewField<PilarSummary>] = PilarLink.fields.map { $0.lifted { $0.link } } + [.init("summary") { $0.summary }]
}

/// A village in a list.
struct DesaItem: ViewModel {
    let name: String
    let url: String
    let kode: String
    let tahun: String
    let tahunURL: String
    let kecamatan: String
    let hasNarrative: Bool
    /// The source of its year, or nil for the illustrative sample's year.
    let bukti: SourceView?
    let ilustrasiTahun: Bool
    /// The source of its membership, or nil where it is illustrative.
    let anggotaBukti: SourceView?
    static let fields: [ViewField<DesaItem>] = [
        .init("name") { $0.name }, .init("url") { $0.url }, .init("kode") { $0.kode }, .init("tahun") { $0.tahun }, .init("tahun_url") { $0.tahunURL },
        .init("kecamatan") { $0.kecamatan }, .init("has_narrative") { $0.hasNarrative }, .init("bukti") { $0.bukti },
        .init("ilustrasi_tahun") { $0.ilustrasiTahun }, .init("anggota_bukti") { $0.anggotaBukti },
    ]
}

/// A village in a year's list: with its regency and province by name.
struct DesaInYear: ViewModel {
    let desa: DesaItem
    let kabupaten: String
    let provinsi: String
    static let fields: [ViewField<DesaInYear>] = DesaItem.fields.map { $0.lifted { $0.desa } }
        + [.init("kabupaten") { $0.kabupaten }, .init("provinsi") { $0.provinsi }]
}

/// The village a village page is about.
struct DesaDetail: ViewModel {
    let desa: DesaItem
    let kabupaten: NamedLink
    let provinsi: NamedLink
    let kelurahan: Bool
    let established: String
    static let fields: [ViewField<DesaDetail>] = DesaItem.fields.map { $0.lifted { $0.desa } } + [
        .init("kabupaten") { $0.kabupaten }, .init("provinsi") { $0.provinsi }, .init("kelurahan") { $0.kelurahan }, .init("established") { $0.established },
    ]
}

/// A news item in a list.
struct NewsItem: ViewModel {
    let title: String
    let url: String
    let summary: String
    let date: DateView?
    static let fields: [ViewField<NewsItem>] = [.init("title") { $0.title }, .init("url") { $0.url }, .init("summary") { $0.summary }, .init("date") { $0.date }]
}

/// A page listed in its section.
struct ChildItem: ViewModel {
    let title: String
    let url: String
    let summary: String
    static let fields: [ViewField<ChildItem>] = [.init("title") { $0.title }, .init("url") { $0.url }, .init("summary") { $0.summary }]
}

/// A year's row: villages established, cumulative.
struct PerYearRow: ViewModel {
    let tahun: String
    let url: String
    let count: String
    let cumulative: String
    let none: Bool
    static let fields: [ViewField<PerYearRow>] = [
        .init("tahun") { $0.tahun }, .init("url") { $0.url }, .init("count") { $0.count }, .init("cumulative") { $0.cumulative }, .init("none") { $0.none },
    ]
}

/// A province with its village count and regencies.
struct ProvinsiRow: ViewModel {
    let name: String
    let url: String
    let count: String
    let kabupaten: [NamedLink]
    static let fields: [ViewField<ProvinsiRow>] = [.init("name") { $0.name }, .init("url") { $0.url }, .init("count") { $0.count }, .init("kabupaten") { $0.kabupaten }]
}

/// A region a page is about: name and dotted code.
struct WilayahRef: ViewModel {
    let name: String
    let kode: String
    static let fields: [ViewField<WilayahRef>] = [.init("name") { $0.name }, .init("kode") { $0.kode }]
}

/// A regency in its province's list.
struct KabupatenRow: ViewModel {
    let name: String
    let url: String
    let count: String
    static let fields: [ViewField<KabupatenRow>] = [.init("name") { $0.name }, .init("url") { $0.url }, .init("count") { $0.count }]
}

/// A district in its regency's list, with its villages.
struct KecamatanGroup: ViewModel {
    let name: String
    let kode: String
    let desa: [DesaItem]
    static let fields: [ViewField<KecamatanGroup>] = [.init("name") { $0.name }, .init("kode") { $0.kode }, .init("desa") { $0.desa }]
}

/// A label and a number for the home page's glance.
struct GlanceItem: ViewModel {
    let label: String
    let value: String
    static let fields: [ViewField<GlanceItem>] = [.init("label") { $0.label }, .init("value") { $0.value }]
}

/// A CSV and JSON download.
struct DownloadLinks: ViewModel {
    let csv: String
    let json: String
    static let fields: [ViewField<DownloadLinks>] = [.init("csv") { $0.csv }, .init("json") { $0.json }]
}

// MARK: Figures and tables

/// An HTML table cell.
struct CellView: ViewModel {
    let text: String
    let header: Bool
    let numeric: Bool
    let url: String?
    static let fields: [ViewField<CellView>] = [.init("text") { $0.text }, .init("header") { $0.header }, .init("numeric") { $0.numeric }, .init("url") { $0.url }]
}

/// A column heading.
struct HeaderView: ViewModel {
    let text: String
    let numeric: Bool
    static let fields: [ViewField<HeaderView>] = [.init("text") { $0.text }, .init("numeric") { $0.numeric }]
}

/// A table row.
struct RowView: ViewModel {
    let cells: [CellView]
    static let fields: [ViewField<RowView>] = [.init("cells") { $0.cells }]
}

/// A table as HTML shows it; long ones fold into `<details>`.
struct TableView: ViewModel {
    let caption: String
    let headers: [HeaderView]
    let rows: [RowView]
    let long: Bool
    static let fields: [ViewField<TableView>] = [.init("caption") { $0.caption }, .init("headers") { $0.headers }, .init("rows") { $0.rows }, .init("long") { $0.long }]
}

/// A chart's SVG markup, placed as it is.
struct ChartView: ViewModel {
    let svg: String
    static let fields: [ViewField<ChartView>] = [.init("svg") { $0.svg }]
}

/// A figure: charts, the same numbers as a table, sources, downloads.
struct FigureView: ViewModel {
    let id: String
    let title: String
    let description: String
    var table: TableView
    let sumber: SourceLine
    let csv: String
    let json: String
    let charts: ListSection<ChartView>?
    static let fields: [ViewField<FigureView>] = [
        .init("id") { $0.id }, .init("title") { $0.title }, .init("description") { $0.description }, .init("table") { $0.table }, .init("sumber") { $0.sumber },
        .init("csv") { $0.csv }, .init("json") { $0.json }, .init("charts") { $0.charts },
    ]
}

/// A section of `/statistik/`.
struct FigureSection: ViewModel {
    let id: String
    let title: String
    let figures: [FigureView]
    static let fields: [ViewField<FigureSection>] = [.init("id") { $0.id }, .init("title") { $0.title }, .init("figures") { $0.figures }]
}

// MARK: /data/

/// A source of a data package resource, as `/data/` lists it.
struct ResourceSourceView: ViewModel {
    let title: String
    let publisher: String?
    let url: String?
    let date: DateView?
    static let fields: [ViewField<ResourceSourceView>] = [.init("title") { $0.title }, .init("publisher") { $0.publisher }, .init("url") { $0.url }, .init("date") { $0.date }]
}

/// A field of a resource's schema.
struct SchemaFieldView: ViewModel {
    let name: String
    let label: String
    let type: String
    let unit: String
    let description: String
    static let fields: [ViewField<SchemaFieldView>] = [
        .init("name") { $0.name }, .init("label") { $0.label }, .init("type") { $0.type }, .init("unit") { $0.unit }, .init("description") { $0.description },
    ]
}

/// A resource of the data package, documented.
struct ResourceView: ViewModel {
    let name: String
    let title: String
    let csv: String
    let json: String
    let rows: String
    let license: String
    let sources: [ResourceSourceView]
    let fieldList: [SchemaFieldView]
    let preview: TableView
    let moreRows: Bool
    let description: String?
    let period: String?
    static let fields: [ViewField<ResourceView>] = [
        .init("name") { $0.name }, .init("title") { $0.title }, .init("csv") { $0.csv }, .init("json") { $0.json }, .init("rows") { $0.rows },
        .init("license") { $0.license }, .init("sources") { $0.sources }, .init("fields") { $0.fieldList }, .init("preview") { $0.preview },
        .init("more_rows") { $0.moreRows }, .init("description") { $0.description }, .init("period") { $0.period },
    ]
}

/// A column of a computed table: key and label.
struct ColumnView: ViewModel {
    let key: String
    let label: String
    static let fields: [ViewField<ColumnView>] = [.init("key") { $0.key }, .init("label") { $0.label }]
}

/// A computed table listed on `/data/`.
struct ComputedTableView: ViewModel {
    let title: String
    let csv: String
    let json: String
    let columns: [ColumnView]
    let rows: String
    static let fields: [ViewField<ComputedTableView>] = [
        .init("title") { $0.title }, .init("csv") { $0.csv }, .init("json") { $0.json }, .init("columns") { $0.columns }, .init("rows") { $0.rows },
    ]
}

// MARK: What every page has

/// The strings table (`t`): every key of the theme's i18n file, checked when the theme loads.
extension Strings: TemplateRepresentable {
    public var templateValue: TemplateValue { .object(TemplateObject(table.mapValues { .text($0) })) }
    public static var templateShape: TemplateShape { .keyed("strings", .text) }
}

/// The site's own values: the same on every page of a language.
struct SiteView: ViewModel {
    struct Info: ViewModel {
        let title: String
        let description: String
        let baseURL: String
        static let fields: [ViewField<Info>] = [.init("title") { $0.title }, .init("description") { $0.description }, .init("base_url") { $0.baseURL }]
    }

    let lang: String
    let site: Info
    let sampleData: Bool
    let publisher: String?
    let contact: String?
    let t: Strings
    /// The theme's stylesheets and scripts: fingerprinted address and integrity.
    let asset: AssetTable
    let root: String
    let feedURL: String
    static let fields: [ViewField<SiteView>] = [
        .init("asset") { $0.asset },
        .init("lang") { $0.lang }, .init("site") { $0.site }, .init("sample_data") { $0.sampleData }, .init("publisher") { $0.publisher },
        .init("contact") { $0.contact }, .init("t") { $0.t }, .init("root") { $0.root }, .init("feed_url") { $0.feedURL },
    ]
}

/// The page itself: title, addresses, and its document's text when it has one.
struct PageInfo: ViewModel {
    let title: String
    let url: String
    let canonical: String
    let description: String
    /// The document's HTML; nil on pages without text.
    var content: String?
    /// The document's file, relative to the content folder.
    var source: String?
    var toc: ListSection<TOCEntry>?
    var date: DateView?
    var pilar: ListSection<PilarLink>?
    var sources: ListSection<SourceView>?
    var ilustrasi: Bool?
    static let fields: [ViewField<PageInfo>] = [
        .init("title") { $0.title }, .init("url") { $0.url }, .init("canonical") { $0.canonical }, .init("description") { $0.description },
        .init("content") { $0.content }, .init("source") { $0.source }, .init("toc") { $0.toc }, .init("date") { $0.date }, .init("pilar") { $0.pilar },
        .init("sources") { $0.sources }, .init("ilustrasi") { $0.ilustrasi },
    ]
}

/// An entry of the site menu.
struct MenuItem: ViewModel {
    let name: String
    let url: String
    let current: Bool
    static let fields: [ViewField<MenuItem>] = [.init("name") { $0.name }, .init("url") { $0.url }, .init("current") { $0.current }]
}

/// The same page in the site's languages.
struct LanguagesView: ViewModel {
    struct Item: ViewModel {
        let code: String
        let name: String
        let url: String
        let absolute: String
        let current: Bool
        static let fields: [ViewField<Item>] = [
            .init("code") { $0.code }, .init("name") { $0.name }, .init("url") { $0.url }, .init("absolute") { $0.absolute }, .init("current") { $0.current },
        ]
    }

    let items: [Item]
    let xDefault: String
    static let fields: [ViewField<LanguagesView>] = [.init("items") { $0.items }, .init("x_default") { $0.xDefault }]
}

/// The notice of a page shown in a language it has no translation in.
struct UntranslatedView: ViewModel {
    let originalLang: String
    let originalURL: String
    let hasText: Bool
    static let fields: [ViewField<UntranslatedView>] = [
        .init("original_lang") { $0.originalLang }, .init("original_url") { $0.originalURL }, .init("has_text") { $0.hasText },
    ]
}

/// What every page has besides the site's values: itself, menu, languages, breadcrumbs.
struct FrameView: ViewModel {
    let page: PageInfo
    let menu: [MenuItem]
    let languages: LanguagesView?
    let untranslated: UntranslatedView?
    let crumbs: ListSection<NamedLink>?
    let isHome: Bool
    static let fields: [ViewField<FrameView>] = [
        .init("page") { $0.page }, .init("menu") { $0.menu }, .init("languages") { $0.languages }, .init("untranslated") { $0.untranslated },
        .init("crumbs") { $0.crumbs }, .init("is_home") { $0.isHome },
    ]
}

// MARK: What each kind of page adds

struct HomeView: ViewModel {
    let glance: [GlanceItem]
    let perYear: [PerYearRow]
    let pilarList: [PilarSummary]
    let latestNews: ListSection<NewsItem>?
    let provinsiList: [ProvinsiRow]
    let sumber: SourceLine
    static let fields: [ViewField<HomeView>] = [
        .init("glance") { $0.glance }, .init("per_year") { $0.perYear }, .init("pilar_list") { $0.pilarList }, .init("latest_news") { $0.latestNews },
        .init("provinsi_list") { $0.provinsiList }, .init("sumber") { $0.sumber },
    ]
}

struct DaftarPilarView: ViewModel {
    let pilarList: [PilarSummary]
    static let fields: [ViewField<DaftarPilarView>] = [.init("pilar_list") { $0.pilarList }]
}

struct StatistikView: ViewModel {
    let sections: Figures.Sections
    static let fields: [ViewField<StatistikView>] = [.init("sections") { $0.sections }]
}

struct CariView: ViewModel {
    let provinsiList: [ProvinsiRow]
    let indexURL: String
    static let fields: [ViewField<CariView>] = [.init("provinsi_list") { $0.provinsiList }, .init("index_url") { $0.indexURL }]
}

struct DataView: ViewModel {
    let sources: [ResourceView]
    let tables: [ComputedTableView]
    let packageURL: String
    /// The schema.org `DataCatalog`, as JSON text placed in a script element.
    let jsonld: String
    static let fields: [ViewField<DataView>] = [
        .init("sources") { $0.sources }, .init("tables") { $0.tables }, .init("package_url") { $0.packageURL }, .init("jsonld") { $0.jsonld },
    ]
}

struct PilarView: ViewModel {
    let figures: Figures.List
    let pilar: PilarLink
    let relatedNews: ListSection<NewsItem>?
    let otherPilar: [PilarLink]
    static let fields: [ViewField<PilarView>] = [
        .init("figures") { $0.figures }, .init("pilar") { $0.pilar }, .init("related_news") { $0.relatedNews }, .init("other_pilar") { $0.otherPilar },
    ]
}

struct WilayahView: ViewModel {
    let provinsiList: [ProvinsiRow]
    let total: String
    static let fields: [ViewField<WilayahView>] = [.init("provinsi_list") { $0.provinsiList }, .init("total") { $0.total }]
}

struct ProvinsiView: ViewModel {
    let figure: Figures.Single
    let provinsi: WilayahRef
    let kabupatenList: [KabupatenRow]
    let total: String
    static let fields: [ViewField<ProvinsiView>] = [
        .init("figure") { $0.figure }, .init("provinsi") { $0.provinsi }, .init("kabupaten_list") { $0.kabupatenList }, .init("total") { $0.total },
    ]
}

struct KabupatenView: ViewModel {
    let figure: Figures.Single
    let kabupaten: WilayahRef
    let kecamatanList: [KecamatanGroup]
    let total: String
    static let fields: [ViewField<KabupatenView>] = [
        .init("figure") { $0.figure }, .init("kabupaten") { $0.kabupaten }, .init("kecamatan_list") { $0.kecamatanList }, .init("total") { $0.total },
    ]
}

struct DesaView: ViewModel {
    let desa: DesaDetail
    let pilarList: [PilarLink]
    let figures: Figures.List
    let downloads: DownloadLinks?
    let neighbours: ListSection<Prerendered<DesaItem>>?
    static let fields: [ViewField<DesaView>] = [
        .init("desa") { $0.desa }, .init("pilar_list") { $0.pilarList }, .init("figures") { $0.figures }, .init("downloads") { $0.downloads },
        .init("neighbours") { $0.neighbours },
    ]
}

struct DaftarTahunView: ViewModel {
    let perYear: [PerYearRow]
    let sumber: SourceLine
    static let fields: [ViewField<DaftarTahunView>] = [.init("per_year") { $0.perYear }, .init("sumber") { $0.sumber }]
}

struct TahunView: ViewModel {
    let total: String
    let tahun: String
    let desaList: ListSection<DesaInYear>?
    let previous: NamedLink?
    let next: NamedLink?
    /// The year's pages, when its villages take more than one.
    let halaman: HalamanNav?
    static let fields: [ViewField<TahunView>] = [
        .init("total") { $0.total }, .init("tahun") { $0.tahun }, .init("desa_list") { $0.desaList }, .init("previous") { $0.previous }, .init("next") { $0.next },
        .init("halaman") { $0.halaman },
    ]
}

/// The pages of a list that continues over several: where this one stands, the pages next to
/// it, and a window of page numbers (the first, the last, and two each side of this one).
struct HalamanNav: ViewModel {
    /// The navigation's name for assistive technology: "Halaman daftar desa".
    let label: String
    /// Where this page stands: "Halaman 2 dari 34: desa ke-501 sampai ke-1.000 dari 16.705."
    let summary: String
    /// Named apart from a list page's own `previous` and `next` (a year page's years), which a
    /// template inside this section could otherwise reach for when this page has none.
    let previousPage: NamedLink?
    let nextPage: NamedLink?
    let items: [HalamanItem]
    static let fields: [ViewField<HalamanNav>] = [
        .init("label") { $0.label }, .init("summary") { $0.summary }, .init("previous_page") { $0.previousPage }, .init("next_page") { $0.nextPage }, .init("items") { $0.items },
    ]
}

/// A page number in `HalamanNav`.
struct HalamanItem: ViewModel {
    let number: String
    let url: String
    /// The page being read.
    let current: Bool
    /// Numbers are left out before this one.
    let gap: Bool
    static let fields: [ViewField<HalamanItem>] = [
        .init("number") { $0.number }, .init("url") { $0.url }, .init("current") { $0.current }, .init("gap") { $0.gap },
    ]
}

struct DaftarBeritaView: ViewModel {
    let news: ListSection<NewsItem>?
    /// The list's pages, when its items take more than one.
    let halaman: HalamanNav?
    static let fields: [ViewField<DaftarBeritaView>] = [.init("news") { $0.news }, .init("halaman") { $0.halaman }]
}

struct BagianView: ViewModel {
    let children: ListSection<ChildItem>?
    static let fields: [ViewField<BagianView>] = [.init("children") { $0.children }]
}

struct AliasView: ViewModel {
    let target: String
    let targetAbsolute: String
    static let fields: [ViewField<AliasView>] = [.init("target") { $0.target }, .init("target_absolute") { $0.targetAbsolute }]
}

/// Pages that show nothing beyond what every page has (a news item, a plain page, 404).
struct NoSubjectView: ViewModel {
    static let fields: [ViewField<NoSubjectView>] = []
}

extension Subject {
    /// The shape of what each template's pages add to every page's values, by template name.
    static let viewShapes: [String: TemplateShape] = [
        "home": HomeView.templateShape, "halaman": NoSubjectView.templateShape, "bagian": BagianView.templateShape,
        "pilar": PilarView.templateShape, "daftar-pilar": DaftarPilarView.templateShape, "wilayah": WilayahView.templateShape,
        "provinsi": ProvinsiView.templateShape, "kabupaten": KabupatenView.templateShape, "desa": DesaView.templateShape,
        "tahun": TahunView.templateShape, "daftar-tahun": DaftarTahunView.templateShape, "berita": NoSubjectView.templateShape,
        "daftar-berita": DaftarBeritaView.templateShape, "statistik": StatistikView.templateShape, "data": DataView.templateShape,
        "cari": CariView.templateShape, "404": NoSubjectView.templateShape, "alias": AliasView.templateShape,
    ]

    /// The whole shape of the pages a template renders: the site's values, the frame, the subject's.
    static func pageShape(ofTemplate name: String) -> TemplateShape? {
        viewShapes[name].map { TemplateShape.merged([SiteView.templateShape, FrameView.templateShape, $0]) }
    }
}

/// A page's own typed values: what every page has, and what its subject adds. Hashing it hashes
/// every value the page's template can show besides the site-wide ones.
struct PageView: Hashable {
    let frame: FrameView
    let subject: any ViewModel

    static func == (lhs: PageView, rhs: PageView) -> Bool {
        lhs.frame == rhs.frame && AnyHashable(lhs.subject) == AnyHashable(rhs.subject)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(frame)
        subject.hash(into: &hasher)
    }
}
