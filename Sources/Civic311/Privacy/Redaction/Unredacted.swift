/// A value printed with its personal data: names, phone numbers, e-mail addresses, free text and
/// internal notes in full.
///
/// Every domain value that holds personal data redacts it when printed, interpolated, dumped or
/// reflected, so logs and crash reports never carry it by accident. Ask for this form explicitly,
/// where a person entitled to the data is looking, never for a log:
///
/// ```swift
/// print(request)               // ServiceRequest(…, submitter: Optional(Submitter(name: <redacted>, …)), …)
/// print(request.unredacted)    // ServiceRequest(…, submitter: Optional(Submitter(name: "Sam Rivera", …)), …)
/// dump(request.unredacted)
/// ```
public struct Unredacted: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let value: any PersonalDataPrinting

    init(_ value: some PersonalDataPrinting) { self.value = value }

    public var description: String { value.rendered(.revealed) }
    public var debugDescription: String { value.rendered(.revealed) }
    public var customMirror: Mirror { value.fields(.revealed) }
}
