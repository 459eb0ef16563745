/// The organisation that publishes the portal (DCAT `dct:publisher`).
public struct Publisher: Sendable, Hashable {
    public let name: String
    public let url: String?
    public let email: String?
}
