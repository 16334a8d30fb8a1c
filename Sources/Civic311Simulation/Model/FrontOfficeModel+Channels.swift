import Civic311

extension FrontOfficeModel {
    /// The channels the model simulates, in the order of its per-channel tables (``ContactCenterKPIs``
    /// lists channels in `Channel.allCases` order instead): phone calls, which pass through the IVR and can need an
    /// agent, and the self-service web, app and text contacts, recorded the moment they arrive. A
    /// share for another `Channel` is refused.
    public static let simulatedChannels: [Channel] = [.phone, .web, .mobileApp, .text]
}

extension Channel {
    /// The position in ``FrontOfficeModel/simulatedChannels``; `nil` for a channel the model does
    /// not simulate.
    var simulatedIndex: Int? {
        switch self {
        case .phone: 0
        case .web: 1
        case .mobileApp: 2
        case .text: 3
        default: nil
        }
    }
}
