/// Who may see a dataset or a field. Members-only values never reach a public file.
public enum Access: String, Sendable, Hashable, CaseIterable {
    case `public`
    case members
}
