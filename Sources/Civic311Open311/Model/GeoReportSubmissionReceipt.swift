/// What a server answers to a submission: the new request's id, or a token to resolve later, and
/// what the jurisdiction will do.
public struct GeoReportSubmissionReceipt: Hashable, Sendable {
    /// `service_request_id`, for a `realtime` service.
    public var id: GeoReportRequestID?
    /// `token`, for a `batch` service; resolve it with `/tokens/{token}`.
    public var token: GeoReportToken?
    /// `service_notice`: what happens next, and when.
    public var serviceNotice: String?
    /// `account_id`.
    public var accountID: String?
    public var extras: [GeoReportField]

    public init(
        id: GeoReportRequestID?,
        token: GeoReportToken? = nil,
        serviceNotice: String? = nil,
        accountID: String? = nil,
        extras: [GeoReportField] = []
    ) {
        self.id = id
        self.token = token
        self.serviceNotice = serviceNotice
        self.accountID = accountID
        self.extras = extras
    }
}

/// One entry of a token lookup (`GET /tokens/{token}`): the request a token became, once it has
/// an id.
public struct GeoReportTokenResolution: Hashable, Sendable {
    /// `service_request_id`; `nil` while the server has not numbered the request yet.
    public var id: GeoReportRequestID?
    public var token: GeoReportToken
    public var extras: [GeoReportField]

    public init(id: GeoReportRequestID?, token: GeoReportToken, extras: [GeoReportField] = []) {
        self.id = id
        self.token = token
        self.extras = extras
    }
}
