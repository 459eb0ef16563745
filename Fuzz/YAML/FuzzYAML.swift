import Foundation
import FuzzSupport
@testable import PortailKit

// libFuzzer target: loading the content's YAML, as `portail build` and `portail check` do.
//
// Input: the text of a YAML file (any bytes). Each input is written as both Content/site.yaml and
// Content/datasets/fuzz/dataset.yaml, then goes through
//   ContentLoader (SourceFile.load: UTF-8 check; YAMLDocument: Yams/libyaml, syntax diagnostics,
//   the unclosed-quote finder; YAMLMapping: SiteSpec.read and DatasetSpec.read with their
//   unknown-key and wrong-type checks; the data file named by source.path when it exists)
//   → Validator.validateMetadata (site, licences, themes, dates, URLs, fields and their formats,
//     views, agenda and place roles…)
//   → the Markdown of the descriptions, and every diagnostic sorted and printed.
// The dataset folder holds the fixtures' data files (their first 50 lines, under their own
// names), so that a seed's `source.path` finds its file and the field rules see a real header.
// Every input must end in a spec or diagnostics: never a trap, a hang or unbounded memory.

let content = Scratch.folder("yaml/Content")
let datasetFolder = Scratch.folder("yaml/Content/datasets/fuzz")
let siteURL = content.appendingPathComponent("site.yaml")
let datasetURL = datasetFolder.appendingPathComponent("dataset.yaml")

/// Copies the fixtures' data files into the dataset folder, once.
let dataFiles: Int = {
    let roots = ["Tests/PortailKitTests/Fixtures/Sites", "Tests/PortailKitTests/Fixtures/Invalid", "Content/datasets"]
    var copied = Set<String>()
    for root in roots {
        let url = repositoryRoot.appendingPathComponent(root)
        guard let walker = FileManager.default.enumerator(atPath: url.path) else { continue }
        for case let relative as String in walker.allObjects.compactMap({ $0 as? String }).sorted()
        where relative.hasSuffix(".csv") {
            let name = (relative as NSString).lastPathComponent
            guard !copied.contains(name), let data = head(of: url.appendingPathComponent(relative), lines: 50) else { continue }
            try? data.write(to: datasetFolder.appendingPathComponent(name))
            copied.insert(name)
        }
    }
    return copied.count
}()

let loader = ContentLoader(root: content, displayRoot: "Content")

/// The program's entry point under SwiftPM (see runFuzzer).
@_cdecl("FuzzYAML_main")
public func fuzzYAMLMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzYAML)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = dataFiles
    let bytes = UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size)
    Scratch.write(bytes, to: siteURL)
    Scratch.write(bytes, to: datasetURL)

    let (raw, loaded) = loader.load()
    var diagnostics = loaded
    let validated = Validator.validateMetadata(raw, languages: ["fr", "en"], baseURLOverride: nil,
                                               buildDate: fuzzBuildDate, into: &diagnostics)
    // Descriptions are Markdown, rendered on the catalogue and dataset pages.
    if let validated {
        _ = Markdown.html(validated.site.description, topHeading: 2)
        for dataset in validated.datasets {
            _ = Markdown.html(dataset.description, topHeading: 3)
            _ = Markdown.plainText(dataset.description)
        }
    }
    consume(diagnostics)
    return 0
}
