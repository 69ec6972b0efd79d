import Templating

/// What every chart carries for people who cannot see it: a title and a description, which
/// `role="img"` makes the accessible name and description of the whole drawing.
public struct ChartText: Sendable {
    /// A unique id on the page, used for the title and description element ids.
    public var id: String
    /// The chart's title.
    public var title: String
    /// One or two sentences saying what the chart shows (the table beside it has the numbers).
    public var description: String

    /// Creates chart text.
    public init(id: String, title: String, description: String) {
        self.id = id
        self.title = title
        self.description = description
    }
}

/// Formats an axis or value label.
public typealias NumberFormat = @Sendable (Double) -> String

/// The colours of series, in order: the Okabe–Ito palette, told apart by people with colour
/// blindness; lines also differ by dash pattern.
enum Palette {
    static let colours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]
    static let dashes = ["", "6 3", "2 3", "8 3 2 3", "", "4 2"]
    static let ink = "#1b1f24"
    static let muted = "#4a5561"
    static let grid = "#d5dbe1"
}

/// A small SVG writer: elements appended in order, text and attributes escaped.
struct SVGWriter {
    private(set) var body = ""
    let width: Double
    let height: Double
    let text: ChartText

    init(width: Double, height: Double, text: ChartText) {
        self.width = width
        self.height = height
        self.text = text
    }

    mutating func add(_ element: String) {
        body += element + "\n"
    }

    mutating func label(_ content: String, x: Double, y: Double, anchor: String = "start", size: Double = 13, weight: String? = nil, fill: String = Palette.ink) {
        let bold = weight.map { " font-weight=\"\($0)\"" } ?? ""
        add("<text x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\" font-size=\"\(n(size))\" fill=\"\(fill)\"\(bold)>\(HTML.escape(content))</text>")
    }

    func document() -> String {
        let titleID = "\(text.id)-judul"
        let descID = "\(text.id)-uraian"
        return "<svg class=\"chart\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-labelledby=\"\(titleID) \(descID)\" xmlns=\"http://www.w3.org/2000/svg\" font-family=\"system-ui, sans-serif\">\n"
            + "<title id=\"\(titleID)\">\(HTML.escape(text.title))</title>\n<desc id=\"\(descID)\">\(HTML.escape(text.description))</desc>\n"
            + body + "</svg>"
    }
}

/// A number for an SVG attribute: at most two decimals, no trailing zeros, so output is stable.
func n(_ value: Double) -> String {
    let rounded = (value * 100).rounded() / 100
    if rounded == rounded.rounded() { return String(Int(rounded)) }
    var text = String(rounded)
    while text.hasSuffix("0") { text.removeLast() }
    return text
}

/// Round axis steps: the axis maximum is the smallest 1, 2, 2.5 or 5 × 10ⁿ step multiple at or
/// above the data's maximum, with about four steps.
func niceScale(maximum: Double, steps: Int = 4) -> (top: Double, step: Double) {
    guard maximum > 0 else { return (1, 0.25) }
    let raw = maximum / Double(steps)
    var magnitude = 1.0
    while magnitude * 10 <= raw { magnitude *= 10 }
    while magnitude > raw { magnitude /= 10 }
    let step = [1, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
    let top = (maximum / step).rounded(.up) * step
    return (top, step)
}
