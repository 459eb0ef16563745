/// Receives the pipeline's progress, for the command line to show on stderr.
public protocol BuildProgress: Sendable {
    /// A stage begins ("load", "validate", "export", "render", "write").
    func stage(_ name: String, detail: String)
    /// A dataset's pass over its data file begins (`index` counts from 1).
    func datasetStarted(_ id: String, index: Int, of total: Int, stage: String, bytes: Int)
    /// Rows read so far in the current pass of a dataset, and the bytes of its file consumed.
    func datasetRows(_ id: String, rows: Int, bytesRead: Int)
    func datasetFinished(_ id: String, rows: Int, stage: String)
}

/// Progress that goes nowhere (`--quiet`, tests).
public struct SilentProgress: BuildProgress {
    public init() {}
    public func stage(_ name: String, detail: String) {}
    public func datasetStarted(_ id: String, index: Int, of total: Int, stage: String, bytes: Int) {}
    public func datasetRows(_ id: String, rows: Int, bytesRead: Int) {}
    public func datasetFinished(_ id: String, rows: Int, stage: String) {}
}
