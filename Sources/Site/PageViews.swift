import Templating

// The typed view models templates render. Each lists its fields once (`fields`), which gives
// both the value a template sees and the shape the theme is checked against when it loads.
// Field names are the themes' (snake_case); Swift names follow the glossary.

/// Text with its address: breadcrumbs, menus, region links.
struct NamedLink: ViewModel {
    let name: String
    let url: String
    static let fields: [ViewField<NamedLink>] = [.init("name", \.name), .init("url", \.url)]
}

/// A titled link: a figure's sources.
struct TitledLink: ViewModel {
    let title: String
    let url: String
    static let fields: [ViewField<TitledLink>] = [.init("title", \.title), .init("url", \.url)]
}

/// A date, machine-readable and as readers see it.
struct DateView: ViewModel {
    let iso: String
    let display: String
    static let fields: [ViewField<DateView>] = [.init("iso", \.iso), .init("display", \.display)]
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
        .init("number", \.number), .init("id", \.id), .init("title", \.title), .init("publisher", \.publisher),
        .init("url", \.url), .init("date", \.date),
    ]
}

/// Under every figure: the data sets it comes from and whether any is illustrative.
struct SourceLine: ViewModel {
    let items: [TitledLink]
    let ilustrasi: Bool
    static let fields: [ViewField<SourceLine>] = [.init("items", \.items), .init("ilustrasi", \.ilustrasi)]
}

/// A heading in a page's table of contents.
struct TOCEntry: ViewModel {
    let text: String
    let id: String
    let sub: Bool
    static let fields: [ViewField<TOCEntry>] = [.init("text", \.text), .init("id", \.id), .init("sub", \.sub)]
}

/// A link to a pillar's page.
struct PilarLink: ViewModel {
    let name: String
    let url: String
    let nomor: Int
    let id: String
    static let fields: [ViewField<PilarLink>] = [.init("name", \.name), .init("url", \.url), .init("nomor", \.nomor), .init("id", \.id)]
}

/// A pillar in a list of pillars, with its page's summary.
struct PilarSummary: ViewModel {
    let link: PilarLink
    let summary: String
    static let fields: [ViewField<PilarSummary>] = PilarLink.fields.map { $0.lifted(\.link) } + [.init("summary", \.summary)]
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
        .init("name", \.name), .init("url", \.url), .init("kode", \.kode), .init("tahun", \.tahun), .init("tahun_url", \.tahunURL),
        .init("kecamatan", \.kecamatan), .init("has_narrative", \.hasNarrative), .init("bukti", \.bukti),
        .init("ilustrasi_tahun", \.ilustrasiTahun), .init("anggota_bukti", \.anggotaBukti),
    ]
}

/// A village in a year's list: with its regency and province by name.
struct DesaInYear: ViewModel {
    let desa: DesaItem
    let kabupaten: String
    let provinsi: String
    static let fields: [ViewField<DesaInYear>] = DesaItem.fields.map { $0.lifted(\.desa) }
        + [.init("kabupaten", \.kabupaten), .init("provinsi", \.provinsi)]
}

/// The village a village page is about.
struct DesaDetail: ViewModel {
    let desa: DesaItem
    let kabupaten: NamedLink
    let provinsi: NamedLink
    let kelurahan: Bool
    let established: String
    static let fields: [ViewField<DesaDetail>] = DesaItem.fields.map { $0.lifted(\.desa) } + [
        .init("kabupaten", \.kabupaten), .init("provinsi", \.provinsi), .init("kelurahan", \.kelurahan), .init("established", \.established),
    ]
}

/// A news item in a list.
struct NewsItem: ViewModel {
    let title: String
    let url: String
    let summary: String
    let date: DateView?
    static let fields: [ViewField<NewsItem>] = [.init("title", \.title), .init("url", \.url), .init("summary", \.summary), .init("date", \.date)]
}

/// A page listed in its section.
struct ChildItem: ViewModel {
    let title: String
    let url: String
    let summary: String
    static let fields: [ViewField<ChildItem>] = [.init("title", \.title), .init("url", \.url), .init("summary", \.summary)]
}

