import Civic311

/// A service definition (`GET /services/{service_code}`): the attributes a submission of the
/// service fills in.
public struct GeoReportServiceDefinition: Hashable, Sendable {
    public var serviceCode: ServiceTypeCode
    /// The attributes in document order; ``attributesInOrder`` sorts them for display.
    public var attributes: [GeoReportAttribute]
    /// Fields this module has no property for (Boston's `service_level_agreement`, …).
    public var extras: [GeoReportField]

    public init(serviceCode: ServiceTypeCode, attributes: [GeoReportAttribute], extras: [GeoReportField] = []) {
        self.serviceCode = serviceCode
        self.attributes = attributes
        self.extras = extras
    }

    /// The attributes by ``GeoReportAttribute/order``, document order breaking ties.
    public var attributesInOrder: [GeoReportAttribute] {
        attributes.enumerated().sorted { ($0.element.order, $0.offset) < ($1.element.order, $1.offset) }.map(\.element)
    }

    /// The attribute with `code`, if the definition has one.
    public func attribute(_ code: QuestionCode) -> GeoReportAttribute? { attributes.first { $0.code == code } }
}
