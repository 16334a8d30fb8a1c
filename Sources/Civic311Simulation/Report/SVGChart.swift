import Civic311
import Foundation

/// A small chart drawn as inline SVG: categories along the x axis, bars and lines on a left axis and
/// an optional right axis, reference lines, a title, axis labels and a legend.
///
/// Everything is drawn with plain SVG elements and the page's own fonts, so the chart needs nothing
/// from the network.
struct SVGChart {
    /// Which vertical axis a series is measured on.
    enum Side {
        case left
        case right
    }

    /// How a series is drawn.
    enum Mark {
        case bars
        case line
        case dashedLine
        case steps
    }

    /// One vertical axis.
    struct Axis {
        var title: String
        /// The largest value the axis shows; `nil` to fit the data.
        var maximum: Double?
        /// How tick values are written.
        var format: (Double) -> String
    }

    /// One drawn series.
    struct Series {
        var name: String
        var color: String
        var mark: Mark
        var side: Side
        var values: [Double?]
    }

    /// A horizontal line across the plot, such as a target.
    struct Reference {
        var label: String
        var value: Double
        var side: Side
        var color: String
    }

    var title: String
    var subtitle: String
    var categories: [String]
    /// Label every n-th category.
    var labelEvery: Int
    var xTitle: String
    var left: Axis
    var right: Axis?
    var series: [Series]
    var references: [Reference] = []
    var width = 920.0
    var height = 340.0

    private let marginLeft = 70.0
    private let marginRight = 70.0
    private let marginTop = 76.0
    private let marginBottom = 58.0

    init(
        title: String,
        subtitle: String,
        categories: [String],
        labelEvery: Int,
        xTitle: String,
        left: Axis,
        right: Axis?,
        series: [Series],
        references: [Reference] = []
    ) {
        self.title = title
        self.subtitle = subtitle
        self.categories = categories
        self.labelEvery = max(1, labelEvery)
        self.xTitle = xTitle
        self.left = left
        self.right = right
        self.series = series
        self.references = references
    }

    func render() -> String {
        let plotWidth = width - marginLeft - marginRight
        let plotHeight = height - marginTop - marginBottom
        let count = max(1, categories.count)
        let slot = plotWidth / Double(count)
        let leftTop = left.maximum ?? Self.niceMaximum(dataMaximum(.left))
        let rightTop = right?.maximum ?? Self.niceMaximum(dataMaximum(.right))
        func y(_ value: Double, _ side: Side) -> Double {
            let top = side == .left ? leftTop : rightTop
            return marginTop + plotHeight * (1 - min(max(value / top, 0), 1.02))
        }
        var svg = Self.open(width: width, height: height, label: title)
        svg += Self.text(title, x: marginLeft, y: 22, size: 16, weight: "600")
        svg += Self.text(subtitle, x: marginLeft, y: 40, size: 12, fill: "#555")
        // Grid and left ticks.
        for step in 0...4 {
            let value = leftTop * Double(step) / 4
            let yy = y(value, .left)
            svg +=
                "<line x1=\"\(f(marginLeft))\" y1=\"\(f(yy))\" x2=\"\(f(marginLeft + plotWidth))\" y2=\"\(f(yy))\" "
                + "stroke=\"#e3e3e3\" stroke-width=\"1\"/>"
            svg += Self.text(left.format(value), x: marginLeft - 6, y: yy + 4, size: 11, anchor: "end", fill: "#444")
            if let right {
                let rightValue = rightTop * Double(step) / 4
                svg += Self.text(
                    right.format(rightValue),
                    x: marginLeft + plotWidth + 6,
                    y: yy + 4,
                    size: 11,
                    fill: "#444"
                )
            }
        }
        // Axes and their titles.
        svg +=
            "<line x1=\"\(f(marginLeft))\" y1=\"\(f(marginTop + plotHeight))\" x2=\"\(f(marginLeft + plotWidth))\" "
            + "y2=\"\(f(marginTop + plotHeight))\" stroke=\"#333\" stroke-width=\"1\"/>"
        svg += Self.text(left.title, x: 16, y: marginTop + plotHeight / 2, size: 12, anchor: "middle", rotate: true)
        if let right {
            svg += Self.text(
                right.title,
                x: width - 14,
                y: marginTop + plotHeight / 2,
                size: 12,
                anchor: "middle",
                rotate: true
            )
        }
        for (index, category) in categories.enumerated() where index % labelEvery == 0 {
            let x = marginLeft + slot * Double(index)
            svg +=
                "<line x1=\"\(f(x))\" y1=\"\(f(marginTop + plotHeight))\" x2=\"\(f(x))\" "
                + "y2=\"\(f(marginTop + plotHeight + 4))\" stroke=\"#333\"/>"
            svg += Self.text(
                category,
                x: x + (labelEvery == 1 ? slot / 2 : 0),
                y: marginTop + plotHeight + 17,
                size: 11,
                anchor: "middle",
                fill: "#444"
            )
        }
        svg += Self.text(xTitle, x: marginLeft + plotWidth / 2, y: height - 8, size: 12, anchor: "middle")
        // Bars first (side by side when several), then lines on top.
        let barSeries = series.filter { $0.mark == .bars }
        let barWidth = slot * 0.8 / Double(max(1, barSeries.count))
        for (position, bars) in barSeries.enumerated() {
            for (index, value) in bars.values.enumerated() {
                guard let value, value > 0 else { continue }
                let x = marginLeft + slot * Double(index) + slot * 0.1 + barWidth * Double(position)
                let top = y(value, bars.side)
                svg +=
                    "<rect x=\"\(f(x))\" y=\"\(f(top))\" width=\"\(f(max(barWidth, 0.5)))\" "
                    + "height=\"\(f(marginTop + plotHeight - top))\" fill=\"\(bars.color)\" opacity=\"0.85\"/>"
            }
        }
        for line in series where line.mark != .bars {
            var path = ""
            var drawing = false
            for (index, value) in line.values.enumerated() {
                guard let value, value.isFinite else {
                    drawing = false
                    continue
                }
                let yy = y(value, line.side)
                if line.mark == .steps {
                    let x0 = marginLeft + slot * Double(index)
                    path += (drawing ? "L" : "M") + "\(f(x0)) \(f(yy)) L\(f(x0 + slot)) \(f(yy)) "
                } else {
                    let x = marginLeft + slot * (Double(index) + 0.5)
                    path += (drawing ? "L" : "M") + "\(f(x)) \(f(yy)) "
                }
                drawing = true
            }
            let dash = line.mark == .dashedLine ? " stroke-dasharray=\"6 4\"" : ""
            svg += "<path d=\"\(path)\" fill=\"none\" stroke=\"\(line.color)\" stroke-width=\"2.2\"\(dash)/>"
        }
        for reference in references {
            let yy = y(reference.value, reference.side)
            svg +=
                "<line x1=\"\(f(marginLeft))\" y1=\"\(f(yy))\" x2=\"\(f(marginLeft + plotWidth))\" y2=\"\(f(yy))\" "
                + "stroke=\"\(reference.color)\" stroke-width=\"1.5\" stroke-dasharray=\"2 3\"/>"
            svg += Self.text(
                reference.label,
                x: marginLeft + plotWidth - 4,
                y: yy - 5,
                size: 11,
                anchor: "end",
                fill: reference.color
            )
        }
        // Legend, in a row between the subtitle and the plot.
        var legendX = marginLeft
        var legend = ""
        for item in series.map({ ($0.name, $0.color, $0.mark) }) {
            let labelWidth = Double(item.0.count) * 6.4 + 34
            defer { legendX += labelWidth }
            let swatch: String
            switch item.2 {
            case .bars:
                swatch =
                    "<rect x=\"\(f(legendX))\" y=\"\(f(marginTop - 22))\" width=\"14\" height=\"10\" fill=\"\(item.1)\"/>"
            case .line, .steps:
                swatch =
                    "<line x1=\"\(f(legendX))\" y1=\"\(f(marginTop - 17))\" x2=\"\(f(legendX + 14))\" "
                    + "y2=\"\(f(marginTop - 17))\" stroke=\"\(item.1)\" stroke-width=\"2.5\"/>"
            case .dashedLine:
                swatch =
                    "<line x1=\"\(f(legendX))\" y1=\"\(f(marginTop - 17))\" x2=\"\(f(legendX + 14))\" "
                    + "y2=\"\(f(marginTop - 17))\" stroke=\"\(item.1)\" stroke-width=\"2.5\" stroke-dasharray=\"4 3\"/>"
            }
            legend += swatch + Self.text(item.0, x: legendX + 18, y: marginTop - 13, size: 11, fill: "#333")
        }
        svg += legend
        svg += "</svg>"
        return svg
    }