/// A year's row: villages established, cumulative.
struct PerYearRow: ViewModel {
    let tahun: String
    let url: String
    let count: String
    let cumulative: String
    let none: Bool
    static let fields: [ViewField<PerYearRow>] = [
        .init("tahun", \.tahun), .init("url", \.url), .init("count", \.count), .init("cumulative", \.cumulative), .init("none", \.none),
    ]
}

/// A province with its village count and regencies.
struct ProvinsiRow: ViewModel {
    let name: String
    let url: String
    let count: String
    let kabupaten: [NamedLink]
    static let fields: [ViewField<ProvinsiRow>] = [.init("name", \.name), .init("url", \.url), .init("count", \.count), .init("kabupaten", \.kabupaten)]
}

/// A region a page is about: name and dotted code.
struct WilayahRef: ViewModel {
    let name: String
    let kode: String
    static let fields: [ViewField<WilayahRef>] = [.init("name", \.name), .init("kode", \.kode)]
}

/// A regency in its province's list.
struct KabupatenRow: ViewModel {
    let name: String
    let url: String
    let count: String
    static let fields: [ViewField<KabupatenRow>] = [.init("name", \.name), .init("url", \.url), .init("count", \.count)]
}

/// A district in its regency's list, with its villages.
struct KecamatanGroup: ViewModel {
    let name: String
    let kode: String
    let desa: [DesaItem]
    static let fields: [ViewField<KecamatanGroup>] = [.init("name", \.name), .init("kode", \.kode), .init("desa", \.desa)]
}

/// A label and a number for the home page's glance.
struct GlanceItem: ViewModel {
    let label: String
    let value: String
    static let fields: [ViewField<GlanceItem>] = [.init("label", \.label), .init("value", \.value)]
}

/// A CSV and JSON download.
struct DownloadLinks: ViewModel {
    let csv: String
    let json: String
    static let fields: [ViewField<DownloadLinks>] = [.init("csv", \.csv), .init("json", \.json)]
}

// MARK: Figures and tables

/// An HTML table cell.
struct CellView: ViewModel {
    let text: String
    let header: Bool
    let numeric: Bool
    let url: String?
    static let fields: [ViewField<CellView>] = [.init("text", \.text), .init("header", \.header), .init("numeric", \.numeric), .init("url", \.url)]
}

/// A column heading.
struct HeaderView: ViewModel {
    let text: String
    let numeric: Bool
    static let fields: [ViewField<HeaderView>] = [.init("text", \.text), .init("numeric", \.numeric)]
}

/// A table row.
struct RowView: ViewModel {
    let cells: [CellView]
    static let fields: [ViewField<RowView>] = [.init("cells", \.cells)]
}

/// A table as HTML shows it; long ones fold into `<details>`.
struct TableView: ViewModel {
    let caption: String
    let headers: [HeaderView]
    let rows: [RowView]
    let long: Bool
    static let fields: [ViewField<TableView>] = [.init("caption", \.caption), .init("headers", \.headers), .init("rows", \.rows), .init("long", \.long)]
}

/// A chart's SVG markup, placed as it is.
struct ChartView: ViewModel {
    let svg: String
    static let fields: [ViewField<ChartView>] = [.init("svg", \.svg)]
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
        .init("id", \.id), .init("title", \.title), .init("description", \.description), .init("table", \.table), .init("sumber", \.sumber),
        .init("csv", \.csv), .init("json", \.json), .init("charts", \.charts),
    ]
}

/// A section of `/statistik/`.
struct FigureSection: ViewModel {
    let id: String
    let title: String
    let figures: [FigureView]
    static let fields: [ViewField<FigureSection>] = [.init("id", \.id), .init("title", \.title), .init("figures", \.figures)]
}

// MARK: /data/

/// A source of a data package resource, as `/data/` lists it.
struct ResourceSourceView: ViewModel {
    let title: String
    let publisher: String?
    let url: String?
    let date: DateView?
    static let fields: [ViewField<ResourceSourceView>] = [.init("title", \.title), .init("publisher", \.publisher), .init("url", \.url), .init("date", \.date)]
}

