import Foundation
import GevinstCore

/// A line chart over periods of one kind, for inline SVG: planned and realised gains, or an
/// indicator's values with its target and control limits. Lines differ by dash pattern and
/// marker as well as colour, so that the chart reads in black and white.
struct LineChart {
    enum LineStyle: String {
        /// Dashed, hollow circles.
        case planned
        /// Solid, filled squares.
        case realised
        /// Solid, small dots.
        case measured
    }

    struct Series {
        let label: String
        let style: LineStyle
        /// (period ordinal, value); a missing period breaks nothing, the line joins its neighbours.
        let points: [(ordinal: Int, value: Double)]
    }

    enum RuleStyle: String {
        /// Dash-dot.
        case target
        /// Thin solid.
        case centre
        /// Dashed.
        case limit
        /// Long dashes: a gain link's baseline.
        case baseline
    }

    /// A horizontal line across the plot.
    struct Rule {
        let style: RuleStyle
        let value: Double
    }

    /// A point the trends stage flagged: outside the control limits, or part of a run.
    struct Flag {
        let ordinal: Int
        let value: Double
        let outside: Bool
    }

    let title: String
    let description: String
    let kind: PeriodKind
    let unit: String
    var series: [Series]
    var rules: [Rule] = []
    var flags: [Flag] = []
    /// Moments drawn as dotted vertical lines: the as_of quarter, a gain link's start. `tag` is written
    /// in the plot, `label` in the legend.
    var markers: [(ordinal: Int, tag: String, label: String)] = []
    var includeZero = false
}

/// 1-2-5 steps over a range: about five ticks at round numbers that cover it.
struct NiceScale {
    let lower: Double
    let upper: Double
    let ticks: [Double]
    let step: Double

    /// Values beyond ±10^300 are drawn at that bound, so that no step, tick or span overflows.
    private static let bound = 1e300

    init(min: Double, max: Double, targetTicks: Int = 5) {
        var low = Swift.min(Swift.max(min, -Self.bound), Self.bound), high = Swift.min(Swift.max(max, -Self.bound), Self.bound)
        if high - low < 1e-300 {
            // Equal, or too close for a step that is a normal number: a span around them.
            let pad = low == 0 ? 1 : Swift.max(abs(low) * 0.1, 1e-300)
            low -= pad
            high += pad
        }
        let raw = (high - low) / Double(targetTicks)
        let magnitude = pow(10, floor(log10(raw)))
        let fraction = raw / magnitude
        let step = (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude
        var first = Int((low / step).rounded(.down)), last = Int((high / step).rounded(.up))
        if Double(first) * step > low { first -= 1 }
        if Double(last) * step < high { last += 1 }
        self.step = step
        lower = Double(first) * step
        upper = Double(last) * step
        ticks = (first...last).map { Double($0) * step }
    }

    /// Decimals that print every tick exactly once the ticks are divided by `divisor`.
    func decimals(dividedBy divisor: Double = 1) -> Int {
        Swift.max(0, -Int((log10(step / divisor) + 1e-9).rounded(.down)))
    }
}

/// Draws `LineChart`s as SVG with an HTML legend, in the report's language.
struct ChartRenderer {
    let format: HumanFormat

    private let width = 420.0, height = 240.0
    private let left = 58.0, right = 12.0, top = 26.0, bottom = 40.0

