/// What a run of the pipeline produced.
public struct BuildResult: Sendable {
    /// Every problem found, sorted.
    public let diagnostics: [Diagnostic]
    /// The model, when the content was valid.
    public let catalog: Catalog?
    /// Number of files rendered.
    public let fileCount: Int

    public var succeeded: Bool { catalog != nil && !diagnostics.contains { $0.severity == .error } }
}
