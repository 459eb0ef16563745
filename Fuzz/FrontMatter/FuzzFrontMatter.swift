import Foundation
import FuzzSupport
@testable import PortailKit

// libFuzzer target: loading a Markdown page, as `portail build` and `portail check` do.
//
// Input: the text of Content/pages/fuzz.md (any bytes). Each input goes through
//   ContentLoader (SourceFile.load: UTF-8 check and byte-order mark; FrontMatter.split; the front
//   matter through YAMLDocument and YAMLMapping, with line numbers shifted to the page's; PageSpec)
//   → Validator.validateMetadata (PageRules; the site is the fixtures' small one)
//   → the body through cmark-gfm as the page renderer and the excerpts use it (Markdown.html with
//     its heading relevelling, Markdown.plainText), whether or not the front matter was valid
//   → every diagnostic sorted and printed.
// cmark-gfm is not thread-safe; libFuzzer runs inputs on one thread, and Markdown serialises anyway.
// Every input must end in a page or diagnostics: never a trap, a hang or unbounded memory.

let content = Scratch.folder("frontmatter/Content")
let pageURL = Scratch.folder("frontmatter/Content/pages").appendingPathComponent("fuzz.md")
let loader = ContentLoader(root: content, displayRoot: "Content")

/// A valid site.yaml beside the page, so that validation takes its normal path.
let site: Void = {
    let fixture = repositoryRoot.appendingPathComponent("Tests/PortailKitTests/Fixtures/Sites/small/Content/site.yaml")
    let text = (try? Data(contentsOf: fixture)) ?? Data("title: Fuzz\nbase_url: https://fuzz.example/\npublisher: {name: Fuzz}\nlicence: etalab-2.0\n".utf8)
    try! text.write(to: content.appendingPathComponent("site.yaml"))
}()

/// The program's entry point under SwiftPM (see runFuzzer).
@_cdecl("FuzzFrontMatter_main")
public func fuzzFrontMatterMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzFrontMatter)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrontMatter(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = site
    let bytes = UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size)
    Scratch.write(bytes, to: pageURL)

    let (raw, loaded) = loader.load()
    var diagnostics = loaded
    let validated = Validator.validateMetadata(raw, languages: ["fr", "en"], baseURLOverride: nil,
                                               buildDate: fuzzBuildDate, into: &diagnostics)
    for page in validated?.pages ?? [] {
        _ = Markdown.html(page.markdown, topHeading: 2)
        _ = Markdown.plainText(page.markdown)
    }
    // The body of a page whose front matter failed is rendered all the same: more of cmark-gfm.
    if validated?.pages.isEmpty ?? true, size < 1 << 16 {
        let text = String(decoding: bytes, as: UTF8.self)
        let body = SourceFile(path: "Content/pages/fuzz.md", text: text)
        let (_, markdown) = FrontMatter.split(body)
        _ = Markdown.html(markdown, topHeading: 3)
    }
    consume(diagnostics)
    return 0
}
