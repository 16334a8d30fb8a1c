import Civic311

/// A submission (`POST /requests`), the form-encoded body a client sends to open a request.
public struct GeoReportSubmission: Hashable, Sendable {
    /// What an attribute is given: one value, or several for a `multivaluelist`
    /// (`attribute[code][]=a&attribute[code][]=b`).
    public enum AttributeValue: Hashable, Sendable {
        case single(String)
        case multiple([String])
    }

    /// The longest `description` the specification allows, in characters.
    public static let maximumDescriptionLength = 4_000

    /// `jurisdiction_id`, needed when the server serves several jurisdictions.
    public var jurisdictionID: GeoReportJurisdictionID?
    /// `api_key`.
    public var apiKey: String?
    /// `service_code`.
    public var serviceCode: ServiceTypeCode
    /// `lat`; sent together with ``longitude``.
    public var latitude: Double?
    /// `long`.
    public var longitude: Double?
    /// `address_string`: free text, most specific part first.
    public var addressString: String?
    /// `address_id`: the jurisdiction's master-address identifier.
    public var addressID: String?
    public var email: String?
    /// `device_id`: an app-scoped identifier of the submitting device.
    public var deviceID: String?
    /// `account_id`: the submitter's account at the server.
    public var accountID: String?
    /// `first_name`.
    public var firstName: String?
    /// `last_name`.
    public var lastName: String?
    public var phone: String?
    /// Free text, at most ``maximumDescriptionLength`` characters.
    public var description: String?
    /// `media_url`: where already-hosted media can be fetched.
    public var mediaURL: String?
    /// `attribute[code]`, the answers to the service definition's attributes (option keys, not
    /// names, for the list datatypes).
    public var attributes: [QuestionCode: AttributeValue]
    /// Form fields this module has no property for, in the order sent.
    public var extras: [GeoReportField]

    public init(
        jurisdictionID: GeoReportJurisdictionID? = nil,
        apiKey: String? = nil,
        serviceCode: ServiceTypeCode,
        latitude: Double? = nil,
        longitude: Double? = nil,
        addressString: String? = nil,
        addressID: String? = nil,
        email: String? = nil,
        deviceID: String? = nil,
        accountID: String? = nil,
        firstName: String? = nil,
        lastName: String? = nil,
        phone: String? = nil,
        description: String? = nil,
        mediaURL: String? = nil,
        attributes: [QuestionCode: AttributeValue] = [:],
        extras: [GeoReportField] = []
    ) {
        self.jurisdictionID = jurisdictionID
        self.apiKey = apiKey
        self.serviceCode = serviceCode
        self.latitude = latitude
        self.longitude = longitude
        self.addressString = addressString
        self.addressID = addressID
        self.email = email
        self.deviceID = deviceID
        self.accountID = accountID
        self.firstName = firstName
        self.lastName = lastName
        self.phone = phone
        self.description = description
        self.mediaURL = mediaURL
        self.attributes = attributes
        self.extras = extras
    }
}
