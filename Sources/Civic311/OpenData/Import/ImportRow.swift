import Foundation

/// One record of an open-data file, read through a mapping: every value the importer stores,
/// already parsed, with the problems that were repaired on the way.
struct ImportRow {
    var line: Int
    var sourceID: String
    var created: Date
    /// When the request was resolved or closed; `nil` for a row still open.
    var closed: Date?
    var due: Date?
    var statusText: String
    var outcome: ImportMapping.StatusOutcome
    var serviceTypeKey: String
    var serviceType: ServiceTypeCode
    var departmentKey: String
    var department: DepartmentID
    /// The text of the code rules' name columns, read only for a survey.
    var serviceTypeName: String?
    var departmentName: String?
    var queue: String?
    var channel: Channel
    var description: String
    var address: String?
    var coordinate: Coordinate?
    var resolutionNote: String?
    /// Problems the row was imported with (``ImportRowProblem/isImported``).
    var repairs: [ImportRowProblem] = []
}
