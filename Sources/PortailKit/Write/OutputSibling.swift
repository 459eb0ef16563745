import Foundation

/// What a build keeps beside its output folder rather than in it, so that it is never
/// published: the render cache, the staging folder, the commit's journal. Each is named
/// `.<name of output>.portail-<what>`, in the folder that holds the output.
enum OutputSibling {
    static func url(of output: URL, _ what: String) -> URL {
        let folder = output.standardizedFileURL
        return folder.deletingLastPathComponent().appendingPathComponent(".\(folder.lastPathComponent).portail-\(what)")
    }
}