/// A field of a resource's schema.
struct SchemaFieldView: ViewModel {
    let name: String
    let label: String
    let type: String
    let unit: String
    let description: String
    static let fields: [ViewField<SchemaFieldView>] = [
        .init("name", \.name), .init("label", \.label), .init("type", \.type), .init("unit", \.unit), .init("description", \.description),
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
        .init("name", \.name), .init("title", \.title), .init("csv", \.csv), .init("json", \.json), .init("rows", \.rows),
        .init("license", \.license), .init("sources", \.sources), .init("fields", \.fieldList), .init("preview", \.preview),
        .init("more_rows", \.moreRows), .init("description", \.description), .init("period", \.period),
    ]
}

/// A column of a computed table: key and label.
struct ColumnView: ViewModel {
    let key: String
    let label: String
    static let fields: [ViewField<ColumnView>] = [.init("key", \.key), .init("label", \.label)]
}

/// A computed table listed on `/data/`.
struct ComputedTableView: ViewModel {
    let title: String
    let csv: String
    let json: String
    let columns: [ColumnView]
    let rows: String
    static let fields: [ViewField<ComputedTableView>] = [
        .init("title", \.title), .init("csv", \.csv), .init("json", \.json), .init("columns", \.columns), .init("rows", \.rows),
    ]
}

// MARK: What every page has

/// The strings table (`t`): every key of the theme's i18n file, checked when the theme loads.
extension Strings: TemplateRepresentable {
    public var templateValue: TemplateValue { .object(table.mapValues { .text($0) }) }
    public static var templateShape: TemplateShape { .textTable }
}

/// The site's own values: the same on every page of a language.
struct SiteView: ViewModel {
    struct Info: ViewModel {
        let title: String
        let description: String
        let baseURL: String
        static let fields: [ViewField<Info>] = [.init("title", \.title), .init("description", \.description), .init("base_url", \.baseURL)]
    }

    let lang: String
    let site: Info
    let sampleData: Bool
    let publisher: String?
    let contact: String?
    let t: Strings
    let root: String
    let feedURL: String
    static let fields: [ViewField<SiteView>] = [
        .init("lang", \.lang), .init("site", \.site), .init("sample_data", \.sampleData), .init("publisher", \.publisher),
        .init("contact", \.contact), .init("t", \.t), .init("root", \.root), .init("feed_url", \.feedURL),
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
        .init("title", \.title), .init("url", \.url), .init("canonical", \.canonical), .init("description", \.description),
        .init("content", \.content), .init("source", \.source), .init("toc", \.toc), .init("date", \.date), .init("pilar", \.pilar),
        .init("sources", \.sources), .init("ilustrasi", \.ilustrasi),
    ]
}

/// An entry of the site menu.
struct MenuItem: ViewModel {
    let name: String
    let url: String
    let current: Bool
    static let fields: [ViewField<MenuItem>] = [.init("name", \.name), .init("url", \.url), .init("current", \.current)]
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
            .init("code", \.code), .init("name", \.name), .init("url", \.url), .init("absolute", \.absolute), .init("current", \.current),
        ]
    }

    let items: [Item]
    let xDefault: String
    static let fields: [ViewField<LanguagesView>] = [.init("items", \.items), .init("x_default", \.xDefault)]
}

/// The notice of a page shown in a language it has no translation in.
struct UntranslatedView: ViewModel {
    let originalLang: String
    let originalURL: String
    let hasText: Bool
    static let fields: [ViewField<UntranslatedView>] = [
        .init("original_lang", \.originalLang), .init("original_url", \.originalURL), .init("has_text", \.hasText),
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
        .init("page", \.page), .init("menu", \.menu), .init("languages", \.languages), .init("untranslated", \.untranslated),
        .init("crumbs", \.crumbs), .init("is_home", \.isHome),
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
        .init("glance", \.glance), .init("per_year", \.perYear), .init("pilar_list", \.pilarList), .init("latest_news", \.latestNews),
        .init("provinsi_list", \.provinsiList), .init("sumber", \.sumber),
    ]
}

