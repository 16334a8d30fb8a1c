import Civic311
import Foundation

extension GeoReportService {
    /// The service-list entry for a Civic311 service type.
    ///
    /// The description says who handles the service and the resolution target residents are
    /// quoted; `metadata` is true when the type has probing questions, which its definition lists
    /// as attributes. Every service is `realtime`: intake numbers a request at once.
    public init(_ serviceType: ServiceType, in jurisdiction: Jurisdiction) {
        let department = jurisdiction.department(serviceType.department)?.name ?? serviceType.department.rawValue
        self.init(
            code: serviceType.id,
            name: serviceType.name,
            description: "\(department) handles it; the target is "
                + "\(GeoReportServiceNotice.duration(serviceType.targetSeconds)).",
            hasDefinition: !serviceType.questions.isEmpty,
            type: .realtime,
            keywords: serviceType.keywords,
            group: serviceType.group
        )
    }
}

extension GeoReportServiceDefinition {
    /// The definition of a Civic311 service type: one attribute per probing question.
    public init(_ serviceType: ServiceType) {
        self.init(serviceCode: serviceType.id, attributes: serviceType.questions.map(GeoReportAttribute.init))
    }
}

extension ServiceType {
    /// A Civic311 service type from another system's service and definition, for loading a
    /// catalog published over GeoReport.
    ///
    /// GeoReport carries no department, resolution target or intake rules, so they are given.
    /// Attributes with `variable` false are text to show, not questions, and stay in the
    /// definition; any other attribute becomes a probing question (see
    /// ``Civic311/ProbingQuestion/init(_:)``).
    ///
    /// - Throws: `ValidationError` naming the attribute that cannot become a question, or
    ///   `definition` when it belongs to another service.
    public init(
        _ service: GeoReportService,
        definition: GeoReportServiceDefinition?,
        department: DepartmentID,
        targetSeconds: Double,
        requiresLocation: Bool = true,
        requiresContact: Bool = false,
        isPrivate: Bool = false
    ) throws(ValidationError) {
        var questions: [ProbingQuestion] = []
        if let definition {
            guard definition.serviceCode == service.code else {
                throw ValidationError(
                    .invalidValue,
                    field: "definition.service_code",
                    reason: "the definition is for '\(definition.serviceCode)', not '\(service.code)'"
                )
            }
            for (index, attribute) in definition.attributes.enumerated() where attribute.isVariable {
                do {
                    questions.append(try ProbingQuestion(attribute))
                } catch {
                    throw ValidationError(
                        error.code,
                        field: "attributes[\(index)].\(error.field)",
                        reason: error.reason
                    )
                }
            }
        }
        self.init(
            id: service.code,
            name: service.name,
            group: service.group ?? "",
            keywords: service.keywords,
            department: department,
            targetSeconds: targetSeconds,
            requiresLocation: requiresLocation,
            requiresContact: requiresContact,
            isPrivate: isPrivate,
            questions: questions
        )
    }
}
