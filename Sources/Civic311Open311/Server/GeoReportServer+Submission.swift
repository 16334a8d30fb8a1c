import Civic311
import Foundation

extension GeoReportServer {
    /// The longest token taken from `Idempotency-Key`, in bytes (intake's client request ID limit).
    static let maximumTokenBytes = 128

    /// `POST /requests`: form → key check → draft → the center's intake → receipt.
    ///
    /// Every refusal happens before intake stores anything, and intake itself stores nothing
    /// unless every step succeeds.
    func submit(_ request: GeoReportHTTPRequest, format: GeoReportFormat) async throws -> GeoReportHTTPResponse {
        guard request.body.count <= configuration.maximumBodyBytes else {
            throw Failure(400, "the submission is larger than \(configuration.maximumBodyBytes) bytes")
        }
        if let contentType = request.header("Content-Type"),
            !contentType.lowercased().hasPrefix("application/x-www-form-urlencoded")
        {
            throw Failure(
                400,
                "send the submission as application/x-www-form-urlencoded, not \(contentType) (media uploads are not taken)"
            )
        }
        let submission: GeoReportSubmission
        do {
            submission = try GeoReportSubmission(formBody: request.body)
        } catch {
            throw Failure(400, error.message)
        }
        let site = try site(submission.jurisdictionID?.rawValue ?? request.query("jurisdiction_id"))
        guard let key = submission.apiKey ?? request.query("api_key") else {
            throw Failure(403, "api_key: required to submit a request")
        }
        guard let client = await apiKeys.client(forAPIKey: key, jurisdiction: site.id) else {
            throw Failure(403, "api_key: not valid for \(site.id)")
        }
        if let unknown = submission.extras.first {
            throw Failure(400, "\(unknown.name): not a GeoReport submission field")
        }
        guard let serviceType = site.center.jurisdiction.serviceType(submission.serviceCode) else {
            throw Failure(404, "service_code: no service '\(submission.serviceCode)'")
        }
        let token = try Self.token(request)
        let draft: ServiceRequestDraft
        do {
            draft = try ServiceRequestDraft(
                submission,
                for: serviceType,
                channel: client.channel,
                clientRequestID: token?.rawValue
            )
        } catch {
            throw Failure(400, error.message)
        }
        let acknowledgement: Acknowledgement
        do {
            acknowledgement = try await site.center.submit(draft, by: client.participant)
        } catch let error as ValidationError {
            throw Failure(400, "\(ServiceRequestDraft.geoReportField(for: error.field)): \(error.reason)")
        } catch let error as AuthorizationError {
            throw Failure(403, "api_key: \(client.name) may not submit requests: \(error.reason)")
        }
        let receipt = GeoReportSubmissionReceipt(
            id: GeoReportRequestID(acknowledgement.ticket.description),
            serviceNotice: GeoReportServiceNotice.text(
                department: acknowledgement.departmentName,
                expectedBy: acknowledgement.expectedBy,
                timeZone: acknowledgement.timeZone
            )
        )
        return ok(GeoReportSubmissionReceipt.encodeList([receipt], format: format), format)
    }

    /// The client's token, from the `Idempotency-Key` header.
    private static func token(_ request: GeoReportHTTPRequest) throws -> GeoReportToken? {
        guard let text = request.header("Idempotency-Key")?.trimmedWhitespace, !text.isEmpty else { return nil }
        guard text.utf8.count <= maximumTokenBytes else {
            throw Failure(400, "Idempotency-Key: must be at most \(maximumTokenBytes) bytes")
        }
        return GeoReportToken(text)
    }
}