struct DaftarPilarView: ViewModel {
    let pilarList: [PilarSummary]
    static let fields: [ViewField<DaftarPilarView>] = [.init("pilar_list", \.pilarList)]
}

struct StatistikView: ViewModel {
    let sections: [FigureSection]
    static let fields: [ViewField<StatistikView>] = [.init("sections", \.sections)]
}

struct CariView: ViewModel {
    let provinsiList: [ProvinsiRow]
    let indexURL: String
    static let fields: [ViewField<CariView>] = [.init("provinsi_list", \.provinsiList), .init("index_url", \.indexURL)]
}

struct DataView: ViewModel {
    let sources: [ResourceView]
    let tables: [ComputedTableView]
    let packageURL: String
    /// The schema.org `DataCatalog`, as JSON text placed in a script element.
    let jsonld: String
    static let fields: [ViewField<DataView>] = [
        .init("sources", \.sources), .init("tables", \.tables), .init("package_url", \.packageURL), .init("jsonld", \.jsonld),
    ]
}

struct PilarView: ViewModel {
    let figures: ListSection<FigureView>?
    let pilar: PilarLink
    let relatedNews: ListSection<NewsItem>?
    let otherPilar: [PilarLink]
    static let fields: [ViewField<PilarView>] = [
        .init("figures", \.figures), .init("pilar", \.pilar), .init("related_news", \.relatedNews), .init("other_pilar", \.otherPilar),
    ]
}

struct WilayahView: ViewModel {
    let provinsiList: [ProvinsiRow]
    let total: String
    static let fields: [ViewField<WilayahView>] = [.init("provinsi_list", \.provinsiList), .init("total", \.total)]
}

struct ProvinsiView: ViewModel {
    let figure: FigureView?
    let provinsi: WilayahRef
    let kabupatenList: [KabupatenRow]
    let total: String
    static let fields: [ViewField<ProvinsiView>] = [
        .init("figure", \.figure), .init("provinsi", \.provinsi), .init("kabupaten_list", \.kabupatenList), .init("total", \.total),
    ]
}

struct KabupatenView: ViewModel {
    let figure: FigureView?
    let kabupaten: WilayahRef
    let kecamatanList: [KecamatanGroup]
    let total: String
    static let fields: [ViewField<KabupatenView>] = [
        .init("figure", \.figure), .init("kabupaten", \.kabupaten), .init("kecamatan_list", \.kecamatanList), .init("total", \.total),
    ]
}

struct DesaView: ViewModel {
    let desa: DesaDetail
    let pilarList: [PilarLink]
    let figures: ListSection<FigureView>?
    let downloads: DownloadLinks?
    let neighbours: ListSection<DesaItem>?
    static let fields: [ViewField<DesaView>] = [
        .init("desa", \.desa), .init("pilar_list", \.pilarList), .init("figures", \.figures), .init("downloads", \.downloads),
        .init("neighbours", \.neighbours),
    ]
}

struct DaftarTahunView: ViewModel {
    let perYear: [PerYearRow]
    let sumber: SourceLine
    static let fields: [ViewField<DaftarTahunView>] = [.init("per_year", \.perYear), .init("sumber", \.sumber)]
}

struct TahunView: ViewModel {
    let total: String
    let tahun: String
    let desaList: ListSection<DesaInYear>?
    let previous: NamedLink?
    let next: NamedLink?
    static let fields: [ViewField<TahunView>] = [
        .init("total", \.total), .init("tahun", \.tahun), .init("desa_list", \.desaList), .init("previous", \.previous), .init("next", \.next),
    ]
}

struct DaftarBeritaView: ViewModel {
    let news: ListSection<NewsItem>?
    static let fields: [ViewField<DaftarBeritaView>] = [.init("news", \.news)]
}

struct BagianView: ViewModel {
    let children: ListSection<ChildItem>?
    static let fields: [ViewField<BagianView>] = [.init("children", \.children)]
}

struct AliasView: ViewModel {
    let target: String
    let targetAbsolute: String
    static let fields: [ViewField<AliasView>] = [.init("target", \.target), .init("target_absolute", \.targetAbsolute)]
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
