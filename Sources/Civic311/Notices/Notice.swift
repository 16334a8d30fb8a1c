/// One notice to one resident, written and addressed: what a ``Notifier`` sends.
public struct Notice: Hashable, Sendable {
    /// The same on every attempt to send this notice, also after a restart: a notifier passes it
    /// to its provider as the idempotency key, or remembers it, so a notice is sent once.
    public let key: String
    public let ticket: TicketNumber
    public let kind: NoticeKind
    public let channel: NoticeChannel
    /// Where it goes: an e-mail address, a phone number (SMS, voice), or the resident's identity
    /// (push). Personal data.
    public let recipient: String
    /// The language it is written in.
    public let language: String
    /// Whether it is written in the catalog's default language because the resident's language
    /// lacks this notice.
    public let isFallback: Bool
    public let subject: String?
    public let body: String

    public init(
        key: String,
        ticket: TicketNumber,
        kind: NoticeKind,
        channel: NoticeChannel,
        recipient: String,
        language: String,
        isFallback: Bool,
        subject: String?,
        body: String
    ) {
        self.key = key
        self.ticket = ticket
        self.kind = kind
        self.channel = channel
        self.recipient = recipient
        self.language = language
        self.isFallback = isFallback
        self.subject = subject
        self.body = body
    }

    /// How many text messages the body takes: one for up to 160 characters of the GSM 03.38
    /// alphabet (its extension characters count twice) or 70 UTF-16 units of anything else;
    /// longer bodies are split into segments of 153 or 67 (each carries a joining header).
    public var smsSegments: Int { Self.smsSegments(body) }

    static func smsSegments(_ text: String) -> Int {
        var septets = 0
        var isGSM = true
        for scalar in text.unicodeScalars {
            if GSMAlphabet.basic.contains(scalar) {
                septets += 1
            } else if GSMAlphabet.extension.contains(scalar) {
                septets += 2
            } else {
                isGSM = false
                break
            }
        }
        if isGSM { return septets <= 160 ? 1 : (septets + 152) / 153 }
        let units = text.utf16.count
        return units <= 70 ? 1 : (units + 66) / 67
    }
}

/// The GSM 03.38 default alphabet, which a text message carries at 7 bits a character.
enum GSMAlphabet {
    static let basic: Set<Unicode.Scalar> = {
        let text =
            "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
        return Set(text.unicodeScalars)
    }()
    /// Sent as an escape and the character: two septets each.
    static let `extension`: Set<Unicode.Scalar> = Set("^{}\\[~]|€\u{0C}".unicodeScalars)
}
