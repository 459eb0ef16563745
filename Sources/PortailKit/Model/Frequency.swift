/// How often a dataset is updated: the EU Frequency vocabulary's common terms, so that DCAT
/// can map each to its authority URI.
public enum Frequency: String, Sendable, Hashable, CaseIterable {
    case continuous, daily, weekly, biweekly, monthly, quarterly, semiannual, annual, biennial
    case irregular, never, unknown
}