    /// A `<figure>` with a caption, the SVG (titled for screen readers) and its legend; `id` must
    /// be unique in the page.
    func figure(_ chart: LineChart, id: String, caption: String, legend extra: [String] = [], notes: [String] = []) -> String {
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let ordinals = chart.series.flatMap { $0.points.map(\.ordinal) } + chart.markers.map(\.ordinal)
        let minX = ordinals.min() ?? 0, maxX = Swift.max(ordinals.max() ?? 0, minX)
        let pad = 10.0
        func x(_ ordinal: Int) -> Double {
            maxX == minX ? left + plotWidth / 2 : left + pad + Double(ordinal - minX) / Double(maxX - minX) * (plotWidth - 2 * pad)
        }
        var values = (chart.series.flatMap { $0.points.map(\.value) } + chart.rules.map(\.value)).filter(\.isFinite)
        if chart.includeZero || values.isEmpty { values.append(0) }
        let scale = NiceScale(min: values.min()!, max: values.max()!)
        // Halved before subtracting, so that the span of two finite values cannot overflow.
        func y(_ value: Double) -> Double {
            let clamped = Swift.min(Swift.max(value.isFinite ? value : 0, scale.lower), scale.upper)
            return top + (scale.upper / 2 - clamped / 2) / (scale.upper / 2 - scale.lower / 2) * plotHeight
        }
        let millions = Swift.max(abs(scale.lower), abs(scale.upper)) >= 1_000_000
        let unitLabel = millions ? format.text(.millionsOf, ["unit": chart.unit]) : chart.unit

        var svg = """
            <svg class="chart" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-labelledby="\(id)-t \(id)-d">\
            <title id="\(id)-t">\(escape(chart.title))</title><desc id="\(id)-d">\(escape(chart.description))</desc>
            """
        svg += "<text class=\"unit\" x=\"\(fmt(left - 6))\" y=\"14\">\(escape(unitLabel))</text>\n"
        for tick in scale.ticks {
            let divisor = millions ? 1_000_000.0 : 1
            let label = format.number(tick / divisor, decimals: scale.decimals(dividedBy: divisor), fixed: true)
            svg += "<line class=\"gridline\" x1=\"\(fmt(left))\" x2=\"\(fmt(width - right))\" y1=\"\(fmt(y(tick)))\" y2=\"\(fmt(y(tick)))\"/>"
            svg += "<text class=\"tick\" x=\"\(fmt(left - 6))\" y=\"\(fmt(y(tick) + 4))\" text-anchor=\"end\">\(label)</text>\n"
        }
        svg += "<line class=\"axis\" x1=\"\(fmt(left))\" x2=\"\(fmt(width - right))\" y1=\"\(fmt(top + plotHeight))\" y2=\"\(fmt(top + plotHeight))\"/>\n"
        svg += xAxis(kind: chart.kind, minX: minX, maxX: maxX, baseline: top + plotHeight, x: x)
        for rule in chart.rules {
            svg += "<line class=\"rule-\(rule.style.rawValue)\" x1=\"\(fmt(left))\" x2=\"\(fmt(width - right))\" y1=\"\(fmt(y(rule.value)))\" y2=\"\(fmt(y(rule.value)))\"/>\n"
        }
        for (index, marker) in chart.markers.enumerated() {
            let position = x(marker.ordinal)
            let anchor = position > left + plotWidth * 0.7 ? "end" : "start"
            let labelX = anchor == "end" ? position - 4 : position + 4
            svg += "<line class=\"marker\" x1=\"\(fmt(position))\" x2=\"\(fmt(position))\" y1=\"\(fmt(top))\" y2=\"\(fmt(top + plotHeight))\"/>"
            svg += "<text class=\"marker-label\" x=\"\(fmt(labelX))\" y=\"\(fmt(top + 10 + 12 * Double(index)))\" text-anchor=\"\(anchor)\">\(escape(marker.tag))</text>\n"
        }
        for series in chart.series where !series.points.isEmpty {
            let points = series.points.map { "\(fmt(x($0.ordinal))),\(fmt(y($0.value)))" }.joined(separator: " ")
            svg += "<polyline class=\"line-\(series.style.rawValue)\" points=\"\(points)\"/>"
            if series.points.count <= 48 {
                for point in series.points { svg += pointMarker(series.style, x(point.ordinal), y(point.value)) }
            }
            svg += "\n"
        }
        for flag in chart.flags {
            svg += flagMarker(outside: flag.outside, x(flag.ordinal), y(flag.value))
        }
        svg += "</svg>"
        let paragraphs = notes.map { "<p class=\"note\">\(escape($0))</p>" }.joined()
        return "<figure><figcaption>\(escape(caption))</figcaption>\(svg)\(legend(chart, extra: extra))\(paragraphs)</figure>\n"
    }

