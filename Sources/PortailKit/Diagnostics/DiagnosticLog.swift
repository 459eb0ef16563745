import Synchronization

/// A thread-safe collector of diagnostics, shared by the stages of one build.
///
/// Stages run concurrently over datasets, so appends are guarded; ``sorted`` gives a stable
/// order whatever the scheduling was.
public final class DiagnosticLog: Sendable {
    private let storage = Mutex<[Diagnostic]>([])

    public init() {}

    public func report(_ diagnostic: Diagnostic) {
        storage.withLock { $0.append(diagnostic) }
    }

    public func report(contentsOf diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        storage.withLock { $0.append(contentsOf: diagnostics) }
    }

    public var sorted: [Diagnostic] {
        storage.withLock { Array(Set($0)).sorted() }
    }

    public var errorCount: Int {
        storage.withLock { $0.lazy.filter { $0.severity == .error }.count }
    }

    public var hasErrors: Bool { errorCount > 0 }
}