    private func dataMaximum(_ side: Side) -> Double {
        var maximum = 0.0
        for line in series where line.side == side {
            for value in line.values { if let value, value.isFinite { maximum = max(maximum, value) } }
        }
        for reference in references where reference.side == side { maximum = max(maximum, reference.value) }
        return maximum
    }

    /// Four times the smallest round step (1, 2 or 5 times a power of ten) that reaches `value`, so the
    /// four grid steps land on round values.
    static func niceMaximum(_ value: Double) -> Double {
        guard value > 0, value.isFinite else { return 4 }
        let step = value / 4
        let magnitude = pow(10, log10(step).rounded(.down))
        for factor in [1.0, 2, 5, 10] where factor * magnitude >= step * 0.999_999 {
            return 4 * factor * magnitude
        }
        return 40 * magnitude
    }

    private func f(_ value: Double) -> String { Self.number(value) }

    static func number(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        guard abs(tenths) < 1e15 else { return value.wholeNumberText }
        let whole = Int(tenths / 10)
        let fraction = Int(abs(tenths).truncatingRemainder(dividingBy: 10))
        if fraction == 0 { return String(whole) }
        return (tenths < 0 && whole == 0 ? "-" : "") + String(whole) + "." + String(fraction)
    }

    static func open(width: Double, height: Double, label: String) -> String {
        // Inline SVG in HTML needs no namespace declaration, so the page names no external address.
        "<svg viewBox=\"0 0 \(number(width)) \(number(height))\" "
            + "width=\"100%\" role=\"img\" aria-label=\"\(escape(label))\" "
            + "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif\">"
    }

    static func text(
        _ content: String,
        x: Double,
        y: Double,
        size: Int,
        anchor: String = "start",
        weight: String = "400",
        fill: String = "#222",
        rotate: Bool = false
    ) -> String {
        let transform = rotate ? " transform=\"rotate(-90 \(number(x)) \(number(y)))\"" : ""
        return "<text x=\"\(number(x))\" y=\"\(number(y))\" font-size=\"\(size)\" text-anchor=\"\(anchor)\" "
            + "font-weight=\"\(weight)\" fill=\"\(fill)\"\(transform)>\(escape(content))</text>"
    }

    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