    private func xAxis(kind: PeriodKind, minX: Int, maxX: Int, baseline: Double, x: (Int) -> Double) -> String {
        var labels: [(ordinal: Int, first: String, second: String?)] = []
        let perYear = kind.periodsPerYear
        if kind == .quarter, maxX - minX < 12 {
            for ordinal in minX...maxX {
                let quarter = Period(kind: .quarter, ordinal: ordinal)
                let year = ordinal == minX || quarter.indexInYear == 1 ? String(quarter.year) : nil
                labels.append((ordinal, format.quarterShort(quarter), year))
            }
        } else {
            let firstYear = Period(kind: kind, ordinal: minX).year, lastYear = Period(kind: kind, ordinal: maxX).year
            let years = lastYear - firstYear + 1
            let step = years <= 8 ? 1 : years <= 16 ? 2 : years <= 40 ? 5 : 10
            for year in firstYear...lastYear where year % step == 0 || years == 1 {
                let ordinal = Swift.max(year * perYear, minX)
                guard ordinal <= maxX, ordinal == year * perYear || year == firstYear else { continue }
                labels.append((ordinal, String(year), nil))
            }
        }
        var svg = ""
        for label in labels {
            let position = fmt(x(label.ordinal))
            svg += "<line class=\"axis\" x1=\"\(position)\" x2=\"\(position)\" y1=\"\(fmt(baseline))\" y2=\"\(fmt(baseline + 4))\"/>"
            svg += "<text class=\"tick\" x=\"\(position)\" y=\"\(fmt(baseline + 16))\" text-anchor=\"middle\">\(escape(label.first))</text>"
            if let second = label.second {
                svg += "<text class=\"tick\" x=\"\(position)\" y=\"\(fmt(baseline + 30))\" text-anchor=\"middle\">\(second)</text>"
            }
            svg += "\n"
        }
        return svg
    }

    private func pointMarker(_ style: LineChart.LineStyle, _ x: Double, _ y: Double) -> String {
        switch style {
        case .planned: "<circle class=\"pt-planned\" cx=\"\(fmt(x))\" cy=\"\(fmt(y))\" r=\"3\"/>"
        case .realised: "<rect class=\"pt-realised\" x=\"\(fmt(x - 3))\" y=\"\(fmt(y - 3))\" width=\"6\" height=\"6\"/>"
        case .measured: "<circle class=\"pt-measured\" cx=\"\(fmt(x))\" cy=\"\(fmt(y))\" r=\"2\"/>"
        }
    }

    private func flagMarker(outside: Bool, _ x: Double, _ y: Double) -> String {
        outside
            ? "<path class=\"flag-outside\" d=\"M\(fmt(x)) \(fmt(y - 7))L\(fmt(x + 6)) \(fmt(y + 4))L\(fmt(x - 6)) \(fmt(y + 4))Z\"/>"
            : "<path class=\"flag-run\" d=\"M\(fmt(x)) \(fmt(y - 6))L\(fmt(x + 5)) \(fmt(y))L\(fmt(x)) \(fmt(y + 6))L\(fmt(x - 5)) \(fmt(y))Z\"/>"
    }

    /// The legend: a sample of each line and marker with its label, then `extra` lines.
    private func legend(_ chart: LineChart, extra: [String]) -> String {
        var items: [String] = []
        for series in chart.series {
            items.append(key("<line class=\"line-\(series.style.rawValue)\" x1=\"0\" y1=\"6\" x2=\"30\" y2=\"6\"/>"
                + pointMarker(series.style, 15, 6), series.label))
        }
        if chart.flags.contains(where: \.outside) {
            items.append(key(flagMarker(outside: true, 15, 6), format.text[.chartSignalOutside]))
        }
        if chart.flags.contains(where: { !$0.outside }) {
            items.append(key(flagMarker(outside: false, 15, 6), format.text[.chartSignalRun]))
        }
        for marker in chart.markers {
            items.append(key("<line class=\"marker\" x1=\"15\" y1=\"0\" x2=\"15\" y2=\"12\"/>", marker.label))
        }
        items += extra
        return "<ul class=\"legend\">" + items.map { "<li>\($0)</li>" }.joined() + "</ul>"
    }

    /// A legend entry: a small SVG sample and its escaped label.
    func key(_ sample: String, _ label: String) -> String {
        "<svg class=\"key\" viewBox=\"0 0 30 12\" width=\"30\" height=\"12\" aria-hidden=\"true\">\(sample)</svg>\(escape(label))"
    }

    /// A legend entry for a rule of `style`.
    func ruleKey(_ style: LineChart.RuleStyle, _ label: String) -> String {
        key("<line class=\"rule-\(style.rawValue)\" x1=\"0\" y1=\"6\" x2=\"30\" y2=\"6\"/>", label)
    }

    /// SVG coordinates with at most one decimal.
    func fmt(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int(tenths / 10)) : String(tenths / 10)
    }
}

/// Text and attribute values with `&`, `<`, `>` and `"` escaped.
func escape(_ text: String) -> String {
    guard text.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\"") }) else {
        return text
    }
    var result = ""
    for character in text.unicodeScalars {
        switch character {
        case "&": result += "&amp;"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        case "\"": result += "&quot;"
        default: result.unicodeScalars.append(character)
        }
    }
    return result
}
